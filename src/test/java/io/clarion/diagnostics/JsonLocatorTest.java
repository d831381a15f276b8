package io.clarion.diagnostics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonLocatorTest {
    static final String QUERY = """
            {
              "metrics": ["a", "b"],
              "filters": [{"dimension": "x", "operator": "gt"}],
              "limit": 5
            }""";

    static String at(String path) {
        Optional<JsonLocator.Position> p = JsonLocator.locate(QUERY, path);
        return p.map(x -> x.line() + ":" + x.column() + " " + QUERY.substring(x.offset(), Math.min(QUERY.length(), x.offset() + 4)))
                .orElse("none");
    }

    @Test
    void findsTheValueAtAPath() {
        assertEquals("2:20 \"b\"]", at("metrics[1]"));
        assertEquals("3:46 \"gt\"", at("filters[0].operator"));
        assertEquals("3:14 [{\"d", at("filters"));
        assertEquals("4:12 5\n}", at("limit"));
        assertEquals("1:1 {\n  ", at("$"));
    }

    @Test
    void aMissingPathFallsBackToItsNearestParent() {
        assertEquals(at("filters[0]"), at("filters[0].values"));
        assertEquals(at("$"), at("compare"));
        assertEquals(Optional.empty(), JsonLocator.locate("} not json", "metrics"));
    }

    @Test
    void pathsSplitIntoNamesAndIndexes() {
        assertEquals(List.of("filters", "0", "operator"), JsonLocator.segments("filters[0].operator"));
        assertEquals(List.of("join_paths", "1", "0"), JsonLocator.segments("join_paths[1][0]"));
        assertEquals(List.of(), JsonLocator.segments("$"));
    }

    @Test
    void theCaretSitsUnderTheValue() {
        Issue i = Issue.of(TestCode.X, new JsonPath("filters[0].operator"), "bad operator");
        assertEquals("""
                filters[0].operator: bad operator
                3 |   "filters": [{"dimension": "x", "operator": "gt"}],
                  |                                              ^""", IssueRenderer.withCaret(i, QUERY));
    }

    enum TestCode implements Code {
        X;

        @Override
        public String key() {
            return Code.keyOf(this);
        }

        @Override
        public Blame blame() {
            return Blame.USER;
        }
    }
}
