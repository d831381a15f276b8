package io.clarion.briefing.delivery;

import io.clarion.retry.Retrying;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Sends briefings to Slack: chat.postMessage to the owner's user id when a bot token is set,
 * otherwise to the one incoming webhook. HTTP 429 (honouring Retry-After), 5xx, timeouts, lost
 * connections and the API's {@code ratelimited} are retried; other API errors and 4xx are
 * permanent. Reusable and safe to share between threads.
 */
public final class SlackSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Webhook errors come back as a bare word such as channel_not_found.
    private static final Pattern ERROR_WORD = Pattern.compile("[a-z_]{2,60}");

    private final DeliverySettings.Slack slack;
    private final Retries retries;
    private final Duration timeout;
    private final HttpClient http;

    public SlackSender(DeliverySettings settings) {
        this.slack = settings.slack();
        this.retries = new Retries(settings.retry());
        this.timeout = settings.retry().timeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Sends {@code message}; never throws. */
    public DeliveryResult send(SlackMessage message) {
        if (!slack.configured()) {
            return new DeliveryResult.Failed(true, "Slack is not configured (clarion.slack.bot-token or clarion.slack.webhook-url)",
                    1, Optional.empty());
        }
        boolean bot = slack.usesBotToken();
        if (bot && (message.slackUserId() == null || message.slackUserId().isBlank())) {
            return new DeliveryResult.Failed(true, "Slack: the recipient has no Slack user id", 1, Optional.empty());
        }
        String body;
        try {
            body = body(message, bot);
        } catch (DeliveryFailure f) {
            return new DeliveryResult.Failed(true, f.reason, 1, Optional.empty());
        }
        URI target = bot ? URI.create(stripSlash(slack.baseUrl().toString()) + "/chat.postMessage") : slack.webhookUrl().orElseThrow();
        String whom = bot ? " for " + message.slackUserId() : "";
        return retries.run(() -> post(target, body, bot, whom));
    }

    /** The metadata event type that carries a delivery's idempotency key. */
    public static final String EVENT_TYPE = "clarion_briefing_delivery";

    private static String body(SlackMessage m, boolean bot) {
        ObjectNode body = JSON.createObjectNode();
        if (bot) body.put("channel", m.slackUserId());
        body.put("text", m.text());
        if (m.idempotencyKey() != null) {
            // Slack has no idempotent post: message metadata is the documented place for an
            // application's own key, readable from the channel history to recognise a resend.
            ObjectNode metadata = body.putObject("metadata");
            metadata.put("event_type", EVENT_TYPE);
            metadata.putObject("event_payload").put("idempotency_key", m.idempotencyKey());
        }
        if (m.blocksJson() != null && !m.blocksJson().isBlank()) {
            JsonNode blocks;
            try {
                blocks = JSON.readTree(m.blocksJson());
            } catch (JsonProcessingException e) {
                throw DeliveryFailure.permanent("Slack: the message blocks are not valid JSON (line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            }
            if (!blocks.isArray()) throw DeliveryFailure.permanent("Slack: the message blocks must be a JSON array");
            body.set("blocks", blocks);
        }
        return body.toString();
    }

    private String post(URI target, String body, boolean bot, String whom) {
        String who = bot ? "Slack" : "Slack webhook";
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        slack.botToken().filter(t -> bot).ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> r = exchange(request.build(), who);
        int status = r.statusCode();
        if (status == 429) {
            throw DeliveryFailure.transientFailure(who + ": HTTP 429 rate limited" + whom, Retrying.retryAfter(r));
        }
        if (status >= 500) throw DeliveryFailure.transientFailure(who + ": HTTP " + status + whom);
        if (status >= 300) throw DeliveryFailure.permanent(who + ": HTTP " + status + errorWord(r.body()) + whom);
        if (!bot) return "webhook";
        // The Web API answers 200 for its own errors, with {"ok": false, "error": "..."}.
        JsonNode reply;
        try {
            reply = JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.transientFailure(who + ": the reply is not JSON" + whom);
        }
        if (reply.path("ok").asBoolean(false)) return reply.path("ts").asText("");
        String error = reply.path("error").asText("unknown_error");
        if (error.equals("ratelimited")) throw DeliveryFailure.transientFailure(who + ": ratelimited" + whom, Retrying.retryAfter(r));
        throw DeliveryFailure.permanent(who + ": " + error + whom);
    }

    /** The whole exchange is bounded by the timeout, not only the wait for the headers. */
    private HttpResponse<String> exchange(HttpRequest request, String who) {
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw DeliveryFailure.transientFailure(who + ": no reply within " + seconds(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw DeliveryFailure.transientFailure(who + ": no reply within " + seconds(timeout));
            }
            if (cause instanceof ConnectException) {
                throw DeliveryFailure.transientFailure(who + ": cannot connect to " + request.uri().getAuthority());
            }
            if (cause instanceof IOException) {
                throw DeliveryFailure.transientFailure(who + ": the connection to " + request.uri().getAuthority() + " failed");
            }
            throw DeliveryFailure.transientFailure(who + ": " + cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            // The retry policy's next sleep sees the interrupt and ends the send.
            throw DeliveryFailure.transientFailure(who + ": interrupted");
        }
    }

    private static String errorWord(String body) {
        String b = body == null ? "" : body.strip();
        return ERROR_WORD.matcher(b).matches() ? " " + b : "";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
