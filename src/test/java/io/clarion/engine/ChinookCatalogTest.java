package io.clarion.engine;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reviewed Chinook catalog (src/test/resources/catalogs/chinook: the draft of {@code clarion
 * init} with descriptions, certification, a line-revenue measure, three metrics and the owner's
 * row filter switched on) answers metric queries exactly as hand-written SQL does, on data
 * nobody on this project wrote.
 */
class ChinookCatalogTest {
    static DataSource chinook;
    static QueryService queries;

    record Case(String name, String query, String sql, boolean ordered) {
    }

    static final List<Case> CASES = List.of(
            new Case("customers", "{\"metrics\": [\"customer.count\"]}", "SELECT count(*) FROM customer", false),
            new Case("invoices and revenue", "{\"metrics\": [\"invoice.count\", \"revenue\"]}",
                    "SELECT count(*), sum(total) FROM invoice", false),
            new Case("revenue by billing country", "{\"metrics\": [\"revenue\"], \"dimensions\": [\"invoice.billing_country\"]}",
                    "SELECT billing_country, sum(total) FROM invoice GROUP BY 1", false),
            new Case("revenue by customer country (join)", "{\"metrics\": [\"revenue\"], \"dimensions\": [\"customer.country\"]}",
                    "SELECT c.country, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) GROUP BY 1", false),
            new Case("revenue by month", "{\"metrics\": [\"revenue\"], \"dimensions\": [\"invoice.invoice_date.month\"]}",
                    "SELECT CAST(date_trunc('month', invoice_date) AS date), sum(total) FROM invoice GROUP BY 1", false),
            new Case("revenue in 2024", "{\"metrics\": [\"revenue\"], \"filters\": [{\"dimension\": \"metric_time\", "
                    + "\"operator\": \"in_date_range\", \"value\": \"2024\"}]}",
                    "SELECT sum(total) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2025-01-01'", false),
            new Case("revenue by quarter of 2025", "{\"metrics\": [\"revenue\"], \"dimensions\": [\"metric_time.quarter\"], "
                    + "\"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025\"}]}",
                    "SELECT CAST(date_trunc('quarter', invoice_date) AS date), sum(total) FROM invoice "
                            + "WHERE invoice_date >= '2025-01-01' AND invoice_date < '2026-01-01' GROUP BY 1", false),
            new Case("top 3 customers by revenue", "{\"metrics\": [\"revenue\"], \"dimensions\": [\"customer.customer_id\"], "
                    + "\"order_by\": [{\"field\": \"revenue\", \"direction\": \"desc\"}], \"limit\": 3}",
                    "SELECT customer_id, sum(total) FROM invoice GROUP BY 1 ORDER BY 2 DESC LIMIT 3", true),
            new Case("invoices and lines by country (fan-out)", "{\"metrics\": [\"invoice.count\", \"revenue\", \"invoice_line.count\"], "
                    + "\"dimensions\": [\"customer.country\"]}",
                    "SELECT c.country, (SELECT count(*) FROM invoice i WHERE i.customer_id IN (SELECT customer_id FROM customer x WHERE x.country = c.country)), "
                            + "(SELECT sum(total) FROM invoice i WHERE i.customer_id IN (SELECT customer_id FROM customer x WHERE x.country = c.country)), "
                            + "(SELECT count(*) FROM invoice_line l JOIN invoice i USING (invoice_id) JOIN customer x USING (customer_id) WHERE x.country = c.country) "
                            + "FROM (SELECT DISTINCT country FROM customer) c", false),
            new Case("line revenue by genre (two joins)", "{\"metrics\": [\"invoice_line.revenue\"], \"dimensions\": [\"genre.name\"]}",
                    "SELECT g.name, sum(l.unit_price * l.quantity) FROM invoice_line l JOIN track t USING (track_id) "
                            + "JOIN genre g USING (genre_id) GROUP BY 1", false),
            new Case("average invoice value by country (ratio)", "{\"metrics\": [\"average_invoice_value\"], \"dimensions\": [\"invoice.billing_country\"]}",
                    "SELECT billing_country, sum(total) / count(*) FROM invoice GROUP BY 1", false),
            new Case("lines per invoice (ratio across cubes)", "{\"metrics\": [\"lines_per_invoice\"]}",
                    "SELECT (SELECT count(*) FROM invoice_line)::numeric / (SELECT count(*) FROM invoice)", false),
            new Case("customers per support rep", "{\"metrics\": [\"customer.count\"], \"dimensions\": [\"employee.employee_id\", \"employee.title\"]}",
                    "SELECT e.employee_id, e.title, count(*) FROM customer c JOIN employee e ON e.employee_id = c.support_rep_id GROUP BY 1, 2", false),
            new Case("revenue per support rep (three hops)", "{\"metrics\": [\"revenue\"], \"dimensions\": [\"employee.employee_id\"]}",
                    "SELECT c.support_rep_id, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) GROUP BY 1", false),
            new Case("tracks by media type", "{\"metrics\": [\"track.count\"], \"dimensions\": [\"media_type.name\"]}",
                    "SELECT m.name, count(*) FROM track t JOIN media_type m USING (media_type_id) GROUP BY 1", false),
            new Case("rock and jazz tracks", "{\"metrics\": [\"track.count\", \"track.milliseconds_avg\"], \"dimensions\": [\"genre.name\"], "
                    + "\"filters\": [{\"dimension\": \"genre.name\", \"operator\": \"in\", \"values\": [\"Rock\", \"Jazz\"]}]}",
                    "SELECT g.name, count(*), avg(t.milliseconds) FROM track t JOIN genre g USING (genre_id) "
                            + "WHERE g.name IN ('Rock', 'Jazz') GROUP BY 1", false),
            new Case("largest and smallest US invoice", "{\"metrics\": [\"invoice.total_max\", \"invoice.total_min\"], "
                    + "\"filters\": [{\"dimension\": \"invoice.billing_country\", \"operator\": \"equals\", \"value\": \"USA\"}]}",
                    "SELECT max(total), min(total) FROM invoice WHERE billing_country = 'USA'", false),
            new Case("tracks per artist, top 3", "{\"metrics\": [\"track.count\"], \"dimensions\": [\"artist.name\"], "
                    + "\"order_by\": [{\"field\": \"track.count\", \"direction\": \"desc\"}], \"limit\": 3}",
                    "SELECT a.name, count(*) FROM track t JOIN album al USING (album_id) JOIN artist a USING (artist_id) "
                            + "GROUP BY 1 ORDER BY 2 DESC LIMIT 3", true));

