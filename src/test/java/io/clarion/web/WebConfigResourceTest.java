package io.clarion.web;

import io.clarion.governance.auth.Authenticator;
import io.clarion.governance.auth.DemoUsers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sign-in page lists the demo users' tokens only when the server accepts them. */
class WebConfigResourceTest {
    @Test
    void demoUsersAreListedOnlyWhenTheyAreOn() {
        WebConfigResource on = new WebConfigResource();
        on.authenticator = new Authenticator(DemoUsers.ALL, null);
        List<WebConfigResource.DemoUser> users = on.config().demoUsers();
        assertEquals(5, users.size());
        assertTrue(users.contains(new WebConfigResource.DemoUser("olga.owner", "owner", "own_001", DemoUsers.OWNER)), users.toString());
        for (WebConfigResource.DemoUser u : users) assertTrue(on.authenticator.knows(u.token()), u.toString());

        WebConfigResource off = new WebConfigResource();
        off.authenticator = new Authenticator(List.of(), null);
        assertEquals(List.of(), off.config().demoUsers());
    }
}
