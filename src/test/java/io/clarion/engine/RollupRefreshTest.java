package io.clarion.engine;

import io.clarion.catalog.CatalogLoader;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled refresh of rollups that declare {@code refresh_every}, on the Chinook catalog (one
 * this code was not written for) with rollups added (invoice lines by country: a few dozen rows
 * for 2,240 lines, small enough to be read): a missing or stale rollup is never read
 * (the raw tables answer and explain says why), the scheduler builds it, and then it answers
 * with the raw tables' rows.
 */
class RollupRefreshTest {
    static final String ROLLUPS = """
            cubes:
              - name: invoice_line
                rollups:
                  - name: sales_by_country
                    measures: [count, revenue]
                    dimensions: [invoice.billing_country]
                    refresh_every: 30m
                  - name: sales_by_city
                    measures: [count, revenue]
                    dimensions: [invoice.billing_city]
            """;
    static final String QUERY = "{\"metrics\": [\"invoice_line.count\", \"invoice_line.revenue\"], \"dimensions\": [\"invoice.billing_country\"]}";
    static Path catalog;
    static DataSource store;
    static Map<String, String> config;
    static Engine engine;

    @BeforeAll
    static void start() throws IOException {
        Datasets.chinook("rollup_refresh_chinook");
        store = TestDatabase.freshDatabase("rollup_refresh_store");
        catalog = Datasets.chinookCatalogWith("rollups.yml", ROLLUPS);
        config = Map.of("clarion.catalog.dir", catalog.toString(), "clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl("rollup_refresh_chinook"),
                "clarion.store.jdbc-url", TestDatabase.jdbcUrl("rollup_refresh_store"), "clarion.demo.load", "false");
        engine = Engine.start(k -> Optional.ofNullable(config.get(k)), Progress.NONE);
    }

    @AfterAll
    static void stop() throws IOException {
        if (engine != null) engine.close();
        Datasets.deleteTree(catalog);
    }

    @Test
    void missingThenRefreshedThenStaleThenRefreshedAgain() throws Exception {
        MetricQuery q = QueryParser.parse(QUERY);
        QueryService.Options opts = new QueryService.Options(false);
        QueryService.Outcome missing = engine.queries().run(q, opts);
        assertNull(missing.compiled().rollup().served());
        assertTrue(missing.compiled().rollup().notes().stream().anyMatch(n -> n.contains("sales_by_country has not been built")),
                missing.compiled().rollup().notes().toString());
        var rawRows = rows(missing);
        assertTrue(rawRows.size() > 10, "Chinook bills in more than ten countries");

        engine.startRollupRefresh("refresh-test");
        Rollups.Status built = awaitFresh(engine, "sales_by_country", null);
        assertTrue(built.rows() > 10, built.toString());
        assertTrue(engine.nextRollupRefresh("sales_by_country").isPresent(), "the next refresh is scheduled");
        assertTrue(engine.nextRollupRefresh("sales_by_city").isEmpty(), "no refresh_every, no schedule");
        assertFalse(engine.rollups().status("sales_by_city", engine.queries()).built(), "only scheduled rollups are built by the scheduler");

        QueryService.Outcome served = engine.queries().run(q, opts);
        assertEquals("sales_by_country", served.compiled().rollup().served());
        assertEquals(rawRows, rows(served), "the rollup gives the raw tables' rows");

        // Past its max_age (24 hours by default) the rollup is stale: the raw tables answer and say so.
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE clarion.rollup_state SET built_at = now() - interval '25 hours' WHERE name = 'sales_by_country'");
        }
        QueryService.Outcome stale = engine.queries().run(q, opts);
        assertNull(stale.compiled().rollup().served());
        assertTrue(stale.compiled().rollup().notes().stream().anyMatch(n -> n.contains("sales_by_country is stale")
                && n.contains("the raw tables answered")), stale.compiled().rollup().notes().toString());
        assertEquals(rawRows, rows(stale));

        // A restarted instance refreshes at once what is stale (a current rollup it leaves alone).
        Instant staleAt = engine.rollups().status("sales_by_country", engine.queries()).builtAt();
        engine.close();
        engine = Engine.start(k -> Optional.ofNullable(config.get(k)), Progress.NONE);
        engine.startRollupRefresh("refresh-test");
        awaitFresh(engine, "sales_by_country", staleAt);
        assertEquals("sales_by_country", engine.queries().run(q, opts).compiled().rollup().served());
    }

    @Test
    void aRefreshLessFrequentThanTheMaxAgeIsRefused() {
        CatalogLoader.LoadResult r = CatalogLoader.loadStrings(Map.of("t.yml", """
                cubes:
                  - name: orders
                    sql_table: orders
                    rollups:
                      - name: by_status
                        measures: [n]
                        dimensions: [status]
                        max_age: 6h
                        refresh_every: 1d
                    measures:
                      - name: n
                        type: count
                    dimensions:
                      - name: id
                        type: string
                        sql: id
                        primary_key: true
                      - name: status
                        type: string
                        sql: status
                """));
        assertFalse(r.ok());
        assertTrue(r.report().contains("refresh_every is longer than max_age"), r.report());
    }

    /** The rows as a set of text, numbers compared by value (the rollup keeps counts as numeric). */
    static java.util.Set<List<String>> rows(QueryService.Outcome o) {
        java.util.Set<List<String>> out = new HashSet<>();
        for (List<Object> row : o.result().rows()) {
            out.add(row.stream().map(v -> v instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                    : String.valueOf(v)).toList());
        }
        return out;
    }

    /** Waits (up to a minute, for a loaded machine) until the scheduler has built {@code name} after {@code after}. */
    static Rollups.Status awaitFresh(Engine e, String name, Instant after) throws InterruptedException {
        Rollups.Status s = null;
        for (int i = 0; i < 600; i++) {
            s = e.rollups().status(name, e.queries());
            if (s.fresh() && (after == null || s.builtAt().isAfter(after))) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("the scheduler did not build " + name + ": " + s);
    }
}
