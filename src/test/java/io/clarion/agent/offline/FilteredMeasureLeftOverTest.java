package io.clarion.agent.offline;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A count of rows with a word naming a filtered measure of the same rows ("invoices … through
 * refunds") counts the rows that filter keeps; a leaving verb said of those rows ("invoices got
 * cancelled") is not the customers' churn. On the demo and on Chinook with a table of sold lines
 * whose filtered count names the costlier ones.
 */
class FilteredMeasureLeftOverTest {
    static final String LINES = """
            cubes:
              - name: sold_line
                sql: "SELECT invoice_line_id, invoice_id, CASE WHEN unit_price > 1 THEN 'premium' ELSE 'standard' END AS price_band FROM invoice_line"
                description: "One row per line sold, with the band of its price."
                certified: true
                measures:
                  - name: line_count
                    type: count
                    description: "Lines sold."
                    synonyms: [lines sold, sold lines]
                  - name: premium_count
                    type: count
                    filters:
                      - sql: "{CUBE}.price_band = 'premium'"
                    description: "Lines sold at the premium price."
                    synonyms: [premium purchases]
                dimensions:
                  - name: invoice_line_id
                    type: number
                    sql: invoice_line_id
                    primary_key: true
                    description: "The line."
                  - name: price_band
                    type: string
                    sql: price_band
                    description: "premium or standard."
            """;
    static Path catalog;
    static DataSource chinook;
    static QueryService chinookQueries;
    static OfflinePlanner chinookPlanner;
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() throws Exception {
        catalog = Datasets.chinookCatalogWith("sold_line.yml", LINES);
        CatalogLoader.LoadResult r = CatalogLoader.load(catalog);
        if (!r.ok()) throw new AssertionError(r.report());
        chinook = Datasets.chinook("clarion_chinook_filtered_left");
        chinookQueries = new QueryService(r.catalog(), chinook, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 12, 31), 10_000,
                Duration.ofSeconds(60), () -> "filtered-left-mask-key");
        chinookPlanner = OfflinePlanner.create(chinookQueries, DimensionValues.load(chinookQueries), List.of());
        t = TwoCatalogReaders.load("clarion_chinook_filtered_left_b");
    }

    @AfterAll
    static void clean() throws Exception {
        Datasets.deleteTree(catalog);
    }

    @Test
    void demoInvoicesVoidedThroughRefundsByPlan() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "how many invoices were cancelled by way of refunds in 2024, split by plan?");
        assertEquals(List.of(), p.query().segments(), p.query().toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.plan, count(*) FROM invoices i JOIN customers c USING (customer_id)"
                + " WHERE i.status = 'refunded' AND i.issued_at >= DATE '2024-01-01' AND i.issued_at < DATE '2025-01-01' GROUP BY 1");
        List<List<Object>> answer = t.demoQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), p.query() + ": " + answer + " vs " + gold);
    }

    @Test
    void demoInvoicesCancelledAreNotCustomersLeaving() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "invoice count for 2025 where the invoices got cancelled");
        assertEquals(List.of(), p.query().segments(), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("cancelled")), p.assumptions().toString());
    }

    @Test
    void chinookLinesSoldThroughPremiumPurchases() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(chinookPlanner, "number of sold lines that were premium purchases").query();
        List<List<Object>> gold = Datasets.rows(chinook, "SELECT count(*) FROM invoice_line WHERE unit_price > 1");
        List<List<Object>> answer = chinookQueries.run(q, QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), q + ": " + answer + " vs " + gold);
    }
}
