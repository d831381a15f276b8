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

/** The chat, feedback and profile APIs of the packaged server, over HTTP. */
class ChatIT {
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

    static JsonNode chat(String message, String session) throws Exception {
        String body = JSON.writeValueAsString(session == null ? Map.of("message", message) : Map.of("message", message, "session_id", session));
        HttpResponse<String> r = app.post("/api/v1/chat", body);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aQuestionIsAnsweredWithItsTableQueryAndDefinitionsAndAFollowUpEditsIt() throws Exception {
        JsonNode a = chat("How many active customers are there in each segment?", null);
        assertFalse(a.get("session_id").asText().isBlank(), a.toString());
        assertEquals("offline", a.get("planner").asText());
        assertFalse(a.get("refused").asBoolean(), a.toString());
        JsonNode result = a.get("results").get(0);
        assertEquals(3, result.get("rows").size(), result.toString());
        assertTrue(result.get("sql").asText().startsWith("WITH") || result.get("sql").asText().startsWith("SELECT"));
        assertTrue(a.get("definitions").toString().contains("customers.active_count"));
        assertTrue(a.get("answer").asText().contains(result.get("rows").get(0).get(1).asText().replaceAll("(\\d)(?=(\\d{3})+$)", "$1,")),
                a.get("answer").asText());

        String session = a.get("session_id").asText();
        JsonNode b = chat("now only enterprise", session);
        assertEquals(session, b.get("session_id").asText());
        assertEquals("offline", b.get("planner").asText());
        assertTrue(b.get("results").get(0).get("query").get("filters").toString().contains("enterprise"), b.toString());
        assertEquals(1, b.get("results").get(0).get("rows").size());
    }

    @Test
    void requestsToChangeDataAreRefusedAndRunNothing() throws Exception {
        JsonNode r = chat("Delete all churned customers from the database.", null);
        assertTrue(r.get("refused").asBoolean());
        assertEquals(0, r.get("results").size());
    }

    @Test
    void malformedRequestsAreSpecific400s() throws Exception {
        HttpResponse<String> notJson = app.post("/api/v1/chat", "{\"message\": ");
        assertEquals(400, notJson.statusCode());
        JsonNode error = JSON.readTree(notJson.body());
        assertEquals("malformed_json", error.get("error").asText());
        assertFalse(error.get("message").asText().isBlank(), error.toString());
        assertTrue(error.get("errors").isArray(), error.toString());
        assertFalse(notJson.body().contains("Exception"), notJson.body());
        HttpResponse<String> noMessage = app.post("/api/v1/chat", "{\"question\": \"hi\"}");
        assertEquals(400, noMessage.statusCode());
        assertTrue(noMessage.body().contains("message"), noMessage.body());
        HttpResponse<String> empty = app.post("/api/v1/chat", "{}");
        assertEquals(400, empty.statusCode(), empty.body());
        assertEquals("missing_field", JSON.readTree(empty.body()).get("error").asText());
    }

    @Test
    void feedbackIsStoredAndACorrectedQueryIsPromoted() throws Exception {
        JsonNode a = chat("What's our ARR?", null);
        String session = a.get("session_id").asText();
        HttpResponse<String> bad = app.post("/api/v1/chat/" + session + "/feedback",
                "{\"helpful\": false, \"corrected_query\": {\"metrics\": [\"arrr\"]}}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("arr"), bad.body());
        HttpResponse<String> ok = app.post("/api/v1/chat/" + session + "/feedback",
                "{\"helpful\": false, \"comment\": \"want current MRR\", \"corrected_query\": {\"metrics\": [\"current_mrr\"]}}");
        assertEquals(200, ok.statusCode(), ok.body());
        long id = JSON.readTree(ok.body()).get("id").asLong();
        HttpResponse<String> promoted = app.post("/api/v1/verified-queries", "{\"feedback_id\": " + id + ", \"verified_by\": \"finance\"}");
        assertEquals(200, promoted.statusCode(), promoted.body());
        assertTrue(app.get("/api/v1/verified-queries").body().contains("current_mrr"));
        HttpResponse<String> unknown = app.post("/api/v1/chat/no-such-session/feedback", "{\"helpful\": true}");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void theCustomerProfileCardComesFromCertifiedQueries() throws Exception {
        HttpResponse<String> r = app.get("/api/v1/customers/cus_000001/profile");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = JSON.readTree(r.body());
        assertEquals("cus_000001", p.get("customer_id").asText());
        assertFalse(p.get("name").asText().isBlank(), p.toString());
        assertFalse(p.get("overview").get("customers.segment").asText().isBlank());
        assertTrue(p.get("financial").has("customers.total_revenue"), p.get("financial").toString());
        assertTrue(p.get("queries").size() >= 6);
        for (JsonNode q : p.get("queries")) assertTrue(q.get("filters").toString().contains("cus_000001"), q.toString());

        HttpResponse<String> unknown = app.get("/api/v1/customers/cus_999999999/profile");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(JSON.readTree(unknown.body()).get("message").asText().contains("cus_999999999"), unknown.body());
    }
}
