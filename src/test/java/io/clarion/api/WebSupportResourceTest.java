package io.clarion.api;

import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the web app asks before it shows a page: who the caller is; and the preview endpoints' refusals. */
class WebSupportResourceTest {
    static Caller caller(String name, String role, Map<String, String> attributes) {
        return Caller.of(Access.of(DemoEngine.catalog(), new Principal(name, List.of(role), attributes)));
    }

    @Test
    void meTellsTheRolesPrivilegesAndOwnerScope() {
        MeResource me = new MeResource();
        me.caller = caller("olga", "owner", Map.of("owner_id", "own_001"));
        MeResource.Me owner = me.me();
        assertEquals("own_001", owner.ownerId());
        assertTrue(owner.piiMasked());
        assertFalse(owner.privileges().contains("operate"), owner.toString());
        me.caller = caller("ada", "admin", Map.of());
        MeResource.Me admin = me.me();
        assertNull(admin.ownerId());
        assertFalse(admin.piiMasked());
        assertTrue(admin.privileges().containsAll(List.of("pii", "audit", "operate")), admin.toString());
    }

    @Test
    void previewsNeedTheOperatePrivilegeAndSayWhatIsWrongWithTheRequest() {
        BriefingResource r = new BriefingResource();
        r.caller = caller("olga", "owner", Map.of("owner_id", "own_001"));
        assertThrows(Forbidden.class, () -> r.preview(1, "html"));
        assertThrows(Forbidden.class, () -> r.dryRunPreview("weekly-retention-risk", "own_001", null, "text"));
        assertEquals("missing_field", assertThrows(BadRequest.class, () -> r.dryRunPreview("weekly-retention-risk", " ", null, "text")).code());
        BadRequest render = assertThrows(BadRequest.class, () -> r.dryRunPreview("weekly-retention-risk", "own_001", null, "pdf"));
        assertEquals("invalid_value", render.code());
        assertTrue(render.getMessage().contains("html, text, slack"), render.getMessage());
        assertEquals("invalid_date", assertThrows(BadRequest.class, () -> r.dryRunPreview("weekly-retention-risk", "own_001", "June", null)).code());
    }
}
