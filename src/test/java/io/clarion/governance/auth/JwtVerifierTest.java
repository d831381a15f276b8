package io.clarion.governance.auth;

import io.clarion.governance.policy.Principal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens an identity provider signs, verified with its public key and issuer. */
class JwtVerifierTest {
    static final String ISSUER = "https://idp.example.com/realms/acme";

    static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    @Test
    void aSignedTokenBecomesAPrincipalWithRolesAndOwnerId() throws Exception {
        KeyPair idp = keys();
        Authenticator auth = new Authenticator(List.of(), new JwtVerifier(new DefaultJWTParser(
                new JWTAuthContextInfo(idp.getPublic(), ISSUER)), "groups", "owner_id"));
        String token = Jwt.issuer(ISSUER).subject("u-17").claim("preferred_username", "olga@acme")
                .groups(Set.of("owner")).claim("owner_id", "own_003").expiresIn(300).sign(idp.getPrivate());
        Authenticator.Result r = auth.authenticate("Bearer " + token);
        assertTrue(r.ok(), r.error());
        assertEquals(new Principal("olga@acme", List.of("owner"), Map.of("owner_id", "own_003")), r.principal());
    }

    @Test
    void aForgedExpiredOrForeignTokenIsRefusedWithoutSayingWhy() throws Exception {
        KeyPair idp = keys();
        KeyPair attacker = keys();
        Authenticator auth = new Authenticator(List.of(), new JwtVerifier(new DefaultJWTParser(
                new JWTAuthContextInfo(idp.getPublic(), ISSUER)), "groups", "owner_id"));
        String forged = Jwt.issuer(ISSUER).subject("x").groups(Set.of("admin")).expiresIn(300).sign(attacker.getPrivate());
        String foreign = Jwt.issuer("https://evil.example").subject("x").groups(Set.of("admin")).expiresIn(300).sign(idp.getPrivate());
        String expired = Jwt.issuer(ISSUER).subject("x").groups(Set.of("admin")).issuedAt(1_600_000_000L).expiresAt(1_600_000_600L)
                .sign(idp.getPrivate());
        for (String t : List.of(forged, foreign, expired, "a.b.c")) {
            Authenticator.Result r = auth.authenticate("Bearer " + t);
            assertFalse(r.ok());
            assertEquals("the bearer token is not valid (unknown, expired or malformed)", r.error());
        }
    }

    @Test
    void withoutKeysConfiguredNoJwtIsAccepted() {
        assertTrue(JwtVerifier.configure(k -> Optional.empty(), null).isEmpty());
        assertTrue(JwtVerifier.configure(k -> k.equals(JwtVerifier.KEY_LOCATION) ? Optional.of("https://idp/jwks") : Optional.empty(),
                new DefaultJWTParser()).isPresent());
    }
}
