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
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scheduled rollup build that fails, on the Chinook catalog: the failure is in the rollup's
 * status with its reason and count, the build is tried again long before the hourly schedule,
 * queries read the raw tables meanwhile, and once a build succeeds the failure is gone.
 */
class RollupRetryTest {
    static final String ROLLUPS = """
            cubes:
              - name: invoice_line
                rollups:
                  - name: sales_by_country_hourly
                    measures: [count, revenue]
                    dimensions: [invoice.billing_country]
                    refresh_every: 1h
            """;
    static final String NAME = "sales_by_country_hourly";
    static Path catalog;
    static DataSource store;
    static Engine engine;

    @BeforeAll
    static void start() throws IOException {
        Datasets.chinook("rollup_retry_chinook");
        store = TestDatabase.freshDatabase("rollup_retry_store");
        catalog = Datasets.chinookCatalogWith("rollups.yml", ROLLUPS);
        Map<String, String> config = Map.of("clarion.catalog.dir", catalog.toString(),
                "clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl("rollup_retry_chinook"),
                "clarion.store.jdbc-url", TestDatabase.jdbcUrl("rollup_retry_store"), "clarion.demo.load", "false");
        engine = Engine.start(k -> Optional.ofNullable(config.get(k)), Progress.NONE);
    }

    @AfterAll
    static void stop() throws IOException {
        if (engine != null) engine.close();
        Datasets.deleteTree(catalog);
    }

    @Test
    void aFailedBuildIsReportedAndTriedAgainUntilOneSucceeds() throws Exception {
        // A view where the build puts its new table makes every build fail in the store, for real.
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW clarion.rollup_" + NAME + "__next AS SELECT 1 AS x");
        }
        engine.startRollupRefresh("retry-test", Duration.ofMillis(500));
        Rollups.Status failing = null;
        for (int i = 0; i < 600; i++) {
            failing = engine.rollups().status(NAME, engine.queries());
            if (failing.lastFailure() != null && failing.lastFailure().attempts() >= 2) break;
            Thread.sleep(100);
        }
        assertTrue(failing.lastFailure() != null && failing.lastFailure().attempts() >= 2,
                "tried again before the hourly schedule: " + failing);
        assertTrue(failing.lastFailure().message().contains("cannot build rollup " + NAME), failing.lastFailure().message());
        assertFalse(failing.built());
        MetricQuery q = QueryParser.parse("{\"metrics\": [\"invoice_line.count\"], \"dimensions\": [\"invoice.billing_country\"]}");
        QueryService.Outcome raw = engine.queries().run(q, new QueryService.Options(false));
        assertNull(raw.compiled().rollup().served(), "a rollup that never built is not read");
        assertTrue(raw.result().rows().size() > 10, "Chinook bills in more than ten countries");

        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP VIEW clarion.rollup_" + NAME + "__next");
        }
        Rollups.Status built = RollupRefreshTest.awaitFresh(engine, NAME, null);
        assertNull(built.lastFailure(), "a successful build clears the failure: " + built);
        assertEquals(NAME, engine.queries().run(q, new QueryService.Options(false)).compiled().rollup().served());
    }

    @Test
    void retriesBackOffAndLeaveItToTheScheduleOnceAsLate() {
        RollupRefresher.Work w = new RollupRefresher.Work(null, null, null, Duration.ofMinutes(1), null);
        assertEquals(Duration.ofMinutes(1), w.retryDelay(1, Duration.ofHours(6)));
        assertEquals(Duration.ofMinutes(4), w.retryDelay(3, Duration.ofHours(6)));
        assertEquals(Duration.ofHours(1), w.retryDelay(12, Duration.ofHours(6)), "never more than an hour apart");
        assertNull(w.retryDelay(12, Duration.ofHours(1)), "the hourly schedule tries as soon");
        assertNull(w.retryDelay(1, Duration.ofSeconds(30)), "a schedule faster than the first retry needs none");
    }
}
