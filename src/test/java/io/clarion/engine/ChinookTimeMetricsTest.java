package io.clarion.engine;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.catalog.CatalogLoader;
import io.clarion.query.QueryParser;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Cumulative and conversion metrics on data nobody here wrote: the reviewed Chinook catalog with
 * src/test/resources/catalogs/chinook-time beside it (running total, trailing 3 months, year to
 * date, customers in a trailing 90 days, small-to-large purchase conversion), each answer
 * compared with hand-written SQL that computes every period's window on its own.
 */
class ChinookTimeMetricsTest {
    static DataSource chinook;
    static QueryService queries;

    record Case(String name, String query, String sql) {
    }

    private static String range(String value) {
        return "\"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": " + value + "}]";
    }

    /** Of the small invoices s, whether the customer bought a large one within 90 days of s. */
    private static final String CONVERTED = "EXISTS (SELECT 1 FROM invoice p WHERE p.customer_id = s.customer_id AND p.total >= 10 "
            + "AND p.invoice_date >= s.invoice_date AND p.invoice_date < s.invoice_date + interval '90 days')";

    static final List<Case> CASES = List.of(
            new Case("running total by year, every year of data",
                    "{\"metrics\": [\"revenue_running_total\"], \"dimensions\": [\"metric_time.year\"]}",
                    "SELECT y::date, (SELECT sum(total) FROM invoice WHERE invoice_date < y + interval '1 year') "
                            + "FROM generate_series((SELECT date_trunc('year', min(invoice_date)) FROM invoice), "
                            + "(SELECT date_trunc('year', max(invoice_date)) FROM invoice), interval '1 year') y"),
            new Case("running total by month of 2024 counts the years before",
                    "{\"metrics\": [\"revenue_running_total\"], \"dimensions\": [\"metric_time.month\"], " + range("\"2024\"") + "}",
                    "SELECT m::date, (SELECT sum(total) FROM invoice WHERE invoice_date < m + interval '1 month') "
                            + "FROM generate_series(DATE '2024-01-01', DATE '2024-12-01', interval '1 month') m"),
            new Case("running total at the end of a year, no grain",
                    "{\"metrics\": [\"revenue_running_total\"], " + range("\"2023\"") + "}",
                    "SELECT sum(total) FROM invoice WHERE invoice_date < DATE '2024-01-01'"),
            new Case("trailing 3 months by month and billing country",
                    "{\"metrics\": [\"revenue_trailing_3_months\"], \"dimensions\": [\"metric_time.month\", \"invoice.billing_country\"], "
                            + range("[\"2025-01-01\", \"2025-06-30\"]") + "}",
                    "SELECT m::date, i.billing_country, sum(i.total) FROM generate_series(DATE '2025-01-01', DATE '2025-06-01', interval '1 month') m "
                            + "JOIN invoice i ON i.invoice_date >= m + interval '1 month' - interval '3 months' AND i.invoice_date < m + interval '1 month' "
                            + "GROUP BY 1, 2"),
            new Case("trailing 3 months by quarter is each quarter's revenue",
                    "{\"metrics\": [\"revenue_trailing_3_months\", \"revenue\"], \"dimensions\": [\"metric_time.quarter\"], " + range("\"2024\"") + "}",
                    "SELECT date_trunc('quarter', invoice_date)::date, sum(total), sum(total) FROM invoice "
                            + "WHERE invoice_date >= DATE '2024-01-01' AND invoice_date < DATE '2025-01-01' GROUP BY 1"),
            new Case("year to date by month and customer country (a joined cube)",
                    "{\"metrics\": [\"revenue_year_to_date\"], \"dimensions\": [\"metric_time.month\", \"customer.country\"], "
                            + range("[\"2023-04-01\", \"2023-09-30\"]") + "}",
                    "SELECT m::date, c.country, sum(i.total) FROM generate_series(DATE '2023-04-01', DATE '2023-09-01', interval '1 month') m "
                            + "JOIN invoice i ON i.invoice_date >= DATE '2023-01-01' AND i.invoice_date < m + interval '1 month' "
                            + "JOIN customer c ON c.customer_id = i.customer_id GROUP BY 1, 2"),
            new Case("year to date at the end of a quarter, no grain",
                    "{\"metrics\": [\"revenue_year_to_date\"], " + range("\"2024-Q2\"") + "}",
                    "SELECT sum(total) FROM invoice WHERE invoice_date >= DATE '2024-01-01' AND invoice_date < DATE '2024-07-01'"),
            new Case("year to date by quarter over all the data",
                    "{\"metrics\": [\"revenue_year_to_date\"], \"dimensions\": [\"metric_time.quarter\"]}",
                    "SELECT q::date, (SELECT sum(total) FROM invoice WHERE invoice_date >= date_trunc('year', q) AND invoice_date < q + interval '3 months') "
                            + "FROM generate_series((SELECT date_trunc('quarter', min(invoice_date)) FROM invoice), "
                            + "(SELECT date_trunc('quarter', max(invoice_date)) FROM invoice), interval '3 months') q"),
            new Case("year to date by month and genre (one-to-many: each invoice once per genre)",
                    "{\"metrics\": [\"revenue_year_to_date\"], \"dimensions\": [\"metric_time.month\", \"genre.name\"], "
                            + range("\"2025-Q1\"") + "}",
                    "SELECT m::date, g.name, sum(i.total) FROM generate_series(DATE '2025-01-01', DATE '2025-03-01', interval '1 month') m "
                            + "JOIN invoice i ON i.invoice_date >= DATE '2025-01-01' AND i.invoice_date < m + interval '1 month' "
                            + "JOIN (SELECT DISTINCT l.invoice_id, g.name FROM invoice_line l JOIN track t ON t.track_id = l.track_id "
                            + "JOIN genre g ON g.genre_id = t.genre_id) g ON g.invoice_id = i.invoice_id GROUP BY 1, 2"),
            new Case("customers in a trailing 90 days by month (a distinct count per window)",
                    "{\"metrics\": [\"customers_trailing_90_days\", \"invoice.customers\"], \"dimensions\": [\"metric_time.month\"], "
                            + range("\"2025\"") + "}",
                    "SELECT m::date, (SELECT count(DISTINCT customer_id) FROM invoice WHERE invoice_date >= (m + interval '1 month')::date - 90 "
                            + "AND invoice_date < m + interval '1 month'), (SELECT count(DISTINCT customer_id) FROM invoice "
                            + "WHERE invoice_date >= m AND invoice_date < m + interval '1 month') "
                            + "FROM generate_series(DATE '2025-01-01', DATE '2025-12-01', interval '1 month') m"),
            new Case("customers in the 90 days to today",
                    "{\"metrics\": [\"customers_trailing_90_days\"]}",
                    "SELECT count(DISTINCT customer_id) FROM invoice WHERE invoice_date >= DATE '2026-01-01' - 90 AND invoice_date < DATE '2026-01-01'"),
            new Case("small-to-large purchase rate and count by year",
                    "{\"metrics\": [\"small_to_large_purchase_rate\", \"small_to_large_purchases\"], \"dimensions\": [\"metric_time.year\"]}",
                    "SELECT date_trunc('year', s.invoice_date)::date, count(*) FILTER (WHERE " + CONVERTED + ")::numeric / count(*), "
                            + "count(*) FILTER (WHERE " + CONVERTED + ") FROM invoice s WHERE s.total < 2 GROUP BY 1"),
            new Case("small-to-large purchase rate by customer country in 2024",
                    "{\"metrics\": [\"small_to_large_purchase_rate\"], \"dimensions\": [\"customer.country\"], " + range("\"2024\"") + "}",
                    "SELECT c.country, count(*) FILTER (WHERE " + CONVERTED + ")::numeric / count(*) FROM invoice s "
                            + "JOIN customer c ON c.customer_id = s.customer_id WHERE s.total < 2 "
                            + "AND s.invoice_date >= DATE '2024-01-01' AND s.invoice_date < DATE '2025-01-01' GROUP BY 1"),
            new Case("small-to-large purchase rate by genre (one-to-many: each invoice once per genre)",
                    "{\"metrics\": [\"small_to_large_purchase_rate\", \"small_to_large_purchases\"], \"dimensions\": [\"genre.name\"], "
                            + range("\"2024\"") + "}",
                    "SELECT g.name, count(*) FILTER (WHERE " + CONVERTED + ")::numeric / count(*), count(*) FILTER (WHERE " + CONVERTED + ") "
                            + "FROM invoice s JOIN (SELECT DISTINCT l.invoice_id, g.name FROM invoice_line l JOIN track t ON t.track_id = l.track_id "
                            + "JOIN genre g ON g.genre_id = t.genre_id) g ON g.invoice_id = s.invoice_id WHERE s.total < 2 "
                            + "AND s.invoice_date >= DATE '2024-01-01' AND s.invoice_date < DATE '2025-01-01' GROUP BY 1"),
            new Case("small-to-large conversions late in the data look past the range's end",
                    "{\"metrics\": [\"small_to_large_purchases\"], " + range("\"2025-Q3\"") + "}",
                    "SELECT count(*) FILTER (WHERE " + CONVERTED + ") FROM invoice s WHERE s.total < 2 "
                            + "AND s.invoice_date >= DATE '2025-07-01' AND s.invoice_date < DATE '2025-10-01'"));

    @BeforeAll
    static void load() throws IOException {
        chinook = Datasets.chinook("clarion_chinook_time");
        CatalogLoader.LoadResult r = CatalogLoader.load(files());
        if (!r.ok()) throw new AssertionError(r.report());
        queries = ChinookCatalogTest.service(r.catalog(), chinook);
    }

    /** The reviewed Chinook catalog's files and the time metrics beside them. */
    static List<Path> files() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(ChinookCatalogTest.catalogDir())) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(all::add);
        }
        all.add(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook-time/time.yml"));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> cumulativeAndConversionMetricsEqualHandWrittenSql() {
        assertTrue(CASES.size() >= 12);
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            QueryService.Outcome out = queries.run(QueryParser.parse(c.query()), QueryService.Options.DEFAULT);
            List<List<Object>> gold = Datasets.rows(chinook, c.sql());
            assertTrue(!gold.isEmpty(), "the hand-written SQL returns rows");
            Optional<String> diff = ResultComparison.mismatch(gold, out.result().rows(), false);
            if (diff.isPresent()) {
                fail(diff.get() + "\nSQL:\n" + out.compiled().sql().sql() + "\nanswer: " + out.result().rows() + "\ngold: " + gold);
            }
        }));
    }

    @Test
    void theRunningTotalTodayIsAllRevenueAndEachYearsLastMonthToDateIsItsLastMonth() throws Exception {
        // Two identities that need no hand SQL: what could disagree is the engine with itself.
        Object total = one("{\"metrics\": [\"revenue\"]}").get(0);
        Object running = one("{\"metrics\": [\"revenue_running_total\"]}").get(0);
        assertEquals(Optional.empty(), ResultComparison.mismatch(List.of(List.of(total)), List.of(List.of(running)), false));
        List<List<Object>> byYear = queries.run(QueryParser.parse("{\"metrics\": [\"revenue_year_to_date\", \"revenue\"], "
                + "\"dimensions\": [\"metric_time.year\"]}"), QueryService.Options.DEFAULT).result().rows();
        assertTrue(byYear.size() >= 5, byYear.toString());
        for (List<Object> row : byYear) {
            assertEquals(Optional.empty(), ResultComparison.mismatch(List.of(List.of(row.get(2))), List.of(List.of(row.get(1))), false),
                    "year to date at a year's end is the year's revenue: " + row);
        }
    }

    private static List<Object> one(String query) {
        List<List<Object>> rows = queries.run(QueryParser.parse(query), QueryService.Options.DEFAULT).result().rows();
        assertEquals(1, rows.size(), query);
        return rows.get(0);
    }
}
