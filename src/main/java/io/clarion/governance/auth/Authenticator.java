package io.clarion.governance.auth;

import io.clarion.catalog.model.AccessPolicy;
import io.clarion.governance.policy.Principal;
import io.clarion.governance.audit.AuditLog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns an {@code Authorization} header into a principal: a configured bearer token (users file,
 * or the demo users), else a signed JWT when a verifier is configured. Failures are values with a
 * plain message; the message never says which part of a token was wrong.
 */
public final class Authenticator {
    public static final String USERS_FILE_KEY = "clarion.auth.users-file";
    public static final String DEMO_USERS_KEY = "clarion.auth.demo-users";

    /** The outcome of one authentication: a principal, or why not (401). */
    public record Result(Principal principal, String error) {
        public static Result ok(Principal p) {
            return new Result(p, null);
        }

        public static Result failed(String message) {
            return new Result(null, message);
        }

        public boolean ok() {
            return principal != null;
        }
    }

    /** Verifies a JWT and maps its claims to a principal; empty when the token is not valid. */
    public interface TokenVerifier {
        Optional<Principal> verify(String jwt);
    }

    private final Map<String, User> byTokenHash;
    private final TokenVerifier jwt;

    public Authenticator(List<User> users, TokenVerifier jwt) {
        Map<String, User> m = new HashMap<>();
        for (User u : users) m.put(u.tokenSha256(), u);
        this.byTokenHash = Map.copyOf(m);
        this.jwt = jwt;
    }

    /**
     * Users from {@code clarion.auth.users-file}, plus the demo users when
     * {@code clarion.auth.demo-users} is true ({@code demoDefault} when unset).
     */
    public static Authenticator configure(Function<String, Optional<String>> config, AccessPolicy policy, boolean demoDefault,
                                          TokenVerifier jwt) {
        Map<String, User> users = new LinkedHashMap<>();
        boolean demo = config.apply(DEMO_USERS_KEY).map(String::strip).map(Boolean::parseBoolean).orElse(demoDefault);
        if (demo) DemoUsers.ALL.forEach(u -> users.put(u.tokenSha256(), u));
        Optional<String> file = config.apply(USERS_FILE_KEY).map(String::strip).filter(s -> !s.isEmpty());
        if (file.isPresent()) UsersFile.read(java.nio.file.Path.of(file.get()), policy).forEach(u -> users.put(u.tokenSha256(), u));
        return new Authenticator(List.copyOf(users.values()), jwt);
    }

    /** True when {@code token} is one of the configured users' tokens. */
    public boolean knows(String token) {
        return byTokenHash.containsKey(AuditLog.sha256(token));
    }

    public boolean acceptsJwt() {
        return jwt != null;
    }

    public int userCount() {
        return byTokenHash.size();
    }

    public Result authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Result.failed("this API needs a bearer token: send the header \"Authorization: Bearer <token>\"");
        }
        String h = authorization.strip();
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
            return Result.failed("the Authorization header must be \"Bearer <token>\"");
        }
        String token = h.substring(7).strip();
        User u = byTokenHash.get(AuditLog.sha256(token));
        if (u != null) return Result.ok(u.principal());
        if (jwt != null && token.chars().filter(c -> c == '.').count() == 2) {
            Optional<Principal> p = jwt.verify(token);
            if (p.isPresent()) return Result.ok(p.get());
        }
        if (byTokenHash.isEmpty() && jwt == null) {
            return Result.failed("no users are configured on this server: set " + USERS_FILE_KEY + " (or enable " + DEMO_USERS_KEY + ")");
        }
        return Result.failed("the bearer token is not valid (unknown, expired or malformed)");
    }
}
