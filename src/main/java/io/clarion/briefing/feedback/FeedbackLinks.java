package io.clarion.briefing.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed, expiring links an owner follows from a briefing to give feedback on one flagged
 * account, without signing in: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))},
 * the payload naming the briefing, the customer, the owner and the expiry (epoch seconds).
 *
 * <p>The secret is {@code clarion.feedback.secret} when configured, otherwise one generated on
 * first use and kept in {@code clarion.app_secret}, so every instance on the same store signs and
 * verifies alike and links survive restarts.
 */
public final class FeedbackLinks {
    public static final String SECRET_KEY = "clarion.feedback.secret";
    public static final String TTL_KEY = "clarion.feedback.link-ttl";
    public static final String PUBLIC_URL_KEY = "clarion.public-url";
    public static final Duration DEFAULT_TTL = Duration.ofDays(21);
    static final int MIN_SECRET_LENGTH = 32;
    static final String SECRET_NAME = "feedback-link";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(d|days?|h|hours?|m|minutes?)");

    /** Read from the store on first use (a configured warehouse may be down when the server starts). */
    private final java.util.function.Supplier<byte[]> secret;
    private final Duration ttl;
    private final String publicUrl;
    private final Clock clock;

    public FeedbackLinks(byte[] secret, Duration ttl, String publicUrl, Clock clock) {
        this(checked(secret), ttl, publicUrl, clock);
    }

    private static java.util.function.Supplier<byte[]> checked(byte[] secret) {
        if (secret.length < MIN_SECRET_LENGTH) throw new IllegalArgumentException("a link secret has at least " + MIN_SECRET_LENGTH + " bytes");
        byte[] copy = secret.clone();
        return () -> copy;
    }

    private FeedbackLinks(java.util.function.Supplier<byte[]> secret, Duration ttl, String publicUrl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("the link lifetime must be positive, not " + ttl);
        this.secret = secret;
        this.ttl = ttl;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    /** Links configured from {@code config}, with the shared stored secret when none is configured. */
    public static FeedbackLinks create(DataSource ds, Function<String, Optional<String>> config) {
        return create(ds, config, Clock.systemUTC());
    }

    public static FeedbackLinks create(DataSource ds, Function<String, Optional<String>> config, Clock clock) {
        Duration ttl = checkConfig(config);
        Optional<String> configured = configuredSecret(config);
        // Unset, links point at this server on this machine: the port it serves on (serve --port), not always 8080.
        String url = config.apply(PUBLIC_URL_KEY).map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> "http://localhost:" + config.apply("quarkus.http.port").map(String::strip).filter(p -> p.matches("\\d+")).orElse("8080"));
        if (configured.isPresent()) return new FeedbackLinks(configured.get().getBytes(StandardCharsets.UTF_8), ttl, url, clock);
        return new FeedbackLinks(io.clarion.store.AppSecrets.stored(ds, SECRET_NAME), ttl, url, clock);
    }

    /**
     * Checks the link settings without touching the store, so a server can refuse to start on a
     * bad setting; returns the link lifetime.
     */
    public static Duration checkConfig(Function<String, Optional<String>> config) {
        configuredSecret(config);
        return config.apply(TTL_KEY).map(FeedbackLinks::parseTtl).orElse(DEFAULT_TTL);
    }

    private static Optional<String> configuredSecret(Function<String, Optional<String>> config) {
        Optional<String> configured = config.apply(SECRET_KEY).map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent() && configured.get().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(SECRET_KEY + " must be at least " + MIN_SECRET_LENGTH + " characters long (it has "
                    + configured.get().length() + "); use a long random value, or leave it unset to have one generated and stored");
        }
        return configured;
    }

    /** {@code 21d}, {@code 36h}, {@code 90m} or an ISO-8601 duration such as {@code P21D}. */
    static Duration parseTtl(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Duration d = null;
        Matcher m = SHORT_DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2).charAt(0)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        } else if (v.startsWith("p")) {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalStateException(TTL_KEY + " = \"" + value + "\" is not a positive duration; write it like 21d, 36h or P21D");
        }
        return d;
    }

    public Duration ttl() {
        return ttl;
    }

    /** The page an owner opens to give feedback on one account of one briefing. */
    public String url(long briefingId, String customerId, String ownerId) {
        return publicUrl + "/feedback/" + token(briefingId, customerId, ownerId);
    }

    public String token(long briefingId, String customerId, String ownerId) {
        ObjectNode p = JSON.createObjectNode();
        p.put("b", briefingId);
        p.put("c", customerId);
        p.put("o", ownerId);
        p.put("e", clock.instant().plus(ttl).getEpochSecond());
        byte[] payload = p.toString().getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(sign(payload));
    }

    /** Checks a token; every failure is a value with a message fit to show the person holding it. */
    public Verified verify(String token) {
        if (token == null) return new Verified.Malformed();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) return new Verified.Malformed();
        byte[] payload;
        try {
            payload = B64D.decode(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return new Verified.Malformed();
        }
        // One canonical encoding: padding or stray low bits would make many strings of one link, so the
        // payload must re-encode to what was sent, and the signature is compared as its canonical
        // text, in constant time. Signature first: nothing in an unsigned payload is read.
        if (!B64.encodeToString(payload).equals(token.substring(0, dot))) return new Verified.Malformed();
        byte[] expected = B64.encodeToString(sign(payload)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) return new Verified.BadSignature();
        JsonNode p;
        try {
            p = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            return new Verified.Malformed();
        }
        if (p == null || !p.path("b").canConvertToLong() || !p.path("c").isTextual() || !p.path("o").isTextual()
                || !p.path("e").canConvertToLong()) {
            return new Verified.Malformed();
        }
        Instant expires = Instant.ofEpochSecond(p.get("e").asLong());
        if (!clock.instant().isBefore(expires)) return new Verified.Expired(expires);
        return new Verified.Valid(new LinkTarget(p.get("b").asLong(), p.get("c").asText(), p.get("o").asText()), expires);
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.get(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** What a link points at: one account of one owner's briefing. */
    public record LinkTarget(long briefingId, String customerId, String ownerId) {
    }

    /** The outcome of checking a link. */
    public sealed interface Verified {
        /** A sentence for the person who followed the link. */
        String message();

        default boolean valid() {
            return this instanceof Valid;
        }

        record Valid(LinkTarget target, Instant expiresAt) implements Verified {
            @Override
            public String message() {
                return "This feedback link is valid until " + expiresAt + ".";
            }
        }

        record Malformed() implements Verified {
            @Override
            public String message() {
                return "This feedback link is incomplete or damaged; open it again from the briefing, or ask for a new briefing.";
            }
        }

        record BadSignature() implements Verified {
            @Override
            public String message() {
                return "This feedback link is not valid (it was changed or signed with another key); open it again from the briefing.";
            }
        }

        record Expired(Instant expiredAt) implements Verified {
            public LocalDate expiredOn() {
                return LocalDate.ofInstant(expiredAt, ZoneOffset.UTC);
            }

            @Override
            public String message() {
                return "This feedback link expired on " + expiredOn() + "; ask for a new briefing.";
            }
        }
    }
}
