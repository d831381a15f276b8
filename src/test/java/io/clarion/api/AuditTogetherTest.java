package io.clarion.api;

import io.clarion.agent.chat.ChatService;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.agent.chat.SessionStore;
import io.clarion.briefing.feedback.BriefingFixture;
import io.clarion.briefing.feedback.FeedbackChange;
import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.feedback.Verdict;
import io.clarion.demo.Progress;
import io.clarion.engine.Engine;
import io.clarion.governance.audit.AuditLog;
import io.clarion.governance.policy.Principal;
import io.clarion.testing.TestDatabase;
import io.clarion.warehouse.WarehouseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An answer and its audit row go together: when the store refuses the row (here a trigger refuses
 * rows of principals named "unaudited…"), the query, profile card, chat answer and feedback change
 * are not returned (503) and nothing they would have changed is kept; the same requests from
 * anyone else are answered, each with its row.
 */
class AuditTogetherTest {
    static final String REFUSE = """
            CREATE OR REPLACE FUNCTION clarion.refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.principal LIKE 'unaudited%' THEN RAISE EXCEPTION 'the audit store refuses this row'; END IF;
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS refuse_audit ON clarion.audit_log;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON clarion.audit_log FOR EACH ROW EXECUTE FUNCTION clarion.refuse_audit();
            """;
    static final String QUERY = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.segment\"]}";
    static Engine engine;
    static DataSource store;

    @BeforeAll
    static void start() throws SQLException {
        store = TestDatabase.freshDatabase("audit_together");
        Map<String, String> c = Map.of("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl(), "clarion.store.jdbc-url",
                TestDatabase.jdbcUrl("audit_together"), "clarion.demo.load", "false");
        engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
        refuseUnaudited(store);
    }

    @AfterAll
    static void stop() {
        if (engine != null) engine.close();
    }

    static void refuseUnaudited(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(REFUSE);
        }
    }

    static int auditRows(DataSource ds, String principal) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM clarion.audit_log WHERE principal = '" + principal + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Caller analyst(String name) {
        return Caller.of(engine.queries().access(new Principal(name, List.of("analyst"), Map.of())));
    }

    /** The status the API answers a failure to write the audit row with. */
    static void assertUnavailable(WarehouseException e) {
        assertEquals(503, new ErrorMappers().warehouse(e).getStatus(), e.getMessage());
        assertTrue(e.getMessage().contains("audit log could not be written"), e.getMessage());
    }

    @Test
    void aQueryOrProfileWhoseAuditRowCannotBeWrittenIsNotAnswered() throws SQLException {
        QueryResource refused = new QueryResource();
        refused.engine = engine;
        refused.caller = analyst("unaudited-ana");
        assertUnavailable(assertThrows(WarehouseException.class, () -> refused.run(QUERY)));
        CustomerResource refusedCard = new CustomerResource();
        refusedCard.engine = engine;
        refusedCard.caller = refused.caller;
        assertUnavailable(assertThrows(WarehouseException.class, () -> refusedCard.profile("cus_000042")));

        QueryResource answered = new QueryResource();
        answered.engine = engine;
        answered.caller = analyst("audited-ana");
        QueryResource.QueryResponse r = answered.run(QUERY);
        assertTrue(r.rowCount() > 1, r.toString());
        assertEquals(1, auditRows(store, "audited-ana"));
    }

    @Test
    void aChatAnswerWhoseAuditRowCannotBeWrittenIsNeitherReturnedNorKeptForAFollowUp() throws SQLException {
        var queries = engine.queries();
        OfflinePlanner offline = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        ChatService chat = new ChatService(queries, offline, null, new SessionStore(100), engine.audit());
        var refused = engine.queries().access(new Principal("unaudited-bob", List.of("analyst"), Map.of()));
        assertUnavailable(assertThrows(WarehouseException.class, () -> chat.ask(refused, "How many customers are there?", "s1")));
        assertTrue(chat.session(ChatService.sessionKey(refused.principal(), "s1")).isEmpty(), "no turn kept for an unanswered question");

        var audited = engine.queries().access(new Principal("audited-bob", List.of("analyst"), Map.of()));
        var answer = chat.ask(audited, "How many customers are there?", "s1");
        assertFalse(answer.refused(), answer.answer());
        assertTrue(chat.session(ChatService.sessionKey(audited.principal(), "s1")).isPresent());
        assertTrue(auditRows(store, "audited-bob") >= 2, "the question and the query it ran");
    }

    @Test
    void aFeedbackChangeWhoseAuditRowCannotBeWrittenIsRolledBack() throws SQLException {
        BriefingFixture fx = BriefingFixture.fresh("audit_together_feedback");
        refuseUnaudited(fx.dataSource());
        long b = fx.briefing(BriefingFixture.SKILL, "own_1", LocalDate.of(2026, 6, 15));
        fx.account(b, "cus_1", "Acme", 6);
        FeedbackService feedback = new FeedbackService(fx.dataSource());
        feedback.auditTo(new AuditLog(fx.dataSource(), engine.catalog()));
        FeedbackChange refused = new FeedbackChange(BriefingFixture.SKILL, "own_1", "cus_1", Verdict.CONFIRMED, null, null, "call them",
                null, null, "unaudited-olga");
        assertUnavailable(assertThrows(WarehouseException.class, () -> feedback.record(refused)));
        assertTrue(feedback.list("own_1", null, null).isEmpty(), "the change was rolled back with its audit row");
        assertEquals(0, BriefingFixture.rows(fx.dataSource(), "account_feedback_history"));

        feedback.record(new FeedbackChange(BriefingFixture.SKILL, "own_1", "cus_1", Verdict.CONFIRMED, null, null, "call them",
                null, null, "olga"));
        assertEquals(1, feedback.list("own_1", null, null).size());
        assertEquals(1, auditRows(fx.dataSource(), "olga"));
    }
}
