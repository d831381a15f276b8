package io.clarion.engine;

import io.clarion.demo.Progress;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryParser;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rollup is read only when it holds clearly fewer rows than the tables it is built from (at
 * most half): on Chinook, invoices by day and country keep about one row per invoice, so the table
 * answers and explain says why; invoices by year keep five rows and answer. The rows each build
 * records are the table's.
 */
class RollupSizeTest {
    static final String ROLLUPS = """
            cubes:
              - name: invoice
                rollups:
                  - name: invoices_by_day_country
                    measures: [count, total_sum]
                    dimensions: [billing_country]
                    time_dimension: invoice_date
                    grain: day
                  - name: invoices_by_year
                    measures: [count, total_sum]
                    time_dimension: invoice_date
                    grain: year
            """;
    static Path catalog;
    static DataSource warehouse;
    static Engine engine;

    @BeforeAll
    static void start() throws IOException {
        warehouse = Datasets.chinook("rollup_size_chinook");
        TestDatabase.freshDatabase("rollup_size_store");
        catalog = Datasets.chinookCatalogWith("rollups.yml", ROLLUPS);
        Map<String, String> config = Map.of("clarion.catalog.dir", catalog.toString(),
                "clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl("rollup_size_chinook"),
                "clarion.store.jdbc-url", TestDatabase.jdbcUrl("rollup_size_store"), "clarion.demo.load", "false");
        engine = Engine.start(k -> Optional.ofNullable(config.get(k)), Progress.NONE);
        engine.rollups().build("invoices_by_day_country", engine.queries());
        engine.rollups().build("invoices_by_year", engine.queries());
    }

    @AfterAll
    static void stop() throws IOException {
        if (engine != null) engine.close();
        Datasets.deleteTree(catalog);
    }

    @Test
    void aRollupAboutAsBigAsItsTableIsNotReadAndExplainSaysWhy() throws Exception {
        long invoices = count("SELECT count(*) FROM invoice");
        Rollups.Status big = engine.rollups().status("invoices_by_day_country", engine.queries());
        assertEquals(invoices, big.sourceRows(), "the build recorded the table's rows");
        assertTrue(big.rows() > invoices / 2, "by day and country Chinook keeps about a row per invoice: " + big);
        assertTrue(big.fresh(), "fresh, only too big to pay: " + big);
        String why = "rollup invoices_by_day_country holds " + String.format("%,d", big.rows()) + " rows, about as many as its tables' "
                + String.format("%,d", invoices);
        assertTrue(big.reason() != null && big.reason().startsWith(why) && big.reason().endsWith(": read the tables"), big.reason());

        MetricQuery byMonth = QueryParser.parse("{\"metrics\": [\"invoice.total_sum\"], \"dimensions\": [\"invoice.billing_country\", "
                + "\"metric_time.month\"]}");
        QueryService.Outcome raw = engine.queries().run(byMonth, new QueryService.Options(false));
        assertNull(raw.compiled().rollup().served(), raw.compiled().rollup().toString());
        assertTrue(raw.compiled().rollup().notes().contains("invoices_by_day_country: not used: " + big.reason()),
                raw.compiled().rollup().notes().toString());
        assertTrue(raw.result().rows().size() > 20, "countries by month: " + raw.result().rows().size());

        // Size is the only reason: read whatever its size, the same rollup answers, with the same rows.
        Rollups anySize = engine.rollups().readingAnySize();
        QueryService.Outcome forced = engine.queries().withRollups(anySize).run(byMonth, new QueryService.Options(false));
        assertEquals("invoices_by_day_country", forced.compiled().rollup().served());
        assertEquals(RollupRefreshTest.rows(raw), RollupRefreshTest.rows(forced));
    }

    @Test
    void aRollupFarSmallerThanItsTableIsRead() throws Exception {
        long invoices = count("SELECT count(*) FROM invoice");
        Rollups.Status small = engine.rollups().status("invoices_by_year", engine.queries());
        assertEquals(invoices, small.sourceRows());
        assertEquals(count("SELECT count(DISTINCT date_trunc('year', invoice_date)) FROM invoice"), small.rows());
        assertNull(small.reason(), small.toString());

        MetricQuery byYear = QueryParser.parse("{\"metrics\": [\"invoice.count\", \"invoice.total_sum\"], \"dimensions\": [\"metric_time.year\"]}");
        QueryService.Outcome served = engine.queries().run(byYear, new QueryService.Options(false));
        assertEquals("invoices_by_year", served.compiled().rollup().served(), served.compiled().rollup().notes().toString());
        // The day rollup answers by year too, and would be chosen only if it were smaller; here it is not read at all.
        assertTrue(served.compiled().rollup().notes().stream().anyMatch(n -> n.startsWith("invoices_by_day_country: not used: rollup "
                + "invoices_by_day_country holds")), served.compiled().rollup().notes().toString());
        QueryService.Outcome raw = engine.queries().withRollups(null).run(byYear, new QueryService.Options(false));
        assertEquals(RollupRefreshTest.rows(raw), RollupRefreshTest.rows(served));
        assertEquals(invoices, served.result().rows().stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = warehouse.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
