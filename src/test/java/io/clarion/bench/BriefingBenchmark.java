package io.clarion.bench;

import io.clarion.briefing.Backtest;
import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.Briefings;
import io.clarion.engine.Engine;
import io.clarion.demo.Progress;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * Prints figures; asserts nothing about speed. The weekly retention-risk cycle on a large data
 * set: scoring and building every owner's briefing, storing them, and the 12-week backtest. Run
 * with {@code mvn -Pbenchmark test -Dtest=BriefingBenchmark -DskipITs} (-Dbench.scale=N, default
 * 100,000 customers, generated once into its own database; -Dbench.rollups=false,
 * -Dbench.backtest=false).
 */
class BriefingBenchmark {
    static final String SKILL = "weekly-retention-risk";

    @Test
    void weeklyCycleOnALargeDataSet() throws Exception {
        Map<String, String> c = new java.util.HashMap<>(LargeDataSet.ready().engineConfig());
        // -Dbench.rollups=false times the same cycle with every query on the raw tables.
        c.put("clarion.rollups.enabled", System.getProperty("bench.rollups", "true"));
        System.out.printf("Rollups %s%n", Boolean.parseBoolean(c.get("clarion.rollups.enabled")) ? "enabled" : "disabled");
        try (Engine engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
             Briefings briefings = Briefings.assemble(engine, k -> Optional.ofNullable(c.get(k)))) {
            try (Connection con = engine.warehouse().connection(); Statement s = con.createStatement()) {
                s.execute("TRUNCATE clarion.briefing, clarion.account_feedback CASCADE");
            }
            if (Boolean.parseBoolean(c.get("clarion.rollups.enabled"))) {
                // What the scheduled refresh has done by the time the weekly run starts: every rollup
                // current for the reference date. Timed apart from the cycle.
                for (var r : engine.catalog().rollups()) {
                    var s = engine.rollups().status(r.name(), engine.queries());
                    if (s.fresh()) continue;
                    var b = engine.rollups().build(r.name(), engine.queries());
                    System.out.printf("Rollup %s built: %,d rows in %.1f s%n", b.name(), b.rows(), b.buildMillis() / 1e3);
                }
            }
            Runtime rt = Runtime.getRuntime();
            for (int i = 1; i <= 2; i++) {
                long t = System.nanoTime();
                // Each stage's line with the seconds since the run began: where a slow cycle spends its time.
                java.util.function.Consumer<String> stages = line -> System.out.printf("  %6.1f s  %s%n", (System.nanoTime() - t) / 1e9, line);
                BriefingRun.Report dry = briefings.run(SKILL, null, true, stages).report();
                System.out.printf("Build (score + per-owner briefings, dry run %d): %.1f s; %,d accounts in scope, %,d flagged, %,d owner briefings%n",
                        i, (System.nanoTime() - t) / 1e9, dry.accountsInScope(), dry.flagged(), dry.briefings().size());
            }
            long t = System.nanoTime();
            BriefingRun.Report stored = briefings.start(SKILL, null, false).report();
            double storedSeconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("Build and store (deliveries queued, not sent): %.1f s; %,d briefings stored%n", storedSeconds, stored.built());
            System.out.printf("Heap in use after the cycle: %,d MiB (max %,d MiB)%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
            // -Dbench.backtest=false stops after the weekly cycle (the backtest takes longest).
            if (!Boolean.parseBoolean(System.getProperty("bench.backtest", "true"))) return;
            t = System.nanoTime();
            Backtest.Result bt = briefings.backtest(SKILL, 12, 90, null);
            System.out.printf("Backtest, 12 weekly dates, 90-day horizon: %.1f s; precision %.1f%%, recall %.1f%% (shown: precision %.1f%%, recall %.1f%%), base churn %.1f%%%n",
                    (System.nanoTime() - t) / 1e9, 100 * bt.total().precision(), 100 * bt.total().recall(),
                    100 * bt.total().shownPrecision(), 100 * bt.total().shownRecall(), 100 * bt.total().baseRate());
        }
    }
}
