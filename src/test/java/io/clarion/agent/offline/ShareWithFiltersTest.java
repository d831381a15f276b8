package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "What share of X are Y in Z": one number, Y's part of X, taken within the scope Z (which stays
 * a filter), wherever each stands in the sentence. On the demo catalog and on Chinook; the number
 * must be the row for Y of every group's share within Z.
 */
class ShareWithFiltersTest {
    static QueryService demo;
    static OfflinePlanner demoPlanner;
    static QueryService chinook;
    static OfflinePlanner chinookPlanner;

    @BeforeAll
    static void load() {
        demo = DemoEngine.queries();
        demoPlanner = OfflinePlanner.create(demo, DimensionValues.load(demo), List.of());
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        chinook = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_share_filters"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "share-filters-mask-key");
        chinookPlanner = OfflinePlanner.create(chinook, DimensionValues.load(chinook), List.of());
    }

    static void check(OfflinePlanner planner, QueryService queries, String question, String partDimension, String part,
                      String scopeDimension, String scopeValue) {
        PlannerOutcome o = planner.plan(question, Conversation.empty("share"));
        MetricQuery q = assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
        assertTrue(q.dimensions().isEmpty(), "one number, not a row per group: " + q);
        MetricQuery.Analysis share = q.analysis().stream().filter(a -> "share".equals(a.type())).findFirst().orElseThrow(() -> new AssertionError(q.toString()));
        assertEquals(1, share.filters().size(), q.toString());
        assertEquals(partDimension, share.filters().get(0).dimension(), q.toString());
        assertEquals(part, share.filters().get(0).value().asText(), q.toString());
        List<MetricQuery.Filter> values = q.filters().stream().filter(f -> "equals".equals(f.operator())).toList();
        assertEquals(1, values.size(), "only the scope filters: " + q);
        assertEquals(scopeDimension, values.get(0).dimension(), q.toString());
        assertEquals(scopeValue, values.get(0).value().asText(), q.toString());
        List<List<Object>> rows = queries.run(q, QueryService.Options.DEFAULT).result().rows();
        assertEquals(1, rows.size(), rows.toString());
        BigDecimal answer = new BigDecimal(rows.get(0).get(rows.get(0).size() - 1).toString());
        // The same number as the part's row among every group's share within the scope.
        MetricQuery eachGroup = new MetricQuery(q.metrics(), List.of(partDimension), q.filters(), q.segments(), null, null, null, null,
                List.of(new MetricQuery.Analysis("percent_of_total", q.metrics().get(0), null, null, null, null)), null, null);
        List<Object> row = queries.run(eachGroup, QueryService.Options.DEFAULT).result().rows().stream()
                .filter(x -> part.equals(String.valueOf(x.get(0)))).findFirst().orElseThrow();
        assertEquals(0, answer.setScale(6, RoundingMode.HALF_UP).compareTo(new BigDecimal(row.get(2).toString()).setScale(6, RoundingMode.HALF_UP)),
                answer + " vs " + row);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the condition before the scope, and after it
            "What share of our customers are mid-market in APAC?                  | customers.segment            | mid-market | customers.region  | APAC",
            "Among customers in LATAM, what percentage of them are smb?           | customers.segment            | smb        | customers.region  | LATAM",
            "what proportion of customers in North America came through referral  | customers.acquisition_channel | referral  | customers.region  | North America",
            "What share of MRR comes from the growth plan in EMEA?                | customers.plan               | growth     | customers.region  | EMEA",
            "what share of enterprise customers are in APAC                       | customers.region             | APAC       | customers.segment | enterprise",
    })
    void demoShareOfAValueWithinAScope(String question, String grouping, String row, String scopeDim, String scopeValue) {
        check(demoPlanner, demo, question, grouping, row, scopeDim, scopeValue);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "What share of revenue in France came from Metal?                     | genre.name        | Metal   | customer.country | France",
            "what percentage of revenue is Latin in Brazil                        | genre.name        | Latin   | customer.country | Brazil",
            "What share of the customers in Canada are looked after by Jane Peacock | employee.full_name | Jane Peacock | customer.country | Canada",
    })
    void chinookShareOfAValueWithinAScope(String question, String grouping, String row, String scopeDim, String scopeValue) {
        check(chinookPlanner, chinook, question, grouping, row, scopeDim, scopeValue);
    }

    /** "what share of EMEA accounts have churned": the values before the rows are the scope, the segment after them the part. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "what share of mid-market customers have churned | customers.segment | mid-market | SELECT avg(CASE WHEN churned_at IS NOT NULL THEN 1.0 ELSE 0 END) FROM customers WHERE segment = 'mid-market'",
            "what percent of APAC accounts churned           | customers.region  | APAC       | SELECT avg(CASE WHEN churned_at IS NOT NULL THEN 1.0 ELSE 0 END) FROM customers WHERE region = 'APAC'",
    })
    void aSegmentSaidAfterTheRowsIsThePartAndTheirValuesTheScope(String question, String scopeDim, String scopeValue, String sql) throws Exception {
        MetricQuery q = assertInstanceOf(PlannerOutcome.Planned.class, demoPlanner.plan(question, Conversation.empty("share")), question).query();
        MetricQuery.Analysis share = q.analysis().stream().filter(a -> "share".equals(a.type())).findFirst().orElseThrow(() -> new AssertionError(q.toString()));
        assertEquals(List.of("customers.churned"), share.segments(), q.toString());
        assertTrue(q.filters().stream().anyMatch(f -> f.dimension().equals(scopeDim) && f.value().asText().equals(scopeValue)), q.toString());
        List<List<Object>> rows = demo.run(q, QueryService.Options.DEFAULT).result().rows();
        BigDecimal answer = new BigDecimal(rows.get(0).get(rows.get(0).size() - 1).toString());
        BigDecimal gold = new BigDecimal(io.clarion.testing.Datasets.rows(io.clarion.testing.TestDatabase.demo(), sql).get(0).get(0).toString());
        assertEquals(0, answer.setScale(6, RoundingMode.HALF_UP).compareTo(gold.setScale(6, RoundingMode.HALF_UP)), answer + " vs " + gold);
    }

    /** A column said to be there that restates the part segment ("… (they have a renewal date)") is no scope filter beside it. */
    @org.junit.jupiter.api.Test
    void aSegmentNamedAfterHaveIsThePartNotAColumnFilter() throws Exception {
        MetricQuery q = assertInstanceOf(PlannerOutcome.Planned.class,
                demoPlanner.plan("percentage of active clients holding an annual contract (they have a renewal date)", Conversation.empty("share")), "").query();
        assertTrue(q.filters().stream().noneMatch(f -> "customers.contract_end_date".equals(f.dimension())), q.toString());
        List<List<Object>> rows = demo.run(q, QueryService.Options.DEFAULT).result().rows();
        BigDecimal answer = new BigDecimal(rows.get(0).get(rows.get(0).size() - 1).toString());
        BigDecimal gold = new BigDecimal(io.clarion.testing.Datasets.rows(io.clarion.testing.TestDatabase.demo(),
                "SELECT avg(CASE WHEN contract_end_date IS NOT NULL THEN 1.0 ELSE 0 END) FROM customers WHERE churned_at IS NULL").get(0).get(0).toString());
        assertEquals(0, answer.setScale(6, RoundingMode.HALF_UP).compareTo(gold.setScale(6, RoundingMode.HALF_UP)), answer + " vs " + gold);
    }

    @org.junit.jupiter.api.Test
    void aYearBetweenTheShareWordAndTheMetricStillAsksForAShare() {
        MetricQuery q = assertInstanceOf(PlannerOutcome.Planned.class,
                demoPlanner.plan("what percentage of 2025 paid revenue was from LATAM", Conversation.empty("share")), "").query();
        assertTrue(q.analysis().stream().anyMatch(a -> "share".equals(a.type()) && a.filters() != null
                && a.filters().stream().anyMatch(f -> f.value().asText().equals("LATAM"))), q.toString());
        assertTrue(q.filters().stream().anyMatch(f -> "in_date_range".equals(f.operator()) && f.value().asText().equals("2025")), q.toString());
    }
}
