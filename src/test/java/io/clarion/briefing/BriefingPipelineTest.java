package io.clarion.briefing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.clarion.briefing.feedback.FeedbackChange;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.feedback.FollowUpStatus;
import io.clarion.briefing.feedback.Verdict;
import io.clarion.testing.TestDatabase;
import io.clarion.engine.Engine;
import io.clarion.demo.Progress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weekly retention-risk skill end to end on the demo data set: score, build, store, render,
 * send through a real SMTP server (GreenMail) and a played Slack (WireMock), and the next cycle
 * reading the owners' feedback.
 */
class BriefingPipelineTest {
    static final String SKILL = "weekly-retention-risk";
    static final LocalDate WEEK1 = LocalDate.of(2026, 6, 8);
    static final LocalDate WEEK2 = LocalDate.of(2026, 6, 15);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    static WireMockServer slack;
    static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    static Engine engine;
    static Briefings briefings;

    static Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl());
        c.put("clarion.store.jdbc-url", TestDatabase.demoJdbcUrl());
        c.put("clarion.demo.load", "false");
        c.put("clarion.mail.host", "localhost");
        c.put("clarion.mail.port", String.valueOf(SMTP.getSmtp().getPort()));
        c.put("clarion.mail.from", "briefings@clarion.test");
        c.put("clarion.slack.bot-token", "xoxb-test");
        c.put("clarion.slack.base-url", slack.baseUrl());
        c.put("clarion.delivery.backoff", "10ms");
        c.put("clarion.delivery.max-attempts", "2");
        c.put("clarion.public-url", "https://clarion.test");
        return c;
    }

    @BeforeAll
    static void start() {
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
        Map<String, String> c = config();
        engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
        briefings = Briefings.assemble(engine, k -> Optional.ofNullable(c.get(k)));
    }

    @AfterAll
    static void stop() {
        briefings.close();
        engine.close();
        slack.stop();
    }

    @BeforeEach
    void clean() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        try (Connection c = engine.warehouse().connection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE clarion.briefing, clarion.account_feedback CASCADE");
        }
        slack.resetAll();
        slack.stubFor(post(urlEqualTo("/chat.postMessage"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"ok\":true,\"ts\":\"1.0\"}")));
    }

    @Test
    void oneEmailAndOneSlackMessagePerOwnerWithFlaggedAccountsAndNeverTwice() throws Exception {
        Briefings.Outcome first = briefings.run(SKILL, WEEK2, false);
        BriefingRun.Report r = first.report();
        assertTrue(r.built() > 10, "the demo data set flags accounts for many owners: " + r.built());
        assertEquals(0, r.existing());
        int withSlack = (int) r.briefings().stream().filter(b -> b.briefing().owner().slackUserId() != null).count();
        assertEquals(r.built() + withSlack, first.deliveries().sent(), first.toString());
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertEquals(r.built(), mails.length);
        Set<String> to = java.util.Arrays.stream(mails).map(m -> address(m)).collect(Collectors.toSet());
        assertEquals(r.built(), to.size(), "one email per owner");
        assertEquals(withSlack, slack.findAll(postRequestedFor(urlEqualTo("/chat.postMessage"))).size());

        BriefingRun.Built one = r.briefings().get(0);
        MimeMessage mail = java.util.Arrays.stream(mails).filter(m -> address(m).equals(one.briefing().owner().email())).findFirst().orElseThrow();
        String body = GreenMailUtil.getBody(mail);
        OwnerBriefing.Account top = one.briefing().accounts().get(0);
        assertTrue(mail.getSubject().startsWith("Retention risk, 15 June 2026: " + one.briefing().headline().flagged() + " account"), mail.getSubject());
        assertTrue(body.contains("https://clarion.test/feedback/"), "every account links to its feedback page");
        assertTrue(body.contains(top.scored().customerId()));
        for (LoggedRequest req : slack.findAll(postRequestedFor(urlEqualTo("/chat.postMessage")))) {
            JsonNode json = new ObjectMapper().readTree(req.getBodyAsString());
            assertTrue(json.get("blocks").isArray() && json.get("blocks").size() >= 4, "Block Kit blocks: " + json);
            assertTrue(json.get("channel").asText().startsWith("U"));
            assertFalse(EMAIL.matcher(json.get("blocks").toString()).find(), "no e-mail address in a Slack body");
        }
        // Contents are built with PII masked: no address of anyone appears in any body; only the envelope carries one.
        for (MimeMessage m : mails) assertFalse(EMAIL.matcher(GreenMailUtil.getBody(m)).find(), "no e-mail address in an email body");
        var audit = new io.clarion.governance.audit.AuditLog(TestDatabase.demo(), engine.catalog());
        assertFalse(audit.search(new io.clarion.governance.audit.AuditLog.Search(null, "briefing_run", "ok", null, null, null, null, 5)).isEmpty());
        assertTrue(audit.search(new io.clarion.governance.audit.AuditLog.Search(null, "delivery", "sent", null, null, null, null, 1000)).size()
                >= r.built() + withSlack);

        Briefings.Outcome again = briefings.run(SKILL, WEEK2, false);
        assertEquals(0, again.report().built());
        assertEquals(r.built(), again.report().existing());
        assertEquals(0, again.deliveries().sent());
        assertEquals(r.built(), SMTP.getReceivedMessages().length, "a second trigger sends nothing");
        for (BriefingStore.Summary s : briefings.store().list(SKILL, 1000)) {
            assertTrue(s.deliveries().stream().allMatch(d -> d.status().equals("sent") && d.attempts() == 1), s.toString());
        }
    }

    @Test
    void aDryRunStoresAndSendsNothing() {
        Briefings.Outcome dry = briefings.run(SKILL, WEEK2, true);
        assertTrue(dry.report().briefings().size() > 10);
        assertEquals(0, dry.report().built());
        assertEquals(0, SMTP.getReceivedMessages().length);
        assertTrue(briefings.store().list(SKILL, 10).isEmpty());
    }

    @Test
    void concurrentTriggersOfOneCycleEachReportOnlyTheDeliveriesTheyQueued() throws Exception {
        BriefingSpec spec = briefings.spec(SKILL);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<BriefingRun.Report> trigger = () -> {
                together.await();
                return new BriefingRun(briefings.queries(), briefings.store(), briefings.feedback()).run(spec, WEEK1, false);
            };
            var a = two.submit(trigger);
            var b = two.submit(trigger);
            BriefingRun.Report ra = a.get();
            BriefingRun.Report rb = b.get();
            int stored;
            int deliveries;
            try (Connection c = engine.warehouse().connection(); Statement s = c.createStatement()) {
                var rs = s.executeQuery("SELECT (SELECT count(*) FROM clarion.briefing), (SELECT count(*) FROM clarion.briefing_delivery)");
                rs.next();
                stored = rs.getInt(1);
                deliveries = rs.getInt(2);
            }
            assertTrue(deliveries > 0);
            assertEquals(stored, ra.built() + rb.built(), "each briefing built once, by one of the two");
            int queuedA = ra.briefings().stream().mapToInt(BriefingRun.Built::queued).sum();
            int queuedB = rb.briefings().stream().mapToInt(BriefingRun.Built::queued).sum();
            System.out.printf("two concurrent triggers: %d and %d deliveries queued of %d%n", queuedA, queuedB, deliveries);
            assertEquals(deliveries, queuedA + queuedB, "each trigger reports the deliveries it queued, not the cycle's total");
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void slackFailuresAreRetriedOrRecordedWhileEmailStillGoesOut() {
        slack.stubFor(post(urlEqualTo("/chat.postMessage")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.channel", com.github.tomakehurst.wiremock.client.WireMock.matching("U[0-4].*")))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        slack.stubFor(post(urlEqualTo("/chat.postMessage")).atPriority(2)
                .withRequestBody(matchingJsonPath("$.channel", com.github.tomakehurst.wiremock.client.WireMock.matching("U[5-6].*")))
                .willReturn(aResponse().withStatus(503)));
        Briefings.Outcome out = briefings.run(SKILL, WEEK2, false);
        List<BriefingStore.Summary> all = briefings.store().list(SKILL, 1000);
        List<BriefingStore.Delivery> slackRows = all.stream().flatMap(s -> s.deliveries().stream())
                .filter(d -> d.channel().equals("slack")).toList();
        long failed = slackRows.stream().filter(d -> d.status().equals("failed")).count();
        long pending = slackRows.stream().filter(d -> d.status().equals("pending")).count();
        assertTrue(failed > 0 && pending > 0, slackRows.toString());
        assertEquals(failed, out.deliveries().failed());
        assertEquals(pending, out.deliveries().retrying());
        assertTrue(slackRows.stream().filter(d -> d.status().equals("failed"))
                .allMatch(d -> d.lastError().startsWith("Slack: channel_not_found for U")), slackRows.toString());
        assertTrue(slackRows.stream().filter(d -> d.status().equals("pending"))
                .allMatch(d -> d.nextAttemptAt().toInstant().isAfter(java.time.Instant.now())), "retried later, not now");
        assertEquals(out.report().built(), SMTP.getReceivedMessages().length, "email does not wait for Slack");
    }

    @Test
    void theNextCycleHonoursFeedbackAndSaysWhatChanged() {
        Briefings.Outcome w1 = briefings.run(SKILL, WEEK1, false);
        BriefingRun.Built owner = w1.report().briefings().stream().filter(b -> b.briefing().accounts().size() >= 3).findFirst().orElseThrow();
        String ownerId = owner.briefing().owner().ownerId();
        RiskScoring.ScoredAccount fp = owner.briefing().accounts().get(0).scored();
        RiskScoring.ScoredAccount confirmed = owner.briefing().accounts().get(1).scored();
        FeedbackService fb = new FeedbackService(engine.warehouse().dataSource());
        fb.record(new FeedbackChange(SKILL, ownerId, fp.customerId(), Verdict.FALSE_POSITIVE, null, null, "known seasonal dip",
                owner.id(), null, ownerId));
        fb.record(new FeedbackChange(SKILL, ownerId, confirmed.customerId(), Verdict.CONFIRMED, FollowUpStatus.IN_PROGRESS,
                WEEK2.plusDays(10), "call booked", owner.id(), null, ownerId));

        Briefings.Outcome w2 = briefings.run(SKILL, WEEK2, false);
        OwnerBriefing next = w2.report().briefings().stream().filter(b -> b.briefing().owner().ownerId().equals(ownerId))
                .findFirst().orElseThrow().briefing();
        RiskScoring.ScoredAccount fpNow = new RiskScoring(engine.queries().withReferenceDate(WEEK2))
                .assess(briefings.spec(SKILL).model()).scored().stream().filter(a -> a.customerId().equals(fp.customerId()))
                .findFirst().orElse(null);
        boolean shown = next.accounts().stream().anyMatch(a -> a.scored().customerId().equals(fp.customerId()));
        if (fpNow != null && fpNow.points() > fp.points()) {
            assertTrue(shown, "a false positive whose risk worsened comes back");
        } else {
            assertFalse(shown, "a false positive stays hidden");
            if (fpNow != null && fpNow.flagged()) assertTrue(next.headline().suppressed() >= 1);
        }
        OwnerBriefing.Account c = next.accounts().stream().filter(a -> a.scored().customerId().equals(confirmed.customerId()))
                .findFirst().orElseThrow(() -> new AssertionError("a confirmed, open item comes back"));
        assertEquals(FollowUpStatus.IN_PROGRESS, c.feedback().status());
        assertEquals(WEEK2.plusDays(10), c.feedback().dueDate());
        assertTrue(next.changes().get(0).endsWith("on 2026-06-08)."), next.changes().toString());
        assertEquals(owner.briefing().headline().flagged(), next.headline().previousFlagged());
        String text = briefings.renderer().render(1, next, briefings.spec(SKILL).templates()).text();
        assertTrue(text.contains("You marked this confirmed (in progress), due 25 June 2026."), text);
    }

    /**
     * Golden files for one owner's rendered briefing (email HTML and text, Slack blocks), with
     * feedback links fixed so the files do not change with the signing secret or the clock.
     * Regenerate with -Dclarion.golden.update=true and review the diff.
     */
    @Test
    void renderedBriefingsMatchTheirGoldenFiles() throws Exception {
        OwnerBriefing b = briefings.run(SKILL, WEEK2, true).report().briefings().stream()
                .map(BriefingRun.Built::briefing).filter(x -> x.owner().ownerId().equals("own_001")).findFirst().orElseThrow();
        BriefingRenderer fixed = new BriefingRenderer(new io.clarion.briefing.template.Templates(java.nio.file.Path.of("briefings")),
                (id, customer, ownerId) -> "https://clarion.test/feedback/" + id + "/" + customer);
        BriefingRenderer.Rendered r = fixed.render(7, b, briefings.spec(SKILL).templates());
        new ObjectMapper().readTree(r.slackBlocks()); // the Slack template yields valid JSON
        golden("own_001.email.html", r.html());
        golden("own_001.email.txt", "Subject: " + r.subject() + "\n\n" + r.text());
        golden("own_001.slack.json", new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(new ObjectMapper().readTree(r.slackBlocks())));
    }

    static void golden(String name, String actual) throws java.io.IOException {
        io.clarion.testing.Golden.check(java.nio.file.Path.of("src/test/resources/golden/briefings", name), actual);
    }

    @Test
    void aSendRepeatedAfterAHardKillCarriesTheSameMessageIdAndTheSameSlackKey() throws Exception {
        briefings.run(SKILL, WEEK2, false);
        long emailRow;
        String key;
        String messageId;
        try (Connection c = engine.warehouse().connection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT id, idempotency_key, message_id, last_error FROM clarion.briefing_delivery "
                     + "WHERE channel = 'email' AND status = 'sent' ORDER BY id LIMIT 1")) {
            assertTrue(rs.next());
            emailRow = rs.getLong(1);
            key = rs.getString(2);
            messageId = rs.getString(3);
            assertEquals(null, rs.getString(4), "a sent delivery has no error");
        }
        assertEquals("<" + key + "@clarion.test>", messageId, "the Message-ID is kept in its own column");
        String sentId = messageId;
        assertTrue(java.util.Arrays.stream(SMTP.getReceivedMessages()).anyMatch(m -> sentId.equals(messageIdOf(m))));
        long slackRow;
        String slackKey;
        try (Connection c = engine.warehouse().connection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT id, idempotency_key FROM clarion.briefing_delivery "
                     + "WHERE channel = 'slack' AND status = 'sent' ORDER BY id LIMIT 1")) {
            assertTrue(rs.next());
            slackRow = rs.getLong(1);
            slackKey = rs.getString(2);
        }

        // The instance sending these two was killed after the servers took them and before it recorded it.
        try (Connection c = engine.warehouse().connection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE clarion.briefing_delivery SET status = 'sending', claimed_by = 'killed', message_id = NULL, "
                    + "sent_at = NULL, claimed_at = now() - interval '1 day' WHERE id IN (" + emailRow + ", " + slackRow + ")");
        }
        SMTP.purgeEmailFromAllMailboxes();
        slack.resetRequests();

        DeliveryWorker.Totals resent = briefings.deliverDue();

        assertEquals(2, resent.sent(), resent.toString());
        MimeMessage[] again = SMTP.getReceivedMessages();
        assertEquals(1, again.length, "at least once: the email goes out again");
        assertEquals(sentId, again[0].getMessageID(), "with the Message-ID of the first send");
        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlEqualTo("/chat.postMessage")));
        assertEquals(1, posts.size());
        assertEquals(slackKey, new ObjectMapper().readTree(posts.get(0).getBodyAsString())
                .path("metadata").path("event_payload").path("idempotency_key").asText());
    }

    private static String messageIdOf(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
