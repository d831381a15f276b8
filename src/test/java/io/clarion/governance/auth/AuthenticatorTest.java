package io.clarion.governance.auth;

import io.clarion.testing.DemoEngine;
import io.clarion.testing.TextPositions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticatorTest {

    static Authenticator configure(Map<String, String> config, boolean demoDefault) {
        return Authenticator.configure(k -> Optional.ofNullable(config.get(k)), DemoEngine.catalog().access(), demoDefault, null);
    }

    @Test
    void demoUsersExistOnlyWhenEnabled() {
        Authenticator on = configure(Map.of(), true);
        Authenticator.Result owner = on.authenticate("Bearer " + DemoUsers.OWNER);
        assertTrue(owner.ok());
        assertEquals("own_001", owner.principal().attribute("owner_id"));
        assertEquals("olga.owner", owner.principal().name());
        Authenticator off = configure(Map.of(), false);
        assertFalse(off.authenticate("Bearer " + DemoUsers.OWNER).ok());
        assertTrue(off.authenticate("Bearer " + DemoUsers.OWNER).error().contains("no users are configured"));
        assertFalse(configure(Map.of(Authenticator.DEMO_USERS_KEY, "false"), true).authenticate("Bearer " + DemoUsers.ADMIN).ok());
    }

    @Test
    void missingMalformedAndWrongTokensGetPlainMessages() {
        Authenticator a = configure(Map.of(), true);
        assertTrue(a.authenticate(null).error().contains("Authorization: Bearer"));
        assertTrue(a.authenticate("Basic YWxhZGRpbjpvcGVuc2VzYW1l").error().contains("must be \"Bearer <token>\""));
        assertTrue(a.authenticate("Bearer ").error().contains("must be"));
        assertEquals("the bearer token is not valid (unknown, expired or malformed)", a.authenticate("Bearer nope").error());
        assertTrue(a.authenticate("bearer " + DemoUsers.ANALYST).ok(), "the scheme is case-insensitive");
    }

    @Test
    void aUsersFileHoldsTokenHashesAndIsCheckedAgainstThePolicy(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("users.yml");
        Files.writeString(f, "users:\n  - name: olga\n    roles: [owner]\n    attributes: {owner_id: own_007}\n    token_sha256: "
                + UsersFile.hash("s3cret-olga") + "\n");
        Authenticator a = configure(Map.of(Authenticator.USERS_FILE_KEY, f.toString()), false);
        assertEquals(1, a.userCount());
        assertEquals("own_007", a.authenticate("Bearer s3cret-olga").principal().attribute("owner_id"));
        assertFalse(Files.readString(f).contains("s3cret-olga"));

        Files.writeString(f, "users:\n  - name: x\n    roles: [ownr]\n    token_sha256: " + UsersFile.hash("t") + "\n");
        IllegalStateException role = assertThrows(IllegalStateException.class,
                () -> configure(Map.of(Authenticator.USERS_FILE_KEY, f.toString()), false));
        assertTrue(role.getMessage().contains("unknown role \"ownr\""), role.getMessage());
        String pasted = "users:\n  - name: x\n    roles: [owner]\n    token: plain\n";
        Files.writeString(f, pasted);
        IllegalStateException plain = assertThrows(IllegalStateException.class,
                () -> configure(Map.of(Authenticator.USERS_FILE_KEY, f.toString()), false));
        assertTrue(plain.getMessage().contains("users.yml:" + TextPositions.position(pasted, "token:") + ": unknown key \"token\""),
                plain.getMessage());
        Files.writeString(f, "users:\n  - name: x\n    roles: [owner]\n    token_sha256: abc\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> configure(Map.of(Authenticator.USERS_FILE_KEY, f.toString()), false))
                .getMessage().contains("needs token_sha256"));
    }

    @Test
    void everyProblemOfAUsersFileIsReportedWithItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("users.yml");
        String text = "users:\n  - name: x\n    roles: [ownr]\n    token_sha256: abc\n  - name: y\n    roles: [owner]\n    token_sha256: "
                + UsersFile.hash("t") + "\n";
        Files.writeString(f, text);
        String report = assertThrows(IllegalStateException.class,
                () -> configure(Map.of(Authenticator.USERS_FILE_KEY, f.toString()), false)).getMessage();
        assertTrue(report.contains("users.yml:" + TextPositions.position(text, "ownr") + ": user x: unknown role \"ownr\""), report);
        assertTrue(report.contains("(did you mean owner?)"), report);
        assertTrue(report.contains("users.yml:" + TextPositions.position(text, "abc") + ": user x needs token_sha256"), report);
    }
}
