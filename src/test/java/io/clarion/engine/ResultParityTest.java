package io.clarion.engine;

import io.clarion.agent.eval.ResultComparison;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every case of src/test/resources/results/*.jsonl: the metric query through the engine and
 * the hand-written gold SQL must return the same table on the demo data set (rules of the
 * question-set README: columns matched by values, rows as a multiset unless ordered).
 */
class ResultParityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> metricQueriesMatchHandWrittenSql() throws Exception {
        Path dir = DemoEngine.projectDir().resolve("src/test/resources/results");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) continue;
                    JsonNode c = JSON.readTree(line);
                    String name = f.getFileName() + " " + c.get("id").asText() + " (" + c.path("source").asText() + ")";
                    tests.add(DynamicTest.dynamicTest(name, () -> check(c)));
                }
            }
        }
        assertTrue(tests.size() >= 40, "only " + tests.size() + " cases");
        return tests.stream();
    }

    private static void check(JsonNode c) throws Exception {
        QueryService.Outcome out = DemoEngine.queries().run(QueryParser.parse(c.get("query")), QueryService.Options.DEFAULT);
        List<List<Object>> gold = gold(c.get("gold_sql").asText());
        boolean ordered = c.path("ordered").asBoolean(false);
        Optional<String> diff = ResultComparison.mismatch(gold, out.result().rows(), ordered);
        if (diff.isPresent()) {
            fail(diff.get() + "\nquery: " + c.get("query") + "\nSQL:\n" + out.compiled().sql().sql() + "\nbinds: "
                    + out.compiled().sql().binds() + "\nanswer (first rows): " + head(out.result().rows()) + "\ngold (first rows): " + head(gold));
        }
    }

    private static String head(List<List<Object>> rows) {
        return rows.subList(0, Math.min(5, rows.size())).toString();
    }

    static List<List<Object>> gold(String sql) throws Exception {
        try (Connection conn = TestDatabase.demo().getConnection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                rows.add(row);
            }
            return rows;
        }
    }
}
