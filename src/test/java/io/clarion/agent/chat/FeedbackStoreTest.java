package io.clarion.agent.chat;

import io.clarion.agent.VerifiedQuery;

import io.clarion.query.QueryParser;
import io.clarion.testing.TestDatabase;
import io.clarion.store.AppStore;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feedback and promoted verified queries in the app schema of a fresh database. */
class FeedbackStoreTest {

    @Test
    void feedbackAndPromotedQueriesAreStoredAndReadBack() throws Exception {
        DataSource db = TestDatabase.freshDatabase("verified_query_store");
        AppStore.migrate(db);
        AppStore.migrate(db); // a second start finds the schema up to date
        FeedbackStore feedback = new FeedbackStore(db);
        assertTrue(feedback.list().isEmpty());
        assertTrue(feedback.promotedQueries().isEmpty());

        var corrected = QueryParser.parse("{\"metrics\": [\"current_mrr\"], \"dimensions\": [\"customers.segment\"]}");
        FeedbackStore.Feedback helpful = feedback.add("s-1", 1, "What's our ARR?", true, "spot on", null);
        FeedbackStore.Feedback wrong = feedback.add("s-2", 2, "What's our MRR by segment?", false, "want current MRR", corrected);
        assertEquals(List.of(helpful.id(), wrong.id()), feedback.list().stream().map(FeedbackStore.Feedback::id).toList());
        assertNull(helpful.correctedQuery());
        assertEquals("spot on", helpful.comment());
        assertEquals(2, wrong.turn());
        assertFalse(wrong.helpful());
        assertEquals(QueryParser.toJson(corrected), wrong.correctedQuery());

        FeedbackStore.Promoted p = feedback.promote(wrong.id(), "What is current MRR by segment?", corrected, "finance");
        assertEquals(wrong.id(), p.feedbackId());
        assertEquals(LocalDate.now(), p.verifiedAt());

        List<VerifiedQuery> promoted = feedback.promotedQueries();
        assertEquals(1, promoted.size());
        VerifiedQuery v = promoted.get(0);
        assertEquals("What is current MRR by segment?", v.question());
        assertEquals(corrected, v.query());
        assertEquals("finance", v.verifiedBy());
        assertEquals(p.verifiedAt(), v.verifiedAt());

        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT question, query->'metrics'->>0, verified_by, feedback_id FROM clarion.verified_query")) {
            assertTrue(rs.next());
            assertEquals("current_mrr", rs.getString(2));
            assertEquals(wrong.id(), rs.getLong(4));
            assertFalse(rs.next());
        }
    }
}
