package io.clarion.agent.tools;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.QuestionPlanner;
import io.clarion.agent.offline.OfflinePlanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LLM's tools over the demo catalog and data set, without any LLM. */
class CatalogToolsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static QueryService queries;
    static CatalogTools tools;

    @BeforeAll
    static void setUp() {
        queries = DemoEngine.queries();
        tools = new CatalogTools(queries, OfflinePlanner.create(queries));
    }

    static JsonNode json(String s) throws Exception {
        JsonNode n = JSON.readTree(s);
        assertFalse(s.contains("SELECT"), "a tool showed SQL: " + s);
        return n;
    }

    static List<String> searched(String text) throws Exception {
        List<String> names = new ArrayList<>();
        json(tools.execute("search_catalog", JSON.createObjectNode().put("text", text).toString()).json())
                .path("members").forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    @Test
    void searchRanksNamesAndSynonymsFirst() throws Exception {
        assertEquals("monthly_churn_rate", searched("churn rate").get(0));
        assertEquals("net_revenue_retention", searched("net revenue retention").get(0));
        assertEquals("arr", searched("annual recurring revenue").get(0), "by synonym");
        assertEquals("customers.segment", searched("customer segment").get(0));
        List<String> health = searched("what is the average health score of our customers?");
        assertTrue(health.subList(0, 2).contains("customer_health_score"), health.toString());
        assertTrue(searched("zebra giraffe").isEmpty());
    }

    @Test
    void searchResultsCarryKindTypeDescriptionAndSynonyms() throws Exception {
        JsonNode first = json(tools.searchCatalog("net revenue retention")).path("members").get(0);
        assertEquals("metric", first.path("kind").asText());
        assertEquals("ratio", first.path("type").asText());
        assertEquals("percentage", first.path("format").asText());
        assertFalse(first.path("description").asText().isEmpty());
        assertTrue(first.path("synonyms").isArray());
        JsonNode seg = json(tools.searchCatalog("segment")).path("members").get(0);
        assertEquals("dimension", seg.path("kind").asText());
        assertEquals("string", seg.path("type").asText());
    }

    @Test
    void describeAStringDimensionReadsSampleValuesThroughAMetricQuery() throws Exception {
        JsonNode d = json(tools.execute("describe_member", "{\"name\": \"customers.segment\"}").json());
        assertEquals("string", d.path("type").asText());
        List<String> ops = new ArrayList<>();
        d.path("operators").forEach(o -> ops.add(o.asText()));
        assertTrue(ops.containsAll(List.of("equals", "in", "not_in", "contains")), ops.toString());
        assertFalse(ops.contains("in_date_range"));
        List<String> values = new ArrayList<>();
        d.path("sample_values").forEach(v -> values.add(v.asText()));
        assertTrue(values.contains("enterprise"), values.toString());
        assertTrue(values.size() <= 20);
    }

    @Test
    void describeTimeDimensionsMetricsAndPersonalData() throws Exception {
        JsonNode t = json(tools.describeMember("customers.created_date"));
        assertEquals("time", t.path("type").asText());
        assertTrue(t.path("grains").toString().contains("month"));
        assertTrue(t.path("operators").toString().contains("in_date_range"));
        assertEquals("customers.created_date", json(tools.describeMember("customers.created_date.month")).path("name").asText());
        assertTrue(json(tools.describeMember("metric_time")).path("grains").toString().contains("quarter"));

        JsonNode m = json(tools.describeMember("net_revenue_retention"));
        assertEquals("metric", m.path("kind").asText());
        assertEquals("revenue_retention.retained_mrr", m.path("definition").path("numerator").asText());
        assertTrue(m.path("filter_operators").toString().contains("gt"));

        JsonNode email = json(tools.describeMember("customers.email"));
        assertEquals("withheld: personal data", email.path("sample_values").asText(), email.toString());
    }

    @Test
    void describeAnUnknownMemberSuggestsTheNearest() throws Exception {
        JsonNode e = json(tools.describeMember("customers.segmnt"));
        assertFalse(e.path("ok").asBoolean(true));
        assertEquals("unknown_member", e.path("errors").get(0).path("code").asText());
        assertTrue(e.path("errors").get(0).path("suggestions").toString().contains("customers.segment"));
    }

    @Test
    void runAQueryReturnsTheNormalizedQueryColumnsAndRows() throws Exception {
        String q = "{\"metrics\": [\"arr\"], \"dimensions\": [\"customers.segment\"]}";
        QueryResult direct = queries.run(QueryParser.parse(q), new QueryService.Options(true)).result();
        for (String args : List.of("{\"query\": " + q + "}", "{\"query\": " + JSON.writeValueAsString(q) + "}", q)) {
            CatalogTools.ToolResult r = tools.execute("run_metric_query", args);
            JsonNode out = json(r.json());
            assertTrue(out.path("ok").asBoolean(), r.json());
            assertEquals(QueryParser.parse(q), r.ranQuery());
            assertEquals(List.of("arr"), QueryParser.parse(out.path("query")).metrics());
            assertEquals("customers.segment", out.path("columns").get(0).path("name").asText());
            assertEquals(JSON.readTree(JSON.writeValueAsString(direct.rows())), out.path("rows"));
            assertFalse(r.json().matches("(?s).*\\d\\.\\d+E\\d.*"), "plain decimals for the model: " + r.json());
            assertFalse(r.malformed());
        }
    }

    @Test
    void atMostTwentyRowsGoToTheModel() throws Exception {
        CatalogTools.ToolResult r = tools.runMetricQuery(JSON.readTree(
                "{\"query\": {\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.customer_id\"], \"limit\": 50}}"));
        JsonNode out = json(r.json());
        assertEquals(20, out.path("rows").size());
        assertEquals(50, out.path("row_count").asInt());
    }

    @Test
    void personalDataIsWithheldFromTheModel() throws Exception {
        String q = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.customer_id\", \"customers.email\"], \"limit\": 3}";
        CatalogTools.ToolResult r = tools.execute("run_metric_query", "{\"query\": " + q + "}");
        JsonNode rows = json(r.json()).path("rows");
        assertEquals(3, rows.size(), r.json());
        for (JsonNode row : rows) {
            assertTrue(row.get(0).asText().startsWith("cus_"), row.toString());
            assertEquals("(personal data withheld)", row.get(1).asText());
        }
        assertFalse(r.json().contains("@"), r.json());
        assertEquals(QueryParser.parse(q), r.ranQuery(), "the query itself ran and answers");
    }

    @Test
    void anInvalidQueryReturnsStructuredErrorsWithSuggestions() throws Exception {
        CatalogTools.ToolResult r = tools.execute("run_metric_query", "{\"query\": {\"metrics\": [\"net_revenue_retension\"]}}");
        assertNull(r.ranQuery());
        assertFalse(r.malformed(), "a wrong query is not a malformed call");
        JsonNode e = json(r.json()).path("errors").get(0);
        assertEquals("unknown_member", e.path("code").asText());
        assertEquals("metrics[0]", e.path("path").asText());
        assertFalse(e.path("message").asText().isEmpty());
        assertTrue(e.path("suggestions").toString().contains("net_revenue_retention"), e.toString());
    }

    @Test
    void noToolTakesSql() throws Exception {
        CatalogTools.ToolResult asText = tools.execute("run_metric_query", "{\"query\": \"SELECT * FROM customers\"}");
        assertNull(asText.ranQuery());
        assertTrue(asText.malformed());
        CatalogTools.ToolResult asKey = tools.execute("run_metric_query", "{\"query\": {\"sql\": \"SELECT 1\", \"metrics\": [\"arr\"]}}");
        assertNull(asKey.ranQuery());
        assertFalse(json(asKey.json()).path("ok").asBoolean(true));
        CatalogTools.ToolResult other = tools.execute("run_sql", "{\"sql\": \"DELETE FROM customers\"}");
        assertTrue(other.malformed());
        assertEquals("malformed_arguments", json(other.json()).path("errors").get(0).path("code").asText());
    }

    @Test
    void malformedCallsAreReportedAsSuch() throws Exception {
        for (String[] call : List.of(new String[]{"search_catalog", "{\"text\": "}, new String[]{"search_catalog", "[]"},
                new String[]{"describe_member", "{}"}, new String[]{"offline_draft", "{\"q\": 1}"})) {
            CatalogTools.ToolResult r = tools.execute(call[0], call[1]);
            assertTrue(r.malformed(), String.join(" ", call));
            assertEquals("malformed_arguments", json(r.json()).path("errors").get(0).path("code").asText());
        }
    }

    @Test
    void theOfflineDraftIsThePlannersOutcomeAsJson() throws Exception {
        MetricQuery q = MetricQuery.of(List.of("arr"), List.of("customers.segment"));
        CatalogTools stubbed = new CatalogTools(queries, planner(new PlannerOutcome.Planned(q, List.of("Read as ARR."), "offline")));
        JsonNode planned = json(stubbed.offlineDraft("arr by segment"));
        assertEquals("planned", planned.path("outcome").asText());
        assertEquals(q, QueryParser.parse(planned.path("query")));
        assertEquals("Read as ARR.", planned.path("assumptions").get(0).asText());

        JsonNode clarify = json(new CatalogTools(queries, planner(new PlannerOutcome.Clarify("Which?", List.of("a", "b"))))
                .offlineDraft("x"));
        assertEquals("clarify", clarify.path("outcome").asText());
        assertEquals(2, clarify.path("options").size());
        JsonNode refused = json(new CatalogTools(queries, planner(new PlannerOutcome.Refused("not yet"))).offlineDraft("x"));
        assertEquals("refused", refused.path("outcome").asText());
        assertEquals("not yet", refused.path("reason").asText());

        // The real offline planner answers with one of the three, whatever it makes of the question.
        JsonNode real = json(tools.execute("offline_draft", "{\"question\": \"What is our ARR by segment?\"}").json());
        assertNotNull(real.get("outcome"));
    }

    static QuestionPlanner planner(PlannerOutcome outcome) {
        return new QuestionPlanner() {
            @Override
            public String name() {
                return "offline";
            }

            @Override
            public PlannerOutcome plan(String question, Conversation conversation) {
                return outcome;
            }
        };
    }
}
