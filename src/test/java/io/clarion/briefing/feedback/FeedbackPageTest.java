package io.clarion.briefing.feedback;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static io.clarion.briefing.feedback.BriefingFixture.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feedback page rendered from the shared template folder, over a stored briefing. */
class FeedbackPageTest {
    static final Instant NOW = Instant.parse("2026-06-15T07:00:00Z");
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static BriefingFixture fx;
    static FeedbackService service;
    static FeedbackLinks links;
    static FeedbackPage page;
    static long briefing;

    @BeforeAll
    static void setUp() {
        fx = BriefingFixture.fresh("feedback_page");
        briefing = fx.briefing(SKILL, "own_1", LocalDate.of(2026, 6, 15));
        fx.account(briefing, "cus_1", "<script>x</script>", "high", 6, new BigDecimal("12345.5"), "payment problems",
                BriefingFixture.EVIDENCE);
        fx.account(briefing, "cus_2", "Globex & Sons", 3);
        service = new FeedbackService(fx.dataSource());
        links = new FeedbackLinks(SECRET, Duration.ofDays(21), "http://localhost:8080", Clock.fixed(NOW, ZoneOffset.UTC));
        page = new FeedbackPage(links, service, Path.of("briefings"));
    }

    static Map<String, String> form(String verdict, String status, String due, String note) {
        Map<String, String> f = new HashMap<>();
        f.put("verdict", verdict);
        f.put("status", status);
        f.put("due_date", due);
        f.put("note", note);
        return f;
    }

    @Test
    void theAccountIsShownWithItsEvidenceAndEveryValueEscaped() {
        FeedbackPage.Rendered r = page.show(links.token(briefing, "cus_1", "own_1"));
        assertEquals(200, r.status());
        String html = r.html();
        assertTrue(html.contains("<h1>&lt;script&gt;x&lt;/script&gt;</h1>"), html);
        assertFalse(html.contains("<script>x</script>"), html);
        assertTrue(html.contains("Health score under 60"), html);
        assertTrue(html.contains("<th scope=\"row\">customer_health.health_score</th><td>41</td>"), html);
        assertTrue(html.contains("<td>at_risk</td>"), html);
        assertTrue(html.contains("<th scope=\"row\">invoices.failed_payments</th><td>3</td>"), html);
        assertTrue(html.contains("MRR 12,345.50"), html);
        assertTrue(html.contains("high risk"), html);
        assertTrue(html.contains("payment problems"), html);
        assertTrue(html.contains("value=\"false_positive\""), html);
        assertTrue(html.contains("value=\"in_progress\""), html);
        assertFalse(html.contains("checked"), "nothing chosen before any feedback");
        assertFalse(html.contains("Current feedback"), html);
    }

    @Test
    void aSubmittedFormIsRecordedAndThePageComesBackWithAConfirmation() {
        String token = links.token(briefing, "cus_2", "own_1");
        FeedbackPage.Rendered r = page.submit(token, form("confirmed", "in_progress", "2026-06-30", "Renewal call on <Friday>"));
        assertEquals(200, r.status(), r.html());
        String html = r.html();
        assertTrue(html.contains("Thank you: recorded confirmed risk, follow-up in progress."), html);
        assertTrue(html.contains("Globex &amp; Sons"), html);
        assertTrue(html.contains("value=\"confirmed\" checked"), html);
        assertTrue(html.contains("value=\"in_progress\" checked"), html);
        assertTrue(html.contains("value=\"2026-06-30\""), html);
        assertTrue(html.contains("Renewal call on &lt;Friday&gt;"), html);
        assertTrue(html.contains("action=\"/feedback/" + token + "\""), html);

        Feedback saved = service.find(SKILL, "own_1", "cus_2").orElseThrow();
        assertEquals(Verdict.CONFIRMED, saved.verdict());
        assertEquals(FollowUpStatus.IN_PROGRESS, saved.status());
        assertEquals(LocalDate.of(2026, 6, 30), saved.dueDate());
        assertEquals("own_1", saved.updatedBy());
        assertEquals(3, saved.riskPoints());

        page.submit(token, form("handled", "", "", ""));
        String again = page.show(token).html();
        assertTrue(again.contains("<strong>Already handled</strong> &middot; Done"), again);
        assertTrue(again.contains("<h2>History</h2>"), again);
        assertEquals(2, service.history(saved.id()).size());
    }

    @Test
    void invalidInputIsA400WithTheMessageAndTheFormKept() {
        String token = links.token(briefing, "cus_1", "own_1");
        FeedbackPage.Rendered r = page.submit(token, form("false positve", "open", "2026-07-01", "keep this note"));
        assertEquals(400, r.status());
        assertTrue(r.html().contains("unknown verdict &quot;false positve&quot;: use one of confirmed, false_positive, handled; did you mean false_positive?"),
                r.html());
        assertTrue(r.html().contains("keep this note"), r.html());
        assertTrue(r.html().contains("value=\"2026-07-01\""), r.html());
        assertTrue(r.html().contains("value=\"open\" checked"), r.html());

        FeedbackPage.Rendered badDate = page.submit(token, form("confirmed", null, "next friday", null));
        assertEquals(400, badDate.status());
        assertTrue(badDate.html().contains("the due date &quot;next friday&quot; is not a date; write it as YYYY-MM-DD"), badDate.html());

        FeedbackPage.Rendered tooLong = page.submit(token, form("confirmed", null, null, "n".repeat(2001)));
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.html().contains("the note has 2001 characters; keep it to 2000"), tooLong.html());
        assertTrue(service.find(SKILL, "own_1", "cus_1").isEmpty(), "nothing recorded from invalid forms");
    }

    @Test
    void anExpiredOrForgedLinkIsA403WithAPlainMessage() {
        FeedbackLinks later = new FeedbackLinks(SECRET, Duration.ofDays(21), "http://localhost:8080",
                Clock.fixed(NOW.plus(Duration.ofDays(22)), ZoneOffset.UTC));
        FeedbackPage expiredPage = new FeedbackPage(later, service, Path.of("briefings"));
        String token = links.token(briefing, "cus_1", "own_1");
        FeedbackPage.Rendered expired = expiredPage.show(token);
        assertEquals(403, expired.status());
        assertTrue(expired.html().contains("This feedback link expired on 2026-07-06; ask for a new briefing."), expired.html());
        assertEquals(403, expiredPage.submit(token, form("confirmed", null, null, null)).status());
        assertTrue(service.find(SKILL, "own_1", "cus_1").isEmpty());

        FeedbackPage.Rendered forged = page.show(token.substring(0, token.length() - 4) + "AAAA");
        assertEquals(403, forged.status());
        assertFalse(forged.html().contains("<form"), forged.html());

        // Signed correctly, but the owner's briefing does not list that customer.
        FeedbackPage.Rendered missing = page.show(links.token(briefing, "cus_1", "own_2"));
        assertEquals(404, missing.status());
        assertTrue(missing.html().contains("no longer in that briefing"), missing.html());
    }
}
