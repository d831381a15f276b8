package io.clarion.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.app.Agents;
import io.clarion.agent.chat.ChatFeedback;
import io.clarion.agent.chat.ChatResponse;
import io.clarion.agent.chat.ChatService;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.chat.FeedbackStore;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.agent.chat.SessionStore;
import io.clarion.query.QueryException;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import io.clarion.store.AppStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat and feedback endpoints' request handling on the demo data set (no HTTP server: the IT covers that). */
class ChatResourceTest {
    static ChatResource resource;
    static FeedbackStore store;

    @BeforeAll
    static void setUp() {
        DataSource app = TestDatabase.freshDatabase("chat_resource");
        AppStore.migrate(app);
        store = new FeedbackStore(app);
        var queries = DemoEngine.queries();
        OfflinePlanner offline = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        ChatService service = new ChatService(queries, offline, null, new SessionStore(100), null);
        resource = new ChatResource();
        resource.caller = Caller.of(io.clarion.governance.policy.Access.FULL);
        resource.chat = new Agents.Chat(service, new ChatFeedback(service, store, offline, List.of()), offline);
    }

    static String code(Runnable r) {
        return assertThrows(BadRequest.class, r::run).code();
    }

    @Test
    void aQuestionIsAnsweredAndAFollowUpKeepsItsSession() {
        ChatResponse a = resource.ask("{\"message\": \"Count our active accounts per segment, please.\"}");
        assertEquals("offline", a.planner());
        assertTrue(a.refused() || !a.results().isEmpty(), a.toString());
        ChatResponse b = resource.ask("{\"message\": \"now only enterprise\", \"session_id\": \"" + a.sessionId() + "\"}");
        assertEquals(a.sessionId(), b.sessionId());
        ChatResponse c = resource.ask("{\"message\": \"What's our ARR?\", \"session_id\": null}");
        assertNotEquals(a.sessionId(), c.sessionId());
    }

    @Test
    void requestsTheChatCannotReadAreSpecificBadRequests() {
        assertEquals("malformed_json", code(() -> resource.ask("{\"message\": ")));
        assertEquals("malformed_json", code(() -> resource.ask("")));
        assertEquals("malformed_json", code(() -> resource.ask("[\"How many customers?\"]")));
        assertEquals("missing_field", code(() -> resource.ask("{\"session_id\": \"x\"}")));
        assertEquals("missing_field", code(() -> resource.ask("{\"message\": 42}")));
        assertEquals("missing_field", code(() -> resource.ask("{\"message\": \"  \"}")));
        assertEquals("unknown_key", code(() -> resource.ask("{\"message\": \"hi\", \"sesion_id\": \"x\"}")));
        assertEquals("invalid_type", code(() -> resource.ask("{\"message\": \"hi\", \"session_id\": 7}")));
    }

    @Test
    void feedbackIsValidatedBeforeAnythingIsStored() {
        String session = resource.ask("{\"message\": \"What's our ARR?\"}").sessionId();
        int before = store.list().size();
        assertEquals("missing_field", code(() -> resource.feedback(session, "{\"comment\": \"no verdict\"}")));
        assertEquals("invalid_type", code(() -> resource.feedback(session, "{\"helpful\": true, \"turn\": \"first\"}")));
        QueryException bad = assertThrows(QueryException.class,
                () -> resource.feedback(session, "{\"helpful\": false, \"corrected_query\": {\"metrics\": [\"arrr\"]}}"));
        assertTrue(bad.errors().get(0).suggestions().contains("arr"), bad.errors().toString());
        assertThrows(QueryException.class, () -> resource.feedback(session, "{\"helpful\": false, \"corrected_query\": \"arr\"}"));
        assertThrows(NoSuchElementException.class, () -> resource.feedback("no-such-session", "{\"helpful\": true}"));
        assertThrows(NoSuchElementException.class, () -> resource.feedback(session, "{\"helpful\": true, \"turn\": 9}"));
        assertEquals(before, store.list().size());

        FeedbackStore.Feedback f = resource.feedback(session,
                "{\"helpful\": false, \"comment\": \"want current MRR\", \"corrected_query\": {\"metrics\": [\"current_mrr\"]}}");
        assertEquals("What's our ARR?", f.question());
        assertTrue(resource.feedbackList().stream().anyMatch(x -> x.id() == f.id()));

        assertEquals("missing_field", code(() -> resource.promote("{\"verified_by\": \"finance\"}")));
        assertThrows(QueryException.class, () -> resource.promote("{\"feedback_id\": " + f.id() + "}"));
        assertThrows(NoSuchElementException.class, () -> resource.promote("{\"feedback_id\": 999999, \"verified_by\": \"finance\"}"));
        FeedbackStore.Promoted p = resource.promote("{\"feedback_id\": " + f.id() + ", \"verified_by\": \"finance\"}");
        assertEquals("What's our ARR?", p.question());
        assertTrue(resource.promoted().stream().anyMatch(x -> x.id() == p.id() && x.query().toString().contains("current_mrr")));
    }

    @Test
    void feedbackRecordsWhoGaveItAndOnlyOnTheCallersOwnSessions() {
        ChatResource ana = new ChatResource();
        ana.chat = resource.chat;
        ana.caller = Caller.of(io.clarion.governance.policy.Access.full(io.clarion.governance.policy.Principal.named("ana")));
        ChatResource bob = new ChatResource();
        bob.chat = resource.chat;
        bob.caller = Caller.of(io.clarion.governance.policy.Access.full(io.clarion.governance.policy.Principal.named("bob")));
        String session = ana.ask("{\"message\": \"What's our ARR?\"}").sessionId();
        int before = store.list().size();
        assertThrows(NoSuchElementException.class, () -> bob.feedback(session, "{\"helpful\": false, \"comment\": \"not mine\"}"));
        assertEquals(before, store.list().size());
        FeedbackStore.Feedback f = ana.feedback(session, "{\"helpful\": true}");
        assertEquals("ana", f.givenBy());
        assertEquals("ana", store.find(f.id()).orElseThrow().givenBy());
    }

    @Test
    void errorsAreMappedToStatusCodesWithTheApiErrorBody() throws Exception {
        ErrorMappers m = new ErrorMappers();
        var r = m.badRequest(new BadRequest("malformed_json", "the body is not valid JSON"));
        assertEquals(400, r.getStatus());
        ApiError e = (ApiError) r.getEntity();
        assertEquals("malformed_json", e.error());
        assertTrue(e.errors().isEmpty());
        assertEquals(404, m.notFound(new NoSuchElementException("no customer with id cus_1")).getStatus());
        String json = new ObjectMapper().writeValueAsString(e);
        assertTrue(json.contains("\"error\":\"malformed_json\"") && json.contains("\"errors\":[]"), json);
    }
}
