package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A metric cut by a column of a table its own has no join to: the metric's table's column of the
 * same name is the cut, said as an assumption; with no such column the refusal names the two
 * things that cannot be combined. On the demo (marketing rows stand apart from customers) and on
 * Chinook with a table of sales targets per country added, joined to nothing.
 */
class SharedColumnsTest {
    static final String TARGETS = """
            cubes:
              - name: country_target
                sql: "SELECT billing_country AS country, date_trunc('year', invoice_date)::date AS year_start, sum(total) * 2 AS target FROM invoice GROUP BY 1, 2"
                description: "Yearly sales target per country, planned apart from the sales themselves."
                certified: true
                measures:
                  - name: target_total
                    type: sum
                    sql: target
                    time_dimension: year_start
                    format: currency
                    description: "The sales target of the period."
                    synonyms: [sales target, sales targets, quota]
                dimensions:
                  - name: country
                    type: string
                    sql: country
                    description: "The country a target is set for."
                  - name: year_start
                    type: time
                    sql: year_start
                    granularities: [year]
                    description: "First day of the target's year."
            """;
    static Path catalog;
    static DataSource chinook;
    static OfflinePlanner chinookPlanner;
    static QueryService chinookQueries;
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() throws Exception {
        catalog = Datasets.chinookCatalogWith("targets.yml", TARGETS);
        CatalogLoader.LoadResult r = CatalogLoader.load(catalog);
        if (!r.ok()) throw new AssertionError(r.report());
        chinook = Datasets.chinook("clarion_chinook_shared_columns");
        chinookQueries = new QueryService(r.catalog(), chinook, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 12, 31), 10_000,
                Duration.ofSeconds(60), () -> "shared-columns-mask-key");
        chinookPlanner = OfflinePlanner.create(chinookQueries, DimensionValues.load(chinookQueries), List.of());
        t = TwoCatalogReaders.load("clarion_chinook_shared_columns_b");
    }

    @AfterAll
    static void clean() throws Exception {
        Datasets.deleteTree(catalog);
    }

    @Test
    void aTargetByTheInvoicesCountryIsTheTargetsOwnCountry() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(chinookPlanner, "sales target by billing country in 2024");
        MetricQuery q = p.query();
        assertTrue(q.dimensions().contains("country_target.country"), q.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("no join")), p.assumptions().toString());
        List<List<Object>> gold = Datasets.rows(chinook, "SELECT billing_country, sum(total) * 2 FROM invoice"
                + " WHERE invoice_date >= DATE '2024-01-01' AND invoice_date < DATE '2025-01-01' GROUP BY 1");
        List<List<Object>> answer = chinookQueries.run(q, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void aTargetByGenreIsRefusedNamingBoth() {
        PlannerOutcome o = chinookPlanner.plan("sales target per genre", Conversation.empty("shared"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o, o.toString());
        assertTrue(r.reason().contains("country_target.target_total") && r.reason().contains("genre.name"), r.reason());
    }

    @Test
    void demoSpendForOneChannelIsTheSpendRowsChannel() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "what was marketing spend on the outbound channel during 2025");
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT sum(spend) FROM marketing_spend WHERE channel = 'outbound'"
                + " AND month >= DATE '2025-01-01' AND month < DATE '2026-01-01'");
        List<List<Object>> answer = t.demoQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), p.query() + ": " + answer + " vs " + gold);
    }

    @Test
    void demoSpendByRegionIsRefusedNamingBoth() {
        PlannerOutcome o = t.demoPlanner().plan("show marketing spend per region", Conversation.empty("shared"));
        PlannerOutcome.Refused r = assertInstanceOf(PlannerOutcome.Refused.class, o, o.toString());
        assertTrue(r.reason().contains("marketing.total_spend") && r.reason().contains("customers.region"), r.reason());
    }
}
