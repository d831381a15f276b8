package io.clarion.cli;

import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.Golden;
import io.clarion.warehouse.QueryResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Tables as the command line prints them, from real queries on the demo data set and on the
 * public Chinook database through its reviewed catalog: currency, percentages, integers and
 * dates at their grain, as the catalog's formats say. Compared with reviewed files in
 * src/test/resources/golden-tables; regenerate with
 * {@code mvn test -Dtest=TableGoldenTest -Dclarion.golden.update=true} and review the diff.
 */
class TableGoldenTest {
    static final Path DIR = DemoEngine.projectDir().resolve("src/test/resources/golden-tables");

    record Case(String name, String query) {
    }

    static final List<Case> DEMO = List.of(
            new Case("demo-revenue-and-count-by-segment", """
                    {"metrics": ["invoices.revenue", "customers.total_count"], "dimensions": ["customers.segment"],
                     "order_by": [{"field": "customers.segment", "direction": "asc"}]}"""),
            new Case("demo-churn-rate-by-month", """
                    {"metrics": ["monthly_churn_rate"], "dimensions": ["metric_time.month"],
                     "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "2026"}],
                     "order_by": [{"field": "metric_time.month", "direction": "asc"}]}"""),
            new Case("demo-revenue-by-month-with-change", """
                    {"metrics": ["invoices.revenue"], "dimensions": ["metric_time.month"], "compare": "previous_period",
                     "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last quarter"}],
                     "order_by": [{"field": "metric_time.month", "direction": "asc"}]}"""));

    static final List<Case> CHINOOK = List.of(
            new Case("chinook-revenue-by-country", """
                    {"metrics": ["revenue", "invoice.count"], "dimensions": ["invoice.billing_country"],
                     "order_by": [{"field": "revenue", "direction": "desc"}], "limit": 5}"""),
            new Case("chinook-revenue-by-year", """
                    {"metrics": ["revenue"], "dimensions": ["invoice.invoice_date.year"],
                     "order_by": [{"field": "invoice.invoice_date.year", "direction": "asc"}]}"""));

    @TestFactory
    Stream<DynamicTest> demoTables() {
        return cases(DEMO, DemoEngine::queries);
    }

    @TestFactory
    Stream<DynamicTest> chinookTables() {
        return cases(CHINOOK, () -> {
            CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
            if (!r.ok()) throw new AssertionError(r.report());
            // Chinook's invoices end in December 2025: that year's end is "today".
            return new QueryService(r.catalog(), Datasets.chinook(Datasets.CHINOOK), PostgresDialect.INSTANCE,
                    () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "table-golden-masking-key");
        });
    }

    private static Stream<DynamicTest> cases(List<Case> cases, java.util.function.Supplier<QueryService> service) {
        QueryService[] queries = new QueryService[1];
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            if (queries[0] == null) queries[0] = service.get();
            QueryResult r = queries[0].run(QueryParser.parse(c.query()), QueryService.Options.DEFAULT).result();
            assertFalse(r.rows().isEmpty(), c.name() + " returns rows");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            QueryCommand.table(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            Golden.check(DIR.resolve(c.name() + ".txt"), bytes.toString(StandardCharsets.UTF_8));
        }));
    }
}
