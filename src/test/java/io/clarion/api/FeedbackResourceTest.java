package io.clarion.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clarion.briefing.feedback.BriefingFixture;
import io.clarion.briefing.feedback.CyclePrecision;
import io.clarion.briefing.feedback.Feedback;
import io.clarion.briefing.feedback.FeedbackException;
import io.clarion.briefing.feedback.FeedbackLinks;
import io.clarion.briefing.feedback.FeedbackPage;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.feedback.FollowUpStatus;
import io.clarion.briefing.feedback.Verdict;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static io.clarion.briefing.feedback.BriefingFixture.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feedback API and page endpoints' request handling over a stored briefing (no HTTP server: the IT covers that). */
class FeedbackResourceTest {
    static FeedbackResource api;
    static BriefingResource precision;
    static FeedbackPageResource pages;
    static FeedbackLinks links;
    static long briefing;

    @BeforeAll
    static void setUp() {
        BriefingFixture fx = BriefingFixture.fresh("feedback_resource");
        briefing = fx.briefing(SKILL, "own_1", LocalDate.of(2026, 6, 15));
        fx.account(briefing, "cus_1", "Acme", 6);
        fx.account(briefing, "cus_2", "<b>Globex</b>", 3);
        FeedbackService service = new FeedbackService(fx.dataSource());
        links = FeedbackLinks.create(fx.dataSource(), key -> Optional.empty());
        api = new FeedbackResource();
        api.feedback = service;
        api.caller = Caller.of(io.clarion.governance.policy.Access.FULL);
        precision = new BriefingResource();
        precision.feedback = service;
        precision.caller = Caller.of(io.clarion.governance.policy.Access.FULL);
        pages = new FeedbackPageResource();
        pages.page = new FeedbackPage(links, service, Path.of("briefings"));
    }

    static String code(Runnable r) {
        RuntimeException e = assertThrows(RuntimeException.class, r::run);
        ErrorMappers m = new ErrorMappers();
        Response resp = e instanceof FeedbackException f ? m.feedback(f) : m.badRequest((BadRequest) e);
        assertEquals(400, resp.getStatus());
        return ((ApiError) resp.getEntity()).error();
    }

    @Test
    void feedbackIsRecordedListedAndItsHistoryRead() throws Exception {
        Feedback f = api.record("{\"skill\": \"weekly-retention-risk\", \"owner_id\": \"own_1\", \"customer_id\": \"cus_1\", "
                + "\"verdict\": \"confirmed\", \"due_date\": \"2026-06-30\", \"note\": \"call\", \"by\": \"ana\"}");
        assertEquals(Verdict.CONFIRMED, f.verdict());
        assertEquals(FollowUpStatus.OPEN, f.status());
        assertEquals(briefing, f.briefingId());
        api.record("{\"skill\": \"weekly-retention-risk\", \"owner_id\": \"own_1\", \"customer_id\": \"cus_1\", "
                + "\"verdict\": \"confirmed\", \"status\": \"in_progress\", \"briefing_id\": " + briefing + ", \"by\": \"ana\"}");

        assertEquals(List.of("cus_1"), api.list("own_1", "in_progress", SKILL).stream().map(Feedback::customerId).toList());
        assertTrue(api.list("own_1", "open", null).isEmpty());
        assertEquals(2, api.history(f.id()).size());
        assertThrows(NoSuchElementException.class, () -> api.history(f.id() + 1000));

        assertEquals(List.of(new CyclePrecision(LocalDate.of(2026, 6, 15), 1, 0, 0, 1.0)), precision.precision(SKILL));

        // As the app writes JSON: snake_case fields, verdicts and statuses by their codes.
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        String written = json.writeValueAsString(api.list("own_1", null, null).get(0));
        assertTrue(written.contains("\"customer_id\":\"cus_1\"") && written.contains("\"verdict\":\"confirmed\"")
                && written.contains("\"status\":\"in_progress\"") && written.contains("\"updated_by\":\"ana\""), written);
    }

