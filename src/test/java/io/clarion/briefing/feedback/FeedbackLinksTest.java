package io.clarion.briefing.feedback;

import io.clarion.testing.TestDatabase;
import io.clarion.store.AppStore;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed feedback links: round trip, tampering, expiry, and the secret shared through the store. */
class FeedbackLinksTest {
    static final Instant NOW = Instant.parse("2026-06-15T07:00:00Z");
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static FeedbackLinks links(Instant now) {
        return new FeedbackLinks(SECRET, Duration.ofDays(21), "https://clarion.example.com/", Clock.fixed(now, ZoneOffset.UTC));
    }

    static Function<String, Optional<String>> config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    @Test
    void aLinkVerifiesToWhatItWasMadeFor() {
        FeedbackLinks links = links(NOW);
        String url = links.url(42, "cus_00017", "own_3");
        assertTrue(url.startsWith("https://clarion.example.com/feedback/"), url);
        String token = url.substring(url.lastIndexOf('/') + 1);
        FeedbackLinks.Verified v = links.verify(token);
        FeedbackLinks.Verified.Valid valid = assertInstanceOf(FeedbackLinks.Verified.Valid.class, v, v.message());
        assertEquals(new FeedbackLinks.LinkTarget(42, "cus_00017", "own_3"), valid.target());
        assertEquals(NOW.plus(Duration.ofDays(21)), valid.expiresAt());
        // Still valid a second before it expires, on another instance with the same secret.
        assertTrue(links(NOW.plus(Duration.ofDays(21)).minusSeconds(1)).verify(token).valid());
    }

    @Test
    void aChangedPayloadOrSignatureIsRefused() {
        FeedbackLinks links = links(NOW);
        String token = links.token(42, "cus_00017", "own_3");
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);

