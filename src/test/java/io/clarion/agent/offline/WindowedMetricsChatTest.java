package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.tools.CatalogTools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cumulative and conversion metrics reach the chat: the model's tools say what window a metric
 * has (so that it does not add a date range to get one), and the offline reader takes a question
 * that names such a metric to that metric, its window words included, rather than to the plain
 * measure under a date range.
 */
class WindowedMetricsChatTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static QueryService queries;
    static CatalogTools tools;
    static OfflinePlanner planner;

    @BeforeAll
    static void setUp() {
        queries = DemoEngine.queries();
        planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        tools = new CatalogTools(queries, planner);
    }

    @Test
    void searchAndDescribeShowTheTypeAndTheWindow() throws Exception {
        JsonNode hits = JSON.readTree(tools.searchCatalog("trailing twelve months revenue")).path("members");
        JsonNode ttm = null;
        for (JsonNode h : hits) if (h.path("name").asText().equals("revenue_trailing_12_months")) ttm = h;
        assertTrue(ttm != null, hits.toString());
        assertEquals("cumulative", ttm.path("type").asText());
        assertEquals("12 months", ttm.path("window").asText());

        JsonNode ytd = JSON.readTree(tools.describeMember("revenue_year_to_date"));
        assertEquals("cumulative", ytd.path("type").asText());
        assertEquals("year to date", ytd.path("window").asText());
        assertEquals("invoices.revenue", ytd.path("definition").path("expression").asText());
        assertTrue(ytd.path("usage").asText().contains("start of the year"), ytd.toString());

        JsonNode conv = JSON.readTree(tools.describeMember("signup_to_paid_conversion_rate_30_days"));
        assertEquals("conversion", conv.path("type").asText());
        assertEquals("30 days", conv.path("window").asText());
        assertEquals("customer_journey.signups", conv.path("definition").path("base_measure").asText());
        assertEquals("customer_journey.paid_customers", conv.path("definition").path("conversion_measure").asText());
        assertEquals("customer_id", conv.path("definition").path("entity").asText());
        assertEquals("conversion_rate", conv.path("definition").path("calculation").asText());

        JsonNode plain = JSON.readTree(tools.describeMember("revenue"));
        assertTrue(plain.path("window").isMissingNode(), "a plain metric has no window: " + plain);
    }

    @Test
    void theModelsSystemPromptMarksWindowedMetrics() {
        String system = io.clarion.agent.llm.Prompts.load(DemoEngine.projectDir().resolve("prompts"))
                .system(queries.referenceDate(), queries.catalog(), List.of());
        assertTrue(system.contains("- revenue_year_to_date (cumulative, year to date)"), system);
        assertTrue(system.contains("- active_users_trailing_28_days (cumulative, 28 days)"), system);
        assertTrue(system.contains("- signup_to_paid_conversion_rate_30_days (conversion within 30 days)"), system);
    }

    @Test
    void aQuestionNamingAWindowedMetricGetsIt() {
        MetricQuery ytd = planned("YTD revenue by month");
        assertEquals(List.of("revenue_year_to_date"), ytd.metrics());
        assertEquals(List.of("metric_time.month"), ytd.dimensions());
        assertTrue(ytd.filters().isEmpty(), "the window is the metric's, not a date range: " + ytd.filters());

        MetricQuery active = planned("trailing 28 day active users by plan");
        assertEquals(List.of("active_users_trailing_28_days"), active.metrics());
        assertEquals(List.of("customers.plan"), active.dimensions());
        assertTrue(active.filters().isEmpty(), active.filters().toString());

        MetricQuery conversion = planned("signup to paid conversion rate by segment last quarter");
        assertEquals(List.of("signup_to_paid_conversion_rate_30_days"), conversion.metrics());
        assertEquals(List.of("customers.segment"), conversion.dimensions());
        assertEquals("last quarter", conversion.filters().get(0).value().asText());
    }

    @Test
    void aWindowsWordsApartFromItsMeasuresNameStillAskForTheWindow() {
        // "revenue" and "trailing twelve months" are two mentions; the window over revenue is the one asked for.
        MetricQuery q = planned("revenue trailing twelve months by quarter");
        assertEquals(List.of("revenue_trailing_12_months"), q.metrics());
        assertEquals(List.of("metric_time.quarter"), q.dimensions());
        // A plain metric with no window words stays plain.
        assertEquals(List.of("revenue"), planned("revenue by quarter").metrics());
    }

    @Test
    void aDateRangeOutsideAMetricsNameIsStillARange() {
        // "in the last 12 months" is no metric's name: monthly revenue over that range, as before.
        MetricQuery q = planned("revenue in the last 12 months by month");
        assertEquals(List.of("revenue"), q.metrics());
        assertTrue(q.filters().get(0).value().asText().startsWith("last 12"), q.filters().toString());
    }

    private static MetricQuery planned(String question) {
        PlannerOutcome o = planner.plan(question, Conversation.empty("-"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
    }
}
