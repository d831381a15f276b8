package io.clarion.agent.chat;

import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;

import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import io.clarion.store.AppStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feedback on answers, stored in the app schema, and promotion of a corrected query. */
class ChatFeedbackTest {
    static ChatService chat;
    static ChatFeedback feedback;
    static FeedbackStore store;

    @BeforeAll
    static void setUp() {
        DataSource app = TestDatabase.freshDatabase("chat_feedback");
        AppStore.migrate(app);
        store = new FeedbackStore(app);
        var queries = DemoEngine.queries();
        OfflinePlanner planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        chat = new ChatService(queries, planner, null, new SessionStore(100), null);
        feedback = new ChatFeedback(chat, store, planner, List.of());
    }

    @Test
    void aCorrectedQueryIsStoredAndPromotedThenAnswersTheQuestion() {
        String question = "How much money did enterprise accounts bring in?";
        ChatResponse first = chat.ask(question, null);
        var corrected = QueryParser.parse("{\"metrics\": [\"revenue\"], \"filters\": [{\"dimension\": \"customers.segment\", "
                + "\"operator\": \"equals\", \"value\": \"enterprise\"}]}");
        FeedbackStore.Feedback f = feedback.give(first.sessionId(), null, false, "should be paid revenue", corrected);
        assertEquals(1, f.turn());
        assertEquals(question, f.question());
        assertFalse(f.helpful());
        assertTrue(store.list().stream().anyMatch(x -> x.id() == f.id()));

        FeedbackStore.Promoted p = feedback.promote(f.id(), null, "finance");
        assertEquals(question, p.question());
        assertEquals("finance", p.verifiedBy());

        ChatResponse again = chat.ask(question, null);
        assertEquals(List.of("revenue"), QueryParser.parse(again.results().get(0).query()).metrics());
        assertTrue(again.assumptions().stream().anyMatch(a -> a.contains("verified by finance")), again.assumptions().toString());
    }

    @Test
    void anInvalidCorrectedQueryStoresNothing() {
        ChatResponse r = chat.ask("What's our ARR?", null);
        int before = store.list().size();
        var bad = QueryParser.parse("{\"metrics\": [\"revenu\"]}");
        QueryException e = assertThrows(QueryException.class, () -> feedback.give(r.sessionId(), 1, false, null, bad));
        assertTrue(e.errors().get(0).suggestions().contains("revenue"), e.errors().toString());
        assertEquals(before, store.list().size());
    }

    @Test
    void unknownSessionsAndTurnsAreNotFound() {
        assertThrows(NoSuchElementException.class, () -> feedback.give("no-such-session", null, true, null, null));
        ChatResponse r = chat.ask("What's our ARR?", null);
        assertThrows(NoSuchElementException.class, () -> feedback.give(r.sessionId(), 5, true, null, null));
        assertThrows(NoSuchElementException.class, () -> feedback.promote(999_999, null, "x"));
    }

    @Test
    void feedbackWithoutACorrectedQueryCannotBePromoted() {
        ChatResponse r = chat.ask("What's our ARR?", null);
        FeedbackStore.Feedback f = feedback.give(r.sessionId(), 1, true, "good", null);
        assertThrows(QueryException.class, () -> feedback.promote(f.id(), null, "finance"));
    }
}
