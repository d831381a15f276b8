package io.clarion.agent.eval;

import io.clarion.agent.chat.ChatService;
import io.clarion.agent.Conversation;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.QuestionPlanner;
import io.clarion.agent.chat.SessionStore;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner's bookkeeping: one verdict per question, in order, each asked in a fresh session;
 * refusals right exactly when the chat refused and ran nothing; gold SQL read-only. Not the
 * planner's score (the development-set test holds that).
 */
class EvalRunnerTest {

    static List<EvalRunner.Case> devSet() throws Exception {
        return EvalRunner.parse(Files.readAllLines(DemoEngine.projectDir().resolve("src/test/resources/eval/dev.jsonl")), "dev.jsonl");
    }

    /** A planner answering every question the same way, remembering the conversations it was given. */
    record Scripted(Function<String, PlannerOutcome> answer, List<Conversation> seen) implements QuestionPlanner {
        Scripted(Function<String, PlannerOutcome> answer) {
            this(answer, new ArrayList<>());
        }

        @Override
        public String name() {
            return "offline";
        }

        @Override
        public PlannerOutcome plan(String question, Conversation conversation) {
            seen.add(conversation);
            return answer.apply(question);
        }
    }

    static ChatService chat(QuestionPlanner planner) {
        return new ChatService(DemoEngine.queries(), planner, null, new SessionStore(1000), null);
    }

    @Test
    void theDevelopmentSetThroughTheOfflineChatGivesOneConsistentVerdictPerQuestion() throws Exception {
        var queries = DemoEngine.queries();
        OfflinePlanner planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        List<EvalRunner.Case> cases = devSet();
        List<String> lines = Files.readAllLines(DemoEngine.projectDir().resolve("src/test/resources/eval/dev.jsonl"));
        assertEquals(lines.stream().filter(l -> !l.isBlank()).count(), cases.size());

        EvalRunner.Report report = EvalRunner.run(cases, chat(planner), TestDatabase.demo());

        assertEquals(cases.size(), report.verdicts().size());
        assertEquals(cases.size(), report.total());
        int right = 0;
        for (int i = 0; i < cases.size(); i++) {
            EvalRunner.Case c = cases.get(i);
            EvalRunner.Verdict v = report.verdicts().get(i);
            assertEquals(c.id(), v.id());
            assertEquals(c.question(), v.question());
            assertEquals("offline", v.planner());
            if (c.expectRefusal()) {
                assertEquals(v.refused() && v.query() == null, v.right(), v.toString());
            } else if (v.right()) {
                assertFalse(v.refused(), v.toString());
                assertTrue(v.query() != null, v.toString());
            }
            assertEquals(v.right(), v.reason() == null, v.toString());
            if (v.reason() != null) assertFalse(v.reason().contains("\n"), v.reason());
            if (v.right()) right++;
        }
        assertEquals(right, report.right());
        assertEquals((double) right / cases.size(), report.score(), 1e-9);
        assertTrue(report.p50Millis() <= report.p99Millis());
        assertTrue(EvalRunner.scoreLine(report).matches("score: \\d+/" + cases.size() + " \\(\\d+\\.\\d%\\)"), EvalRunner.scoreLine(report));
    }

    @Test
    void aChatThatRefusesEverythingIsRightOnExactlyTheRefusalLines() throws Exception {
        Scripted planner = new Scripted(q -> new PlannerOutcome.Refused("I cannot answer that."));
        List<EvalRunner.Case> cases = devSet();
        EvalRunner.Report report = EvalRunner.run(cases, chat(planner), TestDatabase.demo());
        long refusals = cases.stream().filter(EvalRunner.Case::expectRefusal).count();
        assertTrue(refusals > 0 && refusals < cases.size(), "the set has both kinds of lines");
        assertEquals(refusals, report.right());
        for (int i = 0; i < cases.size(); i++) {
            EvalRunner.Verdict v = report.verdicts().get(i);
            assertTrue(v.refused());
            assertEquals(cases.get(i).expectRefusal(), v.right(), v.toString());
            if (!v.right()) assertTrue(v.reason().startsWith("refused: "), v.reason());
        }
        // Every question in a session of its own: no turns before it, never the same id twice.
        Set<String> sessions = new HashSet<>();
        for (Conversation c : planner.seen()) {
            assertTrue(c.turns().isEmpty());
            assertTrue(sessions.add(c.id()));
        }
        assertEquals(cases.size(), sessions.size());
    }

    @Test
    void aClarifyingQuestionIsNeitherAnAnswerNorARefusal() {
        Scripted planner = new Scripted(q -> new PlannerOutcome.Clarify("Which revenue?", List.of("paid", "billed")));
        List<EvalRunner.Case> cases = List.of(
                new EvalRunner.Case("a", "What is revenue?", false, "SELECT 1", false),
                new EvalRunner.Case("r", "What is the office address?", true, null, false));
        EvalRunner.Report report = EvalRunner.run(cases, chat(planner), TestDatabase.demo());
        assertEquals(0, report.right());
        assertTrue(report.verdicts().get(0).reason().startsWith("asked back: "), report.verdicts().get(0).reason());
        assertTrue(report.verdicts().get(1).reason().startsWith("expected a refusal; asked back: "), report.verdicts().get(1).reason());
    }

