package io.clarion.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the web app signs a person in through the company's OpenID Connect provider: the
 * authorization code flow with PKCE, run by the browser as a public client. The provider's
 * access token (a JWT of the configured issuer) then goes to /api/v1 like any bearer token and is
 * verified there as any other; the app holds no secret and grants nothing of its own.
 *
 * <p>On when {@code clarion.oidc.client-id} and {@code mp.jwt.verify.issuer} are set. The
 * endpoints are {@code clarion.oidc.authorization-url} and {@code clarion.oidc.token-url}, or
 * read from the issuer's discovery document when those are not given.
 */
public record OidcSettings(String issuer, String clientId, String authorizationEndpoint, String tokenEndpoint, String scope) {
    public static final String CLIENT_ID_KEY = "clarion.oidc.client-id";
    public static final String AUTHORIZATION_URL_KEY = "clarion.oidc.authorization-url";
    public static final String TOKEN_URL_KEY = "clarion.oidc.token-url";
    public static final String SCOPE_KEY = "clarion.oidc.scope";
    public static final String ISSUER_KEY = "mp.jwt.verify.issuer";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why the sign-in through the provider is not offered, for the log; the token field still works. */
    public static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The settings, or empty when no client id (or no issuer) is configured. Throws
     * {@link Unavailable} when they are configured but the endpoints cannot be learnt.
     */
    public static Optional<OidcSettings> from(Function<String, Optional<String>> config) throws Unavailable {
        Optional<String> clientId = value(config, CLIENT_ID_KEY);
        Optional<String> issuer = value(config, ISSUER_KEY);
        if (clientId.isEmpty() || issuer.isEmpty()) return Optional.empty();
        String scope = value(config, SCOPE_KEY).orElse("openid profile");
        Optional<String> authorization = value(config, AUTHORIZATION_URL_KEY);
        Optional<String> token = value(config, TOKEN_URL_KEY);
        if (authorization.isPresent() && token.isPresent()) {
            return Optional.of(new OidcSettings(issuer.get(), clientId.get(), authorization.get(), token.get(), scope));
        }
        JsonNode discovery = discover(issuer.get());
        String auth = authorization.orElse(discovery.path("authorization_endpoint").asText(""));
        String tok = token.orElse(discovery.path("token_endpoint").asText(""));
        if (auth.isBlank() || tok.isBlank()) {
            throw new Unavailable("the discovery document of " + issuer.get() + " names no authorization_endpoint or token_endpoint; set "
                    + AUTHORIZATION_URL_KEY + " and " + TOKEN_URL_KEY, null);
        }
        return Optional.of(new OidcSettings(issuer.get(), clientId.get(), auth, tok, scope));
    }

    private static JsonNode discover(String issuer) throws Unavailable {
        String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new Unavailable("the provider's discovery document " + url + " answered " + r.statusCode(), null);
            return JSON.readTree(r.body());
        } catch (IOException | IllegalArgumentException e) {
            throw new Unavailable("the provider's discovery document " + url + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while reading " + url, e);
        }
    }

    private static Optional<String> value(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::strip).filter(s -> !s.isEmpty());
    }
}