    @Test
    void badRequestsAreSpecific400s() {
        String ok = "\"skill\": \"weekly-retention-risk\", \"owner_id\": \"own_1\", \"customer_id\": \"cus_2\", \"by\": \"ana\"";
        assertEquals("malformed_json", code(() -> api.record("{")));
        assertEquals("unknown_key", code(() -> api.record("{" + ok + ", \"verdikt\": \"confirmed\"}")));
        assertEquals("missing_field", code(() -> api.record("{" + ok + "}")));
        assertEquals("invalid_verdict", code(() -> api.record("{" + ok + ", \"verdict\": \"flase_positive\"}")));
        assertEquals("invalid_status", code(() -> api.record("{" + ok + ", \"verdict\": \"confirmed\", \"status\": \"closed\"}")));
        assertEquals("invalid_due_date", code(() -> api.record("{" + ok + ", \"verdict\": \"confirmed\", \"due_date\": \"30/06/2026\"}")));
        assertEquals("invalid_type", code(() -> api.record("{" + ok + ", \"verdict\": \"confirmed\", \"briefing_id\": \"one\"}")));
        assertEquals("note_too_long", code(() -> api.record("{" + ok + ", \"verdict\": \"confirmed\", \"note\": \"" + "n".repeat(2001) + "\"}")));
        assertEquals("not_in_briefing", code(() -> api.record("{\"skill\": \"weekly-retention-risk\", \"owner_id\": \"own_2\", "
                + "\"customer_id\": \"cus_2\", \"verdict\": \"confirmed\", \"by\": \"ana\"}")));
        assertEquals("invalid_status", code(() -> api.list(null, "opne", null)));
        assertEquals("missing_field", code(() -> precision.precision(" ")));
        assertTrue(api.list("own_1", null, null).stream().noneMatch(f -> f.customerId().equals("cus_2")));
    }

    @Test
    void thePageIsServedAsHtmlAndRecordsTheForm() {
        String token = links.token(briefing, "cus_2", "own_1");
        Response shown = pages.show(token);
        assertEquals(200, shown.getStatus());
        assertTrue(shown.getMediaType().toString().startsWith("text/html"), shown.getMediaType().toString());
        assertEquals("no-store", shown.getHeaderString("Cache-Control"));
        assertTrue(((String) shown.getEntity()).contains("&lt;b&gt;Globex&lt;/b&gt;"));

        Response posted = pages.submit(token, "false_positive", null, null, "seasonal dip");
        assertEquals(200, posted.getStatus());
        assertTrue(((String) posted.getEntity()).contains("Thank you: recorded false positive, follow-up done."), (String) posted.getEntity());
        assertEquals(Verdict.FALSE_POSITIVE, api.feedback.currentFor(SKILL, "own_1").get("cus_2").verdict());

        assertEquals(400, pages.submit(token, null, null, null, null).getStatus());
        Response forged = pages.show("not-a-token");
        assertEquals(403, forged.getStatus());
        assertTrue(((String) forged.getEntity()).contains("damaged"));
    }

    @Test
    void aFailureBehindThePageIsAPlain500Page() {
        FeedbackPageResource broken = new FeedbackPageResource();
        broken.page = new FeedbackPage(links, api.feedback, Path.of("no-such-templates"));
        IllegalStateException cause = assertThrows(IllegalStateException.class,
                () -> broken.page.show(links.token(briefing, "cus_1", "own_1")));
        assertTrue(cause.getMessage().contains("set clarion.briefings.dir"), cause.getMessage());
        Response r = broken.show(links.token(briefing, "cus_1", "own_1"));
        assertEquals(500, r.getStatus());
        String html = (String) r.getEntity();
        assertTrue(html.contains("Something went wrong on our side; your feedback was not saved."), html);
        assertTrue(!html.contains("no-such-templates"), html);
    }
}
