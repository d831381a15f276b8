package io.clarion.briefing.delivery;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clarion.mail.*, clarion.slack.* and clarion.delivery.* settings. */
class DeliverySettingsTest {

    static Function<String, Optional<String>> config(Map<String, String> values) {
        return k -> Optional.ofNullable(values.get(k));
    }

    static String problem(Map<String, String> values) {
        return assertThrows(IllegalArgumentException.class, () -> DeliverySettings.from(config(values))).getMessage();
    }

    @Test
    void defaults() {
        DeliverySettings s = DeliverySettings.from(config(Map.of()));
        assertFalse(s.mail().configured());
        assertEquals(25, s.mail().port());
        assertEquals("clarion@localhost", s.mail().from());
        assertEquals(DeliverySettings.StartTls.OPTIONAL, s.mail().startTls());
        assertFalse(s.slack().configured());
        assertEquals(URI.create("https://slack.com/api"), s.slack().baseUrl());
        assertEquals(new DeliverySettings.Retry(4, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(120)), s.retry());
    }

    @Test
    void overrides() {
        DeliverySettings s = DeliverySettings.from(config(Map.ofEntries(
                Map.entry("clarion.mail.host", "smtp.example.com"), Map.entry("clarion.mail.port", " 587 "),
                Map.entry("clarion.mail.from", "Clarion <briefings@example.com>"),
                Map.entry("clarion.mail.username", "briefings"), Map.entry("clarion.mail.password", "s3cret pass"),
                Map.entry("clarion.mail.start-tls", "Required"),
                Map.entry("clarion.slack.webhook-url", "https://hooks.slack.com/services/T/B/X"),
                Map.entry("clarion.slack.bot-token", "xoxb-1"), Map.entry("clarion.slack.base-url", "http://localhost:8089/api"),
                Map.entry("clarion.delivery.max-attempts", "6"), Map.entry("clarion.delivery.backoff", "500ms"),
                Map.entry("clarion.delivery.timeout", "PT30S"), Map.entry("clarion.delivery.max-retry-after", "5m"))));
        assertTrue(s.mail().configured());
        assertEquals(Optional.of("smtp.example.com"), s.mail().host());
        assertEquals(587, s.mail().port());
        assertEquals("Clarion <briefings@example.com>", s.mail().from());
        assertEquals(Optional.of("s3cret pass"), s.mail().password());
        assertEquals(DeliverySettings.StartTls.REQUIRED, s.mail().startTls());
        assertTrue(s.slack().usesBotToken());
        assertEquals(URI.create("http://localhost:8089/api"), s.slack().baseUrl());
        assertEquals(new DeliverySettings.Retry(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5)), s.retry());
        assertFalse(s.toString().contains("s3cret"), "no password in logs");
        assertFalse(s.toString().contains("xoxb-1"), "no token in logs");
        assertFalse(s.toString().contains("services/T/B/X"), "no webhook URL in logs");
    }

    @Test
    void badValuesSayWhichSettingAndWhatWasGiven() {
        assertEquals("clarion.mail.port must be a number, got 'abc'", problem(Map.of("clarion.mail.port", "abc")));
        assertEquals("clarion.mail.port must be between 1 and 65535, got 70000", problem(Map.of("clarion.mail.port", "70000")));
        assertEquals("clarion.mail.start-tls must be optional, required or disabled, got 'sometimes'",
                problem(Map.of("clarion.mail.start-tls", "sometimes")));
        assertEquals("clarion.mail.from must be an email address, got 'clarion'", problem(Map.of("clarion.mail.from", "clarion")));
        assertEquals("clarion.delivery.max-attempts must be a number, got 'four'", problem(Map.of("clarion.delivery.max-attempts", "four")));
        assertEquals("clarion.delivery.max-attempts must be 1 or more, got 0", problem(Map.of("clarion.delivery.max-attempts", "0")));
        assertEquals("clarion.delivery.backoff must be a duration such as 2s or 500ms, got 'soon'",
                problem(Map.of("clarion.delivery.backoff", "soon")));
        assertEquals("clarion.delivery.backoff must be at most 60s, got 300s", problem(Map.of("clarion.delivery.backoff", "5m")));
        assertEquals("clarion.delivery.timeout must be positive", problem(Map.of("clarion.delivery.timeout", "0s")));
        assertEquals("clarion.delivery.max-retry-after must be a duration such as 2s or 500ms, got '-1s'",
                problem(Map.of("clarion.delivery.max-retry-after", "-1s")));
        String url = problem(Map.of("clarion.slack.webhook-url", "hooks.slack.com/services/T/B/SECRETSECRETSECRET"));
        assertTrue(url.startsWith("clarion.slack.webhook-url must be an http(s) URL"), url);
        assertFalse(url.contains("SECRETSECRETSECRET"), "a webhook URL is a credential: " + url);
    }

    @Test
    void channelsAreNamedAsInSkillsAndTheDeliveryTable() {
        assertEquals("email", Channel.EMAIL.id());
        assertEquals(Channel.SLACK, Channel.of("slack"));
        assertEquals("unknown delivery channel 'sms' (email or slack)",
                assertThrows(IllegalArgumentException.class, () -> Channel.of("sms")).getMessage());
    }
}