    @BeforeAll
    static void load() {
        chinook = Datasets.chinook(Datasets.CHINOOK);
        CatalogLoader.LoadResult r = CatalogLoader.load(catalogDir());
        if (!r.ok()) throw new AssertionError(r.report());
        queries = service(r.catalog(), chinook);
    }

    static java.nio.file.Path catalogDir() {
        return DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook");
    }

    /**
     * Chinook's invoices end on 2025-12-22: "today" is the end of that year, as a reference date set
     * in configuration would say. The masking key is the test's own: Chinook's database holds no
     * Clarion state.
     */
    static QueryService service(Catalog c, DataSource ds) {
        return new QueryService(c, ds, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60),
                () -> "chinook-test-masking-key");
    }

    @TestFactory
    Stream<DynamicTest> metricQueriesEqualHandWrittenSql() {
        assertTrue(CASES.size() >= 15);
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            QueryService.Outcome out = queries.run(QueryParser.parse(c.query()), QueryService.Options.DEFAULT);
            List<List<Object>> gold = rows(chinook, c.sql());
            assertTrue(!gold.isEmpty(), "the hand-written SQL returns rows");
            Optional<String> diff = ResultComparison.mismatch(gold, out.result().rows(), c.ordered());
            if (diff.isPresent()) {
                fail(diff.get() + "\nSQL:\n" + out.compiled().sql().sql() + "\nanswer: " + out.result().rows() + "\ngold: " + gold);
            }
        }));
    }

    static List<List<Object>> rows(DataSource ds, String sql) throws Exception {
        return Datasets.rows(ds, sql);
    }
}
