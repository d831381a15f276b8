package io.clarion.governance.auth;

import io.clarion.governance.audit.AuditLog;

import java.util.List;
import java.util.Map;

/**
 * One user per role for the built-in demo, with the tokens the README lists. They exist only
 * when demo users are enabled (by default with the embedded demo warehouse, never otherwise).
 */
public final class DemoUsers {
    public static final String ADMIN = "demo-admin-token";
    public static final String ANALYST = "demo-analyst-token";
    public static final String EXECUTIVE = "demo-executive-token";
    public static final String OWNER = "demo-owner-token";
    public static final String OWNER_2 = "demo-owner2-token";

    public static final List<User> ALL = List.of(
            user("ada.admin", "admin", Map.of(), ADMIN),
            user("ana.analyst", "analyst", Map.of(), ANALYST),
            user("eve.executive", "executive", Map.of(), EXECUTIVE),
            user("olga.owner", "owner", Map.of("owner_id", "own_001"), OWNER),
            user("oscar.owner", "owner", Map.of("owner_id", "own_002"), OWNER_2));

    private DemoUsers() {
    }

    private static User user(String name, String role, Map<String, String> attributes, String token) {
        return new User(name, List.of(role), attributes, AuditLog.sha256(token));
    }
}
