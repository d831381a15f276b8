package io.clarion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query API of the packaged server, over HTTP, on the embedded demo warehouse. */
class SemanticLayerIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static ClarionProcess app;

    @BeforeAll
    static void start() throws Exception {
        app = ClarionProcess.start("server", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
    }

    static JsonNode body(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void healthAndOpenApi() throws Exception {
        // Health and the API description are open: no bearer token.
        HttpResponse<String> ready = app.getAs(null, "/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"UP\""));
        HttpResponse<String> openapi = app.getAs(null, "/q/openapi");
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("/api/v1/query"));
    }

    @Test
    void catalogListsCertifiedMembersWithTheirAttributes() throws Exception {
        HttpResponse<String> r = app.get("/api/v1/catalog");
        assertEquals(200, r.statusCode());
        JsonNode members = body(r).get("members");
        assertTrue(members.size() > 50, "members: " + members.size());
        JsonNode segment = find(members, "customers.segment");
        assertEquals("dimension", segment.get("kind").asText());
        assertTrue(segment.get("operators").toString().contains("equals"));
        JsonNode created = find(members, "customers.created_date");
        assertTrue(created.get("grains").toString().contains("month"));
        boolean anyCertifiedMetric = false;
        for (JsonNode m : members) {
            if (m.get("kind").asText().equals("metric") && m.get("certified").asBoolean() && !m.get("description").asText().isBlank()) {
                anyCertifiedMetric = true;
            }
        }
        assertTrue(anyCertifiedMetric);
    }

    private static JsonNode find(JsonNode members, String name) {
        for (JsonNode m : members) if (m.get("name").asText().equals(name)) return m;
        throw new AssertionError("no member " + name);
    }

    @Test
    void runsAMetricQuery() throws Exception {
        HttpResponse<String> r = app.post("/api/v1/query", """
                {"metrics": ["customers.total_count"], "dimensions": ["customers.segment"],
                 "order_by": [{"field": "customers.total_count", "direction": "desc"}]}""");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode b = body(r);
        assertEquals(3, b.get("row_count").asInt(), r.body());
        assertEquals("smb", b.get("rows").get(0).get(0).asText(), "smb is the largest segment");
        long total = 0;
        for (JsonNode row : b.get("rows")) total += row.get(1).asLong();
        assertEquals(2000, total, "every demo customer is counted once");
        assertTrue(b.get("sql").asText().contains("SELECT"));
        assertEquals("customers.segment", b.get("columns").get(0).get("name").asText());
        assertFalse(b.get("truncated").asBoolean());
        assertTrue(b.has("duration_ms"));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> r = app.post("/api/v1/query", "{\"metrics\": [");
        assertEquals(400, r.statusCode());
        assertEquals("malformed_json", body(r).get("errors").get(0).get("code").asText());
        assertFalse(r.body().contains("Exception"), "no stack trace: " + r.body());
    }

    @Test
    void unknownMemberIs400WithSuggestions() throws Exception {
        HttpResponse<String> r = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_cont\"]}");
        assertEquals(400, r.statusCode());
        JsonNode err = body(r).get("errors").get(0);
        assertEquals("unknown_member", err.get("code").asText());
        assertEquals("metrics[0]", err.get("path").asText());
        assertTrue(err.get("suggestions").toString().contains("customers.total_count"), err.toString());
    }

    @Test
    void absurdLimitIs400() throws Exception {
        HttpResponse<String> r = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"], \"limit\": 100000000}");
        assertEquals(400, r.statusCode());
        assertEquals("invalid_limit", body(r).get("errors").get(0).get("code").asText());
    }

    @Test
    void sqlInjectionInValuesIsJustAValue() throws Exception {
        String evil = "x'; DROP TABLE customers; --";
        HttpResponse<String> r = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"], \"filters\": ["
                + "{\"dimension\": \"customers.segment\", \"operator\": \"equals\", \"value\": " + JSON.writeValueAsString(evil) + "}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(0, body(r).get("rows").get(0).get(0).asLong());
        HttpResponse<String> after = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"]}");
        assertEquals(2000, body(after).get("rows").get(0).get(0).asLong(), "the table is still there");
    }

    @Test
    void sqlInjectionInMemberNamesIsRejected() throws Exception {
        HttpResponse<String> r = app.post("/api/v1/query",
                "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.segment; DROP TABLE customers\"]}");
        assertEquals(400, r.statusCode());
        assertEquals("unknown_member", body(r).get("errors").get(0).get("code").asText());
    }

    @Test
    void validateAndExplainShowEveryStage() throws Exception {
        String q = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.created_date.month\"],"
                + " \"filters\": [{\"dimension\": \"customers.created_date\", \"operator\": \"in_date_range\", \"value\": \"last 6 months\"}]}";
        HttpResponse<String> v = app.post("/api/v1/query/validate", q);
        assertEquals(200, v.statusCode(), v.body());
        assertTrue(body(v).get("valid").asBoolean());
        HttpResponse<String> e = app.post("/api/v1/query/explain", q);
        assertEquals(200, e.statusCode(), e.body());
        JsonNode x = body(e);
        assertEquals("2026-06-15", x.get("resolved").get("reference_date").asText());
        assertEquals("2025-12-16", x.get("resolved").get("filters").get(0).get("from").asText());
        assertTrue(x.get("plan").get("leaves").size() >= 1);
        assertTrue(x.get("binds").size() >= 2);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> r = app.post("/api/v1/query", "metrics=x", "application/x-www-form-urlencoded");
        assertEquals(415, r.statusCode());
    }
}
