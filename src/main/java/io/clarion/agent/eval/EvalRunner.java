package io.clarion.agent.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.agent.chat.ChatResponse;
import io.clarion.agent.chat.ChatService;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs a question set (one JSON object a line: id, question, expect answer|refuse, gold_sql,
 * ordered) through the chat and scores it by the set's rules: an answer is right when its table
 * matches the gold SQL's result; a refusal is right when nothing ran. Gold SQL is analysts'
 * test data; it runs read-only with a statement timeout.
 */
public final class EvalRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Case(String id, String question, boolean expectRefusal, String goldSql, boolean ordered) {
    }

    /**
     * One question's outcome: {@code reason} is null when right, else a one-line reason;
     * {@code refused} whether the chat refused; {@code query} the answer's query, if any.
     */
    public record Verdict(String id, String question, boolean right, String reason, String planner, long millis,
                          boolean refused, String query) {
    }

    public record Report(List<Verdict> verdicts, int right, int total, long p50Millis, long p99Millis) {
        public double score() {
            return total == 0 ? 0 : (double) right / total;
        }
    }

    /** A question set that cannot be read: the line and what is wrong with it. */
    public static class BadSetException extends RuntimeException {
        public BadSetException(String message) {
            super(message);
        }
    }

    private EvalRunner() {
    }

    public static List<Case> parse(List<String> lines, String name) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = name + ":" + (i + 1);
            JsonNode c;
            try {
                c = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new BadSetException(where + ": not a JSON object: " + e.getOriginalMessage());
            }
            if (!c.isObject() || !c.path("question").isTextual()) throw new BadSetException(where + ": \"question\" (text) is required");
            String expect = c.path("expect").asText("answer");
            if (!expect.equals("answer") && !expect.equals("refuse")) {
                throw new BadSetException(where + ": \"expect\" is answer or refuse, not \"" + expect + "\"");
            }
            if (expect.equals("answer") && !c.path("gold_sql").isTextual()) {
                throw new BadSetException(where + ": an answerable question needs \"gold_sql\"");
            }
            cases.add(new Case(c.path("id").asText("line " + (i + 1)), c.get("question").asText(), expect.equals("refuse"),
                    c.path("gold_sql").asText(null), c.path("ordered").asBoolean(false)));
        }
        return cases;
    }

    /** Asks every question in a fresh session and checks the answer; a failing question is WRONG, never fatal. */
    public static Report run(List<Case> cases, ChatService chat, DataSource warehouse) {
        List<Verdict> verdicts = new ArrayList<>();
        long[] ms = new long[cases.size()];
        int right = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            long t0 = System.nanoTime();
            ChatResponse r;
            try {
                r = chat.ask(c.question(), null);
            } catch (RuntimeException e) {
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                verdicts.add(new Verdict(c.id(), c.question(), false, shorten("the chat failed: " + why), "-", ms[i], false, null));
                continue;
            }
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
            String reason;
            if (c.expectRefusal()) {
                reason = r.refused() && r.results().isEmpty() ? null
                        : (r.clarification() != null ? "expected a refusal; asked back: " : "expected a refusal; answered: ") + r.answer();
            } else if (r.results().isEmpty()) {
                reason = (r.refused() ? "refused: " : r.clarification() != null ? "asked back: " : "no table: ") + r.answer();
            } else {
                try {
                    Optional<String> mismatch = ResultComparison.mismatch(gold(warehouse, c.goldSql()), r.results().get(0).rows(), c.ordered());
                    reason = mismatch.orElse(null);
                } catch (SQLException e) {
                    reason = "the gold SQL failed: " + e.getMessage();
                }
            }
            if (reason == null) right++;
            verdicts.add(new Verdict(c.id(), c.question(), reason == null, reason == null ? null : shorten(reason), r.planner(),
                    ms[i], r.refused(), r.results().isEmpty() ? null : r.results().get(0).query().toString()));
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Report(verdicts, right, cases.size(), percentile(sorted, 50), percentile(sorted, 99));
    }

    /** Nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(sorted.length * p / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** One verdict as a line: id, RIGHT or WRONG, planner, milliseconds, then the question or why it is wrong. */
    public static String line(Verdict v) {
        return String.format(java.util.Locale.ROOT, "%-6s %-5s %-7s %6d ms  %s", v.id(), v.right() ? "RIGHT" : "WRONG",
                v.planner(), v.millis(), v.right() ? v.question() : v.question() + "  -- " + v.reason());
    }

    /** "score: 27/30 (90.0%)". */
    public static String scoreLine(Report r) {
        return String.format(java.util.Locale.ROOT, "score: %d/%d (%.1f%%)", r.right(), r.total(), 100 * r.score());
    }

    static String shorten(String reason) {
        String one = reason.replaceAll("\\s+", " ").strip();
        return one.length() <= 240 ? one : one.substring(0, 237) + "...";
    }

    static List<List<Object>> gold(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = '120s'");
                try (ResultSet rs = s.executeQuery(sql)) {
                    List<List<Object>> rows = new ArrayList<>();
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                        rows.add(row);
                    }
                    return rows;
                }
            } finally {
                c.rollback();
            }
        }
    }
}
