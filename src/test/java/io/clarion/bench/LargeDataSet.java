package io.clarion.bench;

import io.clarion.testing.TestDatabase;
import io.clarion.demo.DemoLoader;
import io.clarion.demo.DemoSpec;
import io.clarion.demo.Progress;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Map;

/** The benchmarks' data set: generated once into its own database (seed 42, as of 2026-06-15) and kept. */
record LargeDataSet(int scale, DataSource dataSource) {
    static final int SCALE = Integer.getInteger("bench.scale", 100_000);

    static LargeDataSet ready() {
        String db = database();
        DataSource ds = TestDatabase.freshDatabaseIfMissing(db);
        long t0 = System.nanoTime();
        DemoLoader.ensureLoaded(ds, new DemoSpec(42, SCALE, LocalDate.of(2026, 6, 15)), Progress.NONE);
        System.out.printf("%nData set: %,d customers ready in %.1f s%n", SCALE, (System.nanoTime() - t0) / 1e9);
        return new LargeDataSet(SCALE, ds);
    }

    static String database() {
        return "bench_" + SCALE;
    }

    /** Configuration for an engine on this data set, with room for long queries. */
    Map<String, String> engineConfig() {
        return Map.of("clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl(database()), "clarion.store.jdbc-url", TestDatabase.jdbcUrl(database()),
                "clarion.demo.load", "false",
                "clarion.query.timeout-seconds", "600");
    }
}