        // Another customer with the original signature.
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.replace("cus_00017", "cus_00018").getBytes(StandardCharsets.UTF_8));
        assertNotEquals(payload, forged);
        assertInstanceOf(FeedbackLinks.Verified.BadSignature.class, links.verify(forged + "." + signature));

        char first = signature.charAt(0);
        String flipped = (first == 'A' ? 'B' : 'A') + signature.substring(1);
        assertInstanceOf(FeedbackLinks.Verified.BadSignature.class, links.verify(payload + "." + flipped));
        assertInstanceOf(FeedbackLinks.Verified.BadSignature.class, links.verify(payload + "." + signature.substring(4)));

        // Signed with another secret.
        FeedbackLinks other = new FeedbackLinks("another-secret-of-at-least-32-chars!".getBytes(StandardCharsets.UTF_8),
                Duration.ofDays(21), "http://localhost:8080", Clock.fixed(NOW, ZoneOffset.UTC));
        assertInstanceOf(FeedbackLinks.Verified.BadSignature.class, other.verify(token));

        for (String bad : new String[]{"", "abc", "a.b.c", ".x", "x.", "!!!.???", payload}) {
            FeedbackLinks.Verified v = links.verify(bad);
            assertInstanceOf(FeedbackLinks.Verified.Malformed.class, v, bad);
            assertTrue(v.message().contains("damaged"), v.message());
        }
        assertInstanceOf(FeedbackLinks.Verified.Malformed.class, links.verify(null));
    }

    @Test
    void onlyTheCanonicalEncodingOfALinkIsAccepted() {
        FeedbackLinks links = links(NOW);
        String token = links.token(42, "cus_00017", "own_3");
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // The last character of a 32-byte signature carries two unused bits: flipping one decodes to the same bytes.
        char last = signature.charAt(signature.length() - 1);
        String strayBits = signature.substring(0, signature.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertTrue(java.util.Arrays.equals(Base64.getUrlDecoder().decode(signature), Base64.getUrlDecoder().decode(strayBits)));
        for (String variant : new String[]{payload + "." + signature + "=", payload + "." + strayBits,
                payload + "=." + signature, payload + "==." + signature}) {
            assertFalse(links.verify(variant).valid(), variant);
        }
        assertTrue(links.verify(token).valid());
    }

    @Test
    void anExpiredLinkSaysWhenItExpired() {
        String token = links(NOW).token(42, "cus_00017", "own_3");
        FeedbackLinks.Verified v = links(NOW.plus(Duration.ofDays(21))).verify(token);
        FeedbackLinks.Verified.Expired expired = assertInstanceOf(FeedbackLinks.Verified.Expired.class, v);
        assertEquals("This feedback link expired on 2026-07-06; ask for a new briefing.", expired.message());
        assertFalse(v.valid());
    }

    @Test
    void theGeneratedSecretIsStoredOnceAndSharedByInstances() {
        DataSource db = TestDatabase.freshDatabase("feedback_links_secret");
        AppStore.migrate(db);
        var none = config(Map.of());
        FeedbackLinks first = FeedbackLinks.create(db, none);
        FeedbackLinks second = FeedbackLinks.create(db, none);
        assertTrue(second.verify(first.token(1, "cus_1", "own_1")).valid());
        assertTrue(first.verify(second.token(2, "cus_2", "own_2")).valid());
        assertEquals(FeedbackLinks.DEFAULT_TTL, first.ttl());

        DataSource elsewhere = TestDatabase.freshDatabase("feedback_links_secret_other");
        AppStore.migrate(elsewhere);
        FeedbackLinks third = FeedbackLinks.create(elsewhere, none);
        assertInstanceOf(FeedbackLinks.Verified.BadSignature.class, third.verify(first.token(1, "cus_1", "own_1")));
        assertEquals(1, BriefingFixture.rows(db, "app_secret"));
    }

    @Test
    void aConfiguredSecretMustBeLongAndIsNotStored() {
        DataSource db = TestDatabase.freshDatabase("feedback_links_configured");
        AppStore.migrate(db);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FeedbackLinks.create(db, config(Map.of(FeedbackLinks.SECRET_KEY, "too-short"))));
        assertTrue(e.getMessage().contains("clarion.feedback.secret must be at least 32 characters long (it has 9)"), e.getMessage());

        var configured = config(Map.of(FeedbackLinks.SECRET_KEY, "a-configured-secret-that-is-long-enough",
                FeedbackLinks.TTL_KEY, "7d", FeedbackLinks.PUBLIC_URL_KEY, "https://c.example.com"));
        FeedbackLinks a = FeedbackLinks.create(db, configured);
        FeedbackLinks b = FeedbackLinks.create(db, configured);
        assertTrue(b.verify(a.token(5, "cus_5", "own_5")).valid());
        assertEquals(Duration.ofDays(7), a.ttl());
        assertTrue(a.url(5, "cus_5", "own_5").startsWith("https://c.example.com/feedback/"));
        assertEquals(0, BriefingFixture.rows(db, "app_secret"));

        // No public address configured: links point at this machine on the port the server listens on.
        var secret = Map.of(FeedbackLinks.SECRET_KEY, "a-configured-secret-that-is-long-enough");
        assertTrue(FeedbackLinks.create(db, config(secret)).url(5, "cus_5", "own_5").startsWith("http://localhost:8080/feedback/"));
        var onPort = new java.util.HashMap<>(secret);
        onPort.put("quarkus.http.port", "18123");
        assertTrue(FeedbackLinks.create(db, config(onPort)).url(5, "cus_5", "own_5").startsWith("http://localhost:18123/feedback/"));
    }

    @Test
    void linkLifetimesAreReadInShortOrIsoForm() {
        assertEquals(Duration.ofHours(36), FeedbackLinks.parseTtl("36h"));
        assertEquals(Duration.ofDays(14), FeedbackLinks.parseTtl("14 days"));
        assertEquals(Duration.ofDays(21), FeedbackLinks.parseTtl("P21D"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FeedbackLinks.parseTtl("soon"));
        assertTrue(e.getMessage().contains("clarion.feedback.link-ttl = \"soon\""), e.getMessage());
        assertThrows(IllegalStateException.class, () -> FeedbackLinks.parseTtl("0d"));
    }
}
