package io.clarion.briefing.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Briefings to Slack, against WireMock playing the Web API (chat.postMessage) and an incoming webhook. */
class SlackSenderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String POST_MESSAGE = "/api/chat.postMessage";
    static final String WEBHOOK = "/services/T000/B000/XXXX";
    static final String USER = "U012ABCDEF";
    static final String BLOCKS = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*3 accounts* at risk · € 12,400\"}}]";
    static final String OK = "{\"ok\":true,\"channel\":\"D024BE91L\",\"ts\":\"1718000000.000100\"}";
    static WireMockServer slack;

    @BeforeAll
    static void start() {
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
    }

    @AfterAll
    static void stop() {
        slack.stop();
    }

    @BeforeEach
    void reset() {
        slack.resetAll();
    }

    static DeliverySettings.Retry retry(int maxAttempts, Duration timeout) {
        return new DeliverySettings.Retry(maxAttempts, Duration.ofMillis(10), timeout, Duration.ofSeconds(5));
    }

    static SlackSender bot(DeliverySettings.Retry retry) {
        DeliverySettings.Slack s = new DeliverySettings.Slack(Optional.of(URI.create(slack.baseUrl() + "/unused")),
                Optional.of("xoxb-test-token"), URI.create(slack.baseUrl() + "/api/"));
        return new SlackSender(new DeliverySettings(noMail(), s, retry));
    }

    static SlackSender bot() {
        return bot(retry(3, Duration.ofSeconds(2)));
    }

    static SlackSender webhook() {
        DeliverySettings.Slack s = new DeliverySettings.Slack(Optional.of(URI.create(slack.baseUrl() + WEBHOOK)),
                Optional.empty(), DeliverySettings.DEFAULT_SLACK_BASE_URL);
        return new SlackSender(new DeliverySettings(noMail(), s, retry(3, Duration.ofSeconds(2))));
    }

    static DeliverySettings.Mail noMail() {
        return new DeliverySettings.Mail(Optional.empty(), 25, "clarion@localhost", Optional.empty(), Optional.empty(),
                DeliverySettings.StartTls.OPTIONAL);
    }

    static SlackMessage message() {
        return new SlackMessage(USER, "3 accounts at risk", BLOCKS);
    }

    /** The n-th request gets the n-th response; the last one repeats. */
    static void script(String path, ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step" + (i + 1);
            slack.stubFor(post(urlPathEqualTo(path)).inScenario("slack").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    static List<LoggedRequest> requests(String path) {
        return slack.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    static JsonNode body(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBodyAsString());
    }

    @Test
    void postsTheMessageToTheOwnerWithTheBotToken() throws Exception {
        script(POST_MESSAGE, okJson(OK));

        DeliveryResult r = bot().send(message());

        DeliveryResult.Sent sent = assertInstanceOf(DeliveryResult.Sent.class, r, r.toString());
        assertEquals(new DeliveryResult.Sent(1, "1718000000.000100"), sent);
        LoggedRequest request = requests(POST_MESSAGE).get(0);
        assertEquals("Bearer xoxb-test-token", request.getHeader("Authorization"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        JsonNode body = body(request);
        assertEquals(USER, body.path("channel").asText());
        assertEquals("3 accounts at risk", body.path("text").asText());
        assertEquals(JSON.readTree(BLOCKS), body.path("blocks"), "the blocks are sent as a JSON array, not a string");
        assertEquals(0, requests(WEBHOOK).size() + requests("/unused").size(), "the bot token wins over the webhook");
    }

    @Test
    void aDeliverysIdempotencyKeyTravelsAsMessageMetadataOnEveryAttempt() throws Exception {
        script(POST_MESSAGE, aResponse().withStatus(500), okJson(OK));

        DeliveryResult r = bot().send(new SlackMessage(USER, "3 accounts at risk", BLOCKS, "5b0c7e0e-delivery-key"));

        assertInstanceOf(DeliveryResult.Sent.class, r, r.toString());
        List<LoggedRequest> sent = requests(POST_MESSAGE);
        assertEquals(2, sent.size());
        for (LoggedRequest request : sent) {
            JsonNode metadata = body(request).path("metadata");
            assertEquals(SlackSender.EVENT_TYPE, metadata.path("event_type").asText());
            assertEquals("5b0c7e0e-delivery-key", metadata.path("event_payload").path("idempotency_key").asText());
        }
        bot().send(message());
        assertTrue(body(requests(POST_MESSAGE).get(2)).path("metadata").isMissingNode(), "a one-off message has no key");
    }

    @Test
    void http429WaitsForRetryAfterThenSucceeds() {
        script(POST_MESSAGE, aResponse().withStatus(429).withHeader("Retry-After", "1"), okJson(OK));

        long start = System.nanoTime();
        DeliveryResult r = bot().send(message());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(new DeliveryResult.Sent(2, "1718000000.000100"), r);
        assertEquals(2, requests(POST_MESSAGE).size());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(1)) >= 0, "waited " + elapsed.toMillis() + " ms, not the 1 s asked for");
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        script(POST_MESSAGE, aResponse().withStatus(500), aResponse().withStatus(503), okJson(OK));

        DeliveryResult r = bot().send(message());

        assertEquals(new DeliveryResult.Sent(3, "1718000000.000100"), r);
        assertEquals(3, requests(POST_MESSAGE).size());
    }

    @Test
    void aSlowServerTimesOutAndIsRetriedThenReportedRetryable() {
        script(POST_MESSAGE, okJson(OK).withFixedDelay(1_500));

        long start = System.nanoTime();
        DeliveryResult r = bot(retry(2, Duration.ofMillis(300))).send(message());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, r, r.toString());
        assertFalse(failed.permanent());
        assertEquals(2, failed.attempts());
        assertEquals("Slack: no reply within 300 ms", failed.reason());
        assertTrue(elapsed.compareTo(Duration.ofMillis(600)) >= 0, "two attempts of 300 ms each: " + elapsed.toMillis() + " ms");
    }

    @Test
    void anApiErrorIsPermanentAfterOneRequest() {
        script(POST_MESSAGE, okJson("{\"ok\":false,\"error\":\"channel_not_found\"}"));

        DeliveryResult r = bot().send(message());

        assertEquals(new DeliveryResult.Failed(true, "Slack: channel_not_found for U012ABCDEF", 1, Optional.empty()), r);
        assertEquals(1, requests(POST_MESSAGE).size());
    }

    @Test
    void ratelimitedInTheReplyIsRetryable() {
        script(POST_MESSAGE, okJson("{\"ok\":false,\"error\":\"ratelimited\"}"));

        DeliveryResult r = bot().send(message());

        DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, r, r.toString());
        assertFalse(failed.permanent());
        assertEquals("Slack: ratelimited for U012ABCDEF", failed.reason());
        assertEquals(3, failed.attempts());
        assertEquals(3, requests(POST_MESSAGE).size());
    }

    @Test
    void aClientErrorOtherThan429IsPermanent() {
        script(POST_MESSAGE, aResponse().withStatus(403));

        DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, bot().send(message()));

        assertTrue(failed.permanent());
        assertEquals("Slack: HTTP 403 for U012ABCDEF", failed.reason());
        assertEquals(1, requests(POST_MESSAGE).size());
    }

    @Test
    void aRetryAfterLongerThanTheLimitIsHandedBackInsteadOfWaitedFor() {
        script(POST_MESSAGE, aResponse().withStatus(429).withHeader("Retry-After", "30"), okJson(OK));

        long start = System.nanoTime();
        DeliveryResult r = bot().send(message());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        DeliveryResult.Failed failed = assertInstanceOf(DeliveryResult.Failed.class, r, r.toString());
        assertFalse(failed.permanent());
        assertEquals(1, failed.attempts());
        assertEquals(Optional.of(Duration.ofSeconds(30)), failed.retryAfter());
        assertEquals(1, requests(POST_MESSAGE).size());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(5)) < 0, "did not wait: " + elapsed.toMillis() + " ms");
    }

    @Test
    void webhookModePostsTextAndBlocksToTheWebhook() throws Exception {
        script(WEBHOOK, aResponse().withStatus(200).withBody("ok"));

        DeliveryResult r = webhook().send(new SlackMessage(null, "3 accounts at risk", BLOCKS));

        assertEquals(new DeliveryResult.Sent(1, "webhook"), r);
        LoggedRequest request = requests(WEBHOOK).get(0);
        assertNull(request.getHeader("Authorization"));
        JsonNode body = body(request);
        assertFalse(body.has("channel"), "a webhook posts to its own channel");
        assertEquals("3 accounts at risk", body.path("text").asText());
        assertEquals(JSON.readTree(BLOCKS), body.path("blocks"));
    }

    @Test
    void aWebhookErrorIsPermanentAndNamed() {
        script(WEBHOOK, aResponse().withStatus(404).withBody("channel_not_found"));

        DeliveryResult r = webhook().send(new SlackMessage(null, "text only", null));

        assertEquals(new DeliveryResult.Failed(true, "Slack webhook: HTTP 404 channel_not_found", 1, Optional.empty()), r);
    }

    @Test
    void inputThatCannotBeSentFailsPermanentlyWithoutARequest() {
        DeliveryResult.Failed noUser = assertInstanceOf(DeliveryResult.Failed.class,
                bot().send(new SlackMessage(null, "x", BLOCKS)));
        assertTrue(noUser.permanent());
        assertEquals("Slack: the recipient has no Slack user id", noUser.reason());

        DeliveryResult.Failed badBlocks = assertInstanceOf(DeliveryResult.Failed.class,
                bot().send(new SlackMessage(USER, "x", "{\"type\":\"section\"}")));
        assertTrue(badBlocks.permanent());
        assertEquals("Slack: the message blocks must be a JSON array", badBlocks.reason());

        DeliverySettings none = DeliverySettings.from(k -> Optional.empty());
        DeliveryResult.Failed notConfigured = assertInstanceOf(DeliveryResult.Failed.class,
                new SlackSender(none).send(message()));
        assertTrue(notConfigured.permanent());
        assertEquals(0, slack.getAllServeEvents().size());
    }
}