    @Test
    void anAnswerIsComparedWithTheGoldResultAndGoldSqlCannotWrite() throws Exception {
        var count = QueryParser.parse("{\"metrics\": [\"customers.total_count\"]}");
        Scripted planner = new Scripted(q -> new PlannerOutcome.Planned(count, List.of(), "test"));
        long before = customers();
        List<EvalRunner.Case> cases = List.of(
                new EvalRunner.Case("right", "How many customers?", false, "SELECT count(*) FROM customers", false),
                new EvalRunner.Case("wrong", "How many customers?", false, "SELECT count(*) * 2 FROM customers", false),
                new EvalRunner.Case("write", "How many customers?", false,
                        "WITH gone AS (DELETE FROM nps_responses RETURNING 1) SELECT count(*) FROM gone", false),
                new EvalRunner.Case("refuse", "How many customers?", true, null, false));
        long npsBefore = count("SELECT count(*) FROM nps_responses");
        EvalRunner.Report report = EvalRunner.run(cases, chat(planner), TestDatabase.demo());

        List<EvalRunner.Verdict> v = report.verdicts();
        assertTrue(v.get(0).right(), v.get(0).toString());
        assertNull(v.get(0).reason());
        assertTrue(v.get(0).query().contains("customers.total_count"), v.get(0).query());
        assertFalse(v.get(1).right());
        assertFalse(v.get(2).right());
        assertTrue(v.get(2).reason().startsWith("the gold SQL failed: ") && v.get(2).reason().contains("read-only"), v.get(2).reason());
        assertEquals(npsBefore, count("SELECT count(*) FROM nps_responses"));
        assertFalse(v.get(3).right());
        assertTrue(v.get(3).reason().startsWith("expected a refusal; answered: "), v.get(3).reason());
        assertEquals(1, report.right());
        assertEquals("score: 1/4 (25.0%)", EvalRunner.scoreLine(report));
        assertTrue(EvalRunner.line(v.get(0)).matches("right\\s+RIGHT\\s+offline\\s+\\d+ ms  How many customers\\?"), EvalRunner.line(v.get(0)));
        assertTrue(EvalRunner.line(v.get(1)).matches("wrong\\s+WRONG\\s+offline\\s+\\d+ ms  How many customers\\?  -- .+"), EvalRunner.line(v.get(1)));
        assertEquals(before, customers());
    }

    @Test
    void aFailingChatTurnIsAWrongVerdictNotAnAbortedRun() {
        Scripted planner = new Scripted(q -> {
            throw new IllegalStateException("planner exploded");
        });
        EvalRunner.Report report = EvalRunner.run(List.of(new EvalRunner.Case("x", "q", true, null, false),
                new EvalRunner.Case("y", "q", true, null, false)), chat(planner), TestDatabase.demo());
        assertEquals(2, report.verdicts().size());
        assertEquals(0, report.right());
        assertTrue(report.verdicts().get(0).reason().contains("planner exploded"), report.verdicts().get(0).reason());
    }

    @Test
    void badLinesAreReportedWithTheirLineNumber() {
        List<String> set = List.of("{\"id\": \"a\", \"question\": \"q\", \"expect\": \"refuse\"}", "", "{\"id\": \"b\", \"question\": ");
        EvalRunner.BadSetException e = assertThrows(EvalRunner.BadSetException.class, () -> EvalRunner.parse(set, "set.jsonl"));
        assertTrue(e.getMessage().startsWith("set.jsonl:3: "), e.getMessage());
        assertTrue(assertThrows(EvalRunner.BadSetException.class, () -> EvalRunner.parse(
                List.of("{\"question\": \"q\", \"expect\": \"maybe\"}"), "s")).getMessage().startsWith("s:1: "));
        assertTrue(assertThrows(EvalRunner.BadSetException.class, () -> EvalRunner.parse(
                List.of("[1, 2]"), "s")).getMessage().contains("question"));
        List<EvalRunner.Case> ok = EvalRunner.parse(List.of("{\"question\": \"q\", \"expect\": \"answer\", \"gold_sql\": \"SELECT 1\", \"ordered\": true}"), "s");
        assertEquals("line 1", ok.get(0).id());
        assertTrue(ok.get(0).ordered());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) ms[i] = i + 1;
        assertEquals(50, EvalRunner.percentile(ms, 50));
        assertEquals(99, EvalRunner.percentile(ms, 99));
        assertEquals(7, EvalRunner.percentile(new long[]{7}, 99));
        assertEquals(0, EvalRunner.percentile(new long[0], 50));
    }

    static long customers() throws Exception {
        return count("SELECT count(*) FROM customers");
    }

    static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
