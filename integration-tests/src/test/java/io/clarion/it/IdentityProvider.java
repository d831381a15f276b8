package io.clarion.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A company's OpenID Connect provider, played by WireMock: its discovery document, signing keys
 * (JWKS), an authorization endpoint that signs the person in at once and sends them back with a
 * code, and a token endpoint that trades the code for an RS256 access token, with the CORS header
 * a browser needs to read it.
 */
final class IdentityProvider implements AutoCloseable {
    static final String CODE = "code-for-the-browser";
    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server;
    final KeyPair keys;
    final String issuer;

    private IdentityProvider(WireMockServer server, KeyPair keys) {
        this.server = server;
        this.keys = keys;
        this.issuer = server.baseUrl() + "/realms/acme";
    }

    static IdentityProvider start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        WireMockServer server = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        IdentityProvider idp = new IdentityProvider(server, keys);
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        String jwks = JSON.createObjectNode().set("keys", JSON.createArrayNode().add(JSON.createObjectNode().put("kty", "RSA")
                .put("kid", "k1").put("use", "sig").put("alg", "RS256").put("n", b64(unsigned(pub.getModulus().toByteArray())))
                .put("e", b64(unsigned(pub.getPublicExponent().toByteArray()))))).toString();
        server.stubFor(WireMock.get("/realms/acme/certs").willReturn(WireMock.okJson(jwks)));
        server.stubFor(WireMock.get("/realms/acme/.well-known/openid-configuration").willReturn(WireMock.okJson(JSON.writeValueAsString(Map.of(
                "issuer", idp.issuer, "authorization_endpoint", idp.issuer + "/auth", "token_endpoint", idp.issuer + "/token",
                "jwks_uri", idp.issuer + "/certs", "response_types_supported", List.of("code"),
                "code_challenge_methods_supported", List.of("S256")))).withHeader("Access-Control-Allow-Origin", "*")));
        return idp;
    }

    /** The settings a Clarion server needs to accept this provider's tokens and offer sign-in through it. */
    Map<String, String> serverSettings(String clientId) {
        return Map.of("mp.jwt.verify.publickey.location", issuer + "/certs", "mp.jwt.verify.issuer", issuer,
                "clarion.oidc.client-id", clientId);
    }

    /**
     * Signs the next visitor in as the given claims: the authorization endpoint sends the browser
     * back to {@code redirect} with a code and the state it was given; the token endpoint trades
     * that code for a token carrying the claims.
     */
    void signsInAs(String redirect, Map<String, Object> claims) throws Exception {
        server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/realms/acme/auth"))
                .willReturn(WireMock.aResponse().withStatus(302)
                        .withHeader("Location", redirect + "?code=" + CODE + "&state={{request.query.state}}")
                        .withTransformers("response-template")));
        server.stubFor(WireMock.post("/realms/acme/token").withRequestBody(WireMock.containing("code=" + CODE))
                .willReturn(WireMock.okJson(JSON.writeValueAsString(Map.of("access_token", jwt(keys.getPrivate(), issuer, claims),
                        "token_type", "Bearer", "expires_in", 600))).withHeader("Access-Control-Allow-Origin", "*")));
    }

    /** An RS256 JWT as an identity provider issues it. */
    static String jwt(PrivateKey key, String issuer, Map<String, Object> claims) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("iss", issuer, "iat", now, "exp", now + 600));
        payload.putAll(claims);
        String signingInput = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "k1"))) + "."
                + b64(JSON.writeValueAsBytes(payload));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(key);
        sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(sig.sign());
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] unsigned(byte[] b) {
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    @Override
    public void close() {
        server.stop();
    }
}
