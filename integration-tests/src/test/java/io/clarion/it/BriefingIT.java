package io.clarion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weekly briefings from the packaged server: a run sends one email (real SMTP, GreenMail) and one
 * Slack message (WireMock) per owner with flagged accounts; an owner's feedback link works and the
 * next cycle honours it; a server stopped in the middle of sending picks up after a restart
 * without sending anything twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BriefingIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = "/api/v1/briefings/weekly-retention-risk/run";
    static final Pattern LINK = Pattern.compile("/feedback/[A-Za-z0-9_.\\-]+");
    static GreenMail smtp;
    static WireMockServer slack;
    static ClarionProcess app;

    static Map<String, String> props() {
        Map<String, String> p = new HashMap<>();
        p.put("clarion.mail.host", "127.0.0.1");
        p.put("clarion.mail.port", String.valueOf(smtp.getSmtp().getPort()));
        p.put("clarion.mail.from", "briefings@clarion.test");
        p.put("clarion.slack.bot-token", "xoxb-it");
        p.put("clarion.slack.base-url", slack.baseUrl());
        p.put("clarion.delivery.retry-interval-seconds", "2");
        p.put("clarion.delivery.lease-seconds", "5");
        p.put("clarion.delivery.backoff", "50ms");
        return p;
    }

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(ClarionProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
        slack.stubFor(post(urlEqualTo("/chat.postMessage"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"ts\":\"1.0\"}")));
        app = ClarionProcess.start("briefings", props());
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (slack != null) slack.stop();
        if (smtp != null) smtp.stop();
    }

    /** Triggers a cycle and waits until the API shows each of its deliveries sent. */
    static JsonNode run(String asOf) throws Exception {
        HttpResponse<String> r = app.post(RUN + "?as_of=" + asOf, "");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = JSON.readTree(r.body());
        assertTrue(awaitAllSent(asOf, Duration.ofMinutes(2)), "every delivery of " + asOf + " was sent");
        return report;
    }

    /** Polls the briefings API until every delivery of the cycle is sent (false on timeout). */
    static boolean awaitAllSent(String cycle, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int ofCycle = 0;
            boolean allSent = true;
            for (JsonNode b : briefings()) {
                if (!b.get("cycle").asText().equals(cycle)) continue;
                ofCycle++;
                for (JsonNode d : b.get("deliveries")) allSent &= d.get("status").asText().equals("sent");
            }
            if (ofCycle > 0 && allSent) return true;
            Thread.sleep(300);
        }
        return false;
    }

    static List<MimeMessage> mails(String cycleTitle) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) if (m.getSubject().contains(cycleTitle)) out.add(m);
        return out;
    }

    static List<LoggedRequest> slackPosts(String cycleTitle) {
        return slack.findAll(postRequestedFor(urlEqualTo("/chat.postMessage"))).stream()
                .filter(r -> r.getBodyAsString().contains(cycleTitle)).toList();
    }

    static String to(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String channel(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString()).get("channel").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part, decoded (the raw body may be quoted-printable with soft line breaks). */
    static String text(jakarta.mail.Part p) throws Exception {
        if (p.isMimeType("text/plain")) return (String) p.getContent();
        if (p.getContent() instanceof jakarta.mail.Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                String t = text(mp.getBodyPart(i));
                if (t != null) return t;
            }
        }
        return null;
    }

    static <T> Map<String, Long> counts(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    static JsonNode briefings() throws Exception {
        HttpResponse<String> r = app.get("/api/v1/briefings?skill=weekly-retention-risk&limit=1000");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    @Order(1)
    void aWeeklyRunReachesEveryOwnerOnceAndTheirFeedbackShapesTheNextCycle() throws Exception {
        JsonNode week1 = run("2026-06-08");
        int built = week1.get("built").asInt();
        assertTrue(built > 5, week1.toString());
        List<MimeMessage> mails = mails("8 June 2026");
        assertEquals(built, mails.size());
        assertTrue(counts(mails, BriefingIT::to).values().stream().allMatch(n -> n == 1), "one email per owner");
        long slackRows = 0;
        for (JsonNode b : briefings()) {
            for (JsonNode d : b.get("deliveries")) {
                assertEquals("sent", d.get("status").asText(), b.toString());
                if (d.get("channel").asText().equals("slack")) slackRows++;
            }
        }
        List<LoggedRequest> posts = slackPosts("8 June 2026");
        assertEquals(slackRows, posts.size());
        assertTrue(counts(posts, BriefingIT::channel).values().stream().allMatch(n -> n == 1),
                "one Slack message per owner");

        // The owner opens the first account's feedback link from the email and marks it a false positive.
        MimeMessage mail = mails.get(0);
        Matcher link = LINK.matcher(text(mail));
        assertTrue(link.find(), "the email links to a feedback page");
        String path = link.group();
        // Opened from the email: the signed link is the credential, no bearer token.
        HttpResponse<String> page = app.getAs(null, path);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("false positive") || page.body().contains("False positive"), page.body());
        // Personal data stays out of what the link shows: no e-mail address of anyone on the page.
        assertFalse(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}").matcher(page.body()).find(), page.body());
        HttpResponse<String> saved = app.postAs(null, path, "verdict=false_positive&status=done&note=seasonal+dip", "application/x-www-form-urlencoded");
        assertEquals(200, saved.statusCode(), saved.body());
        HttpResponse<String> tampered = app.getAs(null, path.substring(0, path.length() - 2) + "xx");
        assertEquals(403, tampered.statusCode());

        String owner = null;
        JsonNode detail = null;
        for (JsonNode b : briefings()) {
            JsonNode d = JSON.readTree(app.get("/api/v1/briefings/" + b.get("id").asLong()).body());
            if (d.get("content").get("owner").get("email").asText().equals(to(mail))) {
                owner = b.get("owner_id").asText();
                detail = d;
            }
        }
        JsonNode feedback = JSON.readTree(app.get("/api/v1/feedback?owner=" + owner).body());
        assertEquals(1, feedback.size(), feedback.toString());
        String customer = feedback.get(0).get("customer_id").asText();
        assertEquals(detail.get("content").get("accounts").get(0).get("scored").get("customer_id").asText(), customer);
        int pointsThen = detail.get("content").get("accounts").get(0).get("scored").get("points").asInt();

        JsonNode week2 = run("2026-06-15");
        assertTrue(week2.get("built").asInt() > 5, week2.toString());
        for (JsonNode line : week2.get("briefings")) {
            if (!line.get("owner_id").asText().equals(owner)) continue;
            JsonNode next = JSON.readTree(app.get("/api/v1/briefings/" + line.get("id").asLong()).body());
            for (JsonNode a : next.get("content").get("accounts")) {
                if (a.get("scored").get("customer_id").asText().equals(customer)) {
                    assertTrue(a.get("scored").get("points").asInt() > pointsThen,
                            "a false positive only comes back when its risk worsened: " + a);
                }
            }
            assertTrue(next.get("content").get("changes").get(0).asText().contains("2026-06-08"), next.toString());
        }
        JsonNode again = run("2026-06-15");
        assertEquals(0, again.get("built").asInt());
        assertEquals(week2.get("built").asInt(), mails("15 June 2026").size(), "a second trigger of the same cycle sends nothing");
    }

    @Test
    @Order(2)
    void aServerStoppedWhileSendingFinishesAfterARestartWithoutSendingTwice() throws Exception {
        slack.stubFor(post(urlEqualTo("/chat.postMessage")).willReturn(aResponse().withFixedDelay(300).withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"ts\":\"2.0\"}")));
        HttpResponse<String> started = app.post(RUN + "?as_of=2026-06-01", "");
        assertEquals(200, started.statusCode(), started.body());
        int expected = JSON.readTree(started.body()).get("built").asInt();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (slackPosts("1 June 2026").size() < 5 && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(slackPosts("1 June 2026").size() >= 5, "sending had started");
        app.close(); // stopped in the middle of sending
        int sentBeforeStop = mails("1 June 2026").size();
        assertTrue(sentBeforeStop < expected, "the stop came before everything was sent (" + sentBeforeStop + " of " + expected + ")");

        app = ClarionProcess.start("briefings", props());
        assertTrue(awaitAllSent("2026-06-01", Duration.ofMinutes(2)), "every delivery of the interrupted cycle was sent after the restart");
        List<MimeMessage> mails = mails("1 June 2026");
        assertEquals(expected, mails.size(), "nothing lost, nothing twice: " + counts(mails, BriefingIT::to));
        assertTrue(counts(mails, BriefingIT::to).values().stream().allMatch(n -> n == 1));
        Map<String, Long> perChannel = counts(slackPosts("1 June 2026"), BriefingIT::channel);
        assertTrue(perChannel.values().stream().allMatch(n -> n == 1), "one Slack message per owner: " + perChannel);
        System.out.printf("stopped after %d of %d emails; the rest went out after the restart%n", sentBeforeStop, expected);
    }
}
