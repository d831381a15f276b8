package io.clarion.query;

import io.clarion.diagnostics.Issue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryParserTest {

    private static List<Issue> errors(String json) {
        return assertThrows(QueryException.class, () -> QueryParser.parse(json)).errors();
    }

    @Test
    void readsTheSeedShape() {
        MetricQuery q = QueryParser.parse("""
                {"metrics": ["customers.total_count", "monthly_churn_rate"],
                 "dimensions": ["customers.segment"],
                 "filters": [{"dimension": "customers.health_score", "operator": "lt", "value": 40}],
                 "segments": ["customers.active"],
                 "order_by": [{"field": "customers.total_count", "direction": "desc"}],
                 "limit": 10, "timezone": "UTC"}""");
        assertEquals(List.of("customers.total_count", "monthly_churn_rate"), q.metrics());
        assertEquals("lt", q.filters().get(0).operator());
        assertEquals(40, q.filters().get(0).value().intValue());
        assertEquals(10, q.limit());
        assertEquals("desc", q.orderBy().get(0).direction());
    }

    @Test
    void malformedJsonSaysWhere() {
        List<Issue> e = errors("{\"metrics\": [\"a\",]");
        assertEquals("malformed_json", e.get(0).key());
        assertTrue(e.get(0).message().contains("line 1"), e.get(0).message());
    }

    @Test
    void notAnObject() {
        assertEquals("malformed_json", errors("[1, 2]").get(0).key());
        assertEquals("malformed_json", errors("").get(0).key());
    }

    @Test
    void everyStructuralProblemIsReportedWithItsPath() {
        List<Issue> e = errors("""
                {"metrix": ["a"], "dimensions": "x", "filters": [{"operator": "equals"}, 3],
                 "limit": "ten", "order_by": [{"direction": "up"}]}""");
        List<String> paths = e.stream().map(Issue::path).toList();
        assertTrue(paths.contains("metrix"), paths.toString());
        assertTrue(paths.contains("filters[0]"), paths.toString());
        assertTrue(paths.contains("filters[1]"), paths.toString());
        assertTrue(paths.contains("limit"), paths.toString());
        assertTrue(paths.contains("order_by[0].field"), paths.toString());
        Issue unknown = e.stream().filter(x -> x.path().equals("metrix")).findFirst().orElseThrow();
        assertEquals(List.of("metrics"), unknown.suggestions());
    }

    @Test
    void normalizedJsonRoundTrips() {
        String json = "{\"metrics\":[\"a.b\"],\"dimensions\":[\"a.c.month\"],\"filters\":[{\"dimension\":\"a.c\",\"operator\":\"in_date_range\",\"value\":\"last month\"}],\"limit\":5}";
        MetricQuery q = QueryParser.parse(json);
        assertEquals(q, QueryParser.parse(QueryParser.toJson(q).toString()));
    }

    @Test
    void aSharesPartRoundTripsAndItsProblemsSayWhere() {
        String json = "{\"metrics\":[\"a.n\"],\"analysis\":[{\"type\":\"share\",\"metric\":\"a.n\","
                + "\"filters\":[{\"dimension\":\"a.kind\",\"operator\":\"equals\",\"value\":\"x\"}],\"segments\":[\"a.open\"]}]}";
        MetricQuery q = QueryParser.parse(json);
        assertEquals("x", q.analysis().get(0).filters().get(0).value().asText());
        assertEquals(List.of("a.open"), q.analysis().get(0).segments());
        assertEquals(q, QueryParser.parse(QueryParser.toJson(q).toString()));
        List<String> paths = errors("{\"metrics\":[\"a.n\"],\"analysis\":[{\"type\":\"share\",\"filters\":[{\"dimension\":\"a.kind\"}, 3]}]}")
                .stream().map(Issue::path).toList();
        assertEquals(List.of("analysis[0].filters[0].operator", "analysis[0].filters[1]"), paths);
    }
}
