package io.clarion.web;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in through the identity provider: off unless configured, endpoints given or discovered, and a clear reason when not learnt. */
class OidcSettingsTest {
    static WireMockServer idp;

    @BeforeAll
    static void start() {
        idp = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
        idp.start();
        idp.stubFor(WireMock.get("/realms/acme/.well-known/openid-configuration").willReturn(WireMock.okJson(
                "{\"issuer\": \"" + idp.baseUrl() + "/realms/acme\", \"authorization_endpoint\": \"" + idp.baseUrl() + "/realms/acme/auth\", "
                        + "\"token_endpoint\": \"" + idp.baseUrl() + "/realms/acme/token\"}")));
        idp.stubFor(WireMock.get("/realms/bare/.well-known/openid-configuration").willReturn(WireMock.okJson("{\"issuer\": \"x\"}")));
    }

    @AfterAll
    static void stop() {
        idp.stop();
    }

    static Function<String, Optional<String>> config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void offWithoutAClientIdOrAnIssuer() throws Exception {
        assertTrue(OidcSettings.from(config(Map.of())).isEmpty());
        assertTrue(OidcSettings.from(config(Map.of(OidcSettings.ISSUER_KEY, idp.baseUrl() + "/realms/acme"))).isEmpty(),
                "accepting the provider's tokens does not by itself offer sign-in through it");
        assertTrue(OidcSettings.from(config(Map.of(OidcSettings.CLIENT_ID_KEY, "clarion-web"))).isEmpty());
    }

    @Test
    void endpointsFromTheDiscoveryDocumentUnlessGiven() throws Exception {
        Map<String, String> values = new HashMap<>(Map.of(OidcSettings.ISSUER_KEY, idp.baseUrl() + "/realms/acme/",
                OidcSettings.CLIENT_ID_KEY, "clarion-web"));
        OidcSettings found = OidcSettings.from(config(values)).orElseThrow();
        assertEquals(idp.baseUrl() + "/realms/acme/auth", found.authorizationEndpoint());
        assertEquals(idp.baseUrl() + "/realms/acme/token", found.tokenEndpoint());
        assertEquals("clarion-web", found.clientId());
        assertEquals("openid profile", found.scope());

        values.put(OidcSettings.AUTHORIZATION_URL_KEY, "https://login.example.com/authorize");
        values.put(OidcSettings.TOKEN_URL_KEY, "https://login.example.com/token");
        values.put(OidcSettings.SCOPE_KEY, "openid email");
        int asked = idp.getAllServeEvents().size();
        OidcSettings given = OidcSettings.from(config(values)).orElseThrow();
        assertEquals("https://login.example.com/authorize", given.authorizationEndpoint());
        assertEquals("https://login.example.com/token", given.tokenEndpoint());
        assertEquals("openid email", given.scope());
        assertEquals(asked, idp.getAllServeEvents().size(), "given endpoints need no discovery");
    }

    @Test
    void aProviderThatCannotBeReadIsNamedWithWhatToSet() {
        var missing = assertThrows(OidcSettings.Unavailable.class, () -> OidcSettings.from(config(Map.of(
                OidcSettings.ISSUER_KEY, idp.baseUrl() + "/realms/nowhere", OidcSettings.CLIENT_ID_KEY, "clarion-web"))));
        assertTrue(missing.getMessage().contains("/realms/nowhere/.well-known/openid-configuration answered 404"), missing.getMessage());
        var bare = assertThrows(OidcSettings.Unavailable.class, () -> OidcSettings.from(config(Map.of(
                OidcSettings.ISSUER_KEY, idp.baseUrl() + "/realms/bare", OidcSettings.CLIENT_ID_KEY, "clarion-web"))));
        assertTrue(bare.getMessage().contains(OidcSettings.AUTHORIZATION_URL_KEY), bare.getMessage());
    }
}
