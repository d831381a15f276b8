package io.clarion.governance.policy;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.AccessPolicy;
import io.clarion.catalog.model.Catalog;
import io.clarion.governance.auth.UsersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A catalog without access.yml is safe by default: built-in roles only, PII masked, the audit log for admins, owners see nothing. */
class DefaultPolicyTest {
    static final Catalog CATALOG = CatalogLoader.loadStrings(Map.of("accounts.yml", """
            cubes:
              - name: accounts
                sql_table: accounts
                measures:
                  - name: count
                    type: count
                dimensions:
                  - name: account_id
                    type: string
                    sql: account_id
                    primary_key: true
                  - name: contact_email
                    type: string
                    sql: contact_email
                    meta: {pii: true, masking: hash}
            """)).catalog();

    static Access as(String role, Map<String, String> attributes) {
        return Access.of(CATALOG, new Principal("someone", List.of(role), attributes));
    }

    @Test
    void theCatalogGetsTheBuiltInPolicyNotAnOpenDoor() {
        assertTrue(CATALOG.access().builtIn());
        assertEquals(List.of("admin", "analyst", "executive", "owner"), List.copyOf(CATALOG.access().roles().keySet()));
    }

    @Test
    void piiIsMaskedForEveryRoleButAdmin() {
        var email = CATALOG.cube("accounts").orElseThrow().dimension("contact_email").orElseThrow();
        assertFalse(as("admin", Map.of()).masks(email));
        assertTrue(as("analyst", Map.of()).masks(email));
        assertTrue(as("executive", Map.of()).masks(email));
    }

    @Test
    void theAuditLogAndOperationsAreForAdminsOnly() {
        assertTrue(as("admin", Map.of()).has(AccessPolicy.Privilege.AUDIT));
        assertFalse(as("analyst", Map.of()).has(AccessPolicy.Privilege.AUDIT));
        assertFalse(as("executive", Map.of()).has(AccessPolicy.Privilege.OPERATE));
    }

    @Test
    void aRoleOutsideTheBuiltInSetIsRefused() {
        Access stranger = as("superuser", Map.of());
        assertTrue(stranger.denial("accounts.count").isPresent());
        assertTrue(stranger.denial("accounts.count").get().contains("is declared in the access policy (roles: admin, analyst, executive, owner)"), stranger.denial("accounts.count").get());
        assertFalse(stranger.has(AccessPolicy.Privilege.PII));
    }

    @Test
    void anOwnerWithoutADeclaredRowFilterSeesNothing() {
        Access owner = as("owner", Map.of("owner_id", "own_001"));
        assertTrue(owner.denial("accounts.count").isPresent(), "a missing scope means nothing");
        assertTrue(owner.denial("accounts.count").get().contains("access.yml"), owner.denial("accounts.count").get());
    }

    @Test
    void aUsersFileNamingAnUndeclaredRoleIsRefused(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.yml");
        Files.writeString(users, """
                users:
                  - name: mallory
                    roles: [superuser]
                    token_sha256: 7a2421ba0e6e6b91ac6b8e3401994736176dd17f7720ac13abbbbfa1e9ef0f17
                """);
        RuntimeException e = assertThrows(RuntimeException.class, () -> UsersFile.read(users, CATALOG.access()));
        assertTrue(e.getMessage().contains("superuser"), e.getMessage());
    }
}
