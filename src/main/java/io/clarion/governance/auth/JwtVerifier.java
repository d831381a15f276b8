package io.clarion.governance.auth;

import io.clarion.governance.policy.Principal;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Access tokens from a company's identity provider: signed JWTs verified by the MicroProfile
 * JWT parser (keys from {@code mp.jwt.verify.publickey.location}, usually the provider's JWKS
 * URL, and issuer from {@code mp.jwt.verify.issuer}). Roles come from a claim ({@code groups}
 * by default), the owner id from another ({@code owner_id}).
 */
public final class JwtVerifier implements Authenticator.TokenVerifier {
    private static final Logger LOG = Logger.getLogger(JwtVerifier.class);
    public static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";
    public static final String KEY = "mp.jwt.verify.publickey";
    public static final String ROLES_CLAIM = "clarion.auth.jwt.roles-claim";
    public static final String OWNER_CLAIM = "clarion.auth.jwt.owner-id-claim";

    private final JWTParser parser;
    private final String rolesClaim;
    private final String ownerClaim;

    public JwtVerifier(JWTParser parser, String rolesClaim, String ownerClaim) {
        this.parser = parser;
        this.rolesClaim = rolesClaim;
        this.ownerClaim = ownerClaim;
    }

    /** A verifier when the provider's keys are configured, else none (bearer tokens from the users file only). */
    public static Optional<Authenticator.TokenVerifier> configure(Function<String, Optional<String>> config, JWTParser parser) {
        boolean keys = config.apply(KEY_LOCATION).or(() -> config.apply(KEY)).filter(s -> !s.isBlank()).isPresent();
        if (!keys || parser == null) return Optional.empty();
        return Optional.of(new JwtVerifier(parser, config.apply(ROLES_CLAIM).orElse("groups"), config.apply(OWNER_CLAIM).orElse("owner_id")));
    }

    @Override
    public Optional<Principal> verify(String jwt) {
        JsonWebToken t;
        try {
            t = parser.parse(jwt);
        } catch (ParseException e) {
            // Why a token failed is for the server log, never for the caller.
            LOG.debugf("a JWT was refused: %s", e.getMessage());
            return Optional.empty();
        }
        String name = Optional.ofNullable(t.<Object>getClaim("preferred_username")).map(Object::toString)
                .orElse(t.getName() != null ? t.getName() : t.getSubject());
        if (name == null) return Optional.empty();
        List<String> roles = new ArrayList<>();
        Object claim = "groups".equals(rolesClaim) ? t.getGroups() : t.getClaim(rolesClaim);
        if (claim instanceof Collection<?> c) c.forEach(r -> roles.add(unquote(r)));
        else if (claim != null) roles.add(unquote(claim));
        Map<String, String> attributes = new HashMap<>();
        Object owner = t.getClaim(ownerClaim);
        if (owner != null) attributes.put("owner_id", unquote(owner));
        return Optional.of(new Principal(name, roles, attributes));
    }

    /** JSON string claims may come back as JSON values ("\"owner\""). */
    private static String unquote(Object o) {
        String s = o.toString();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
