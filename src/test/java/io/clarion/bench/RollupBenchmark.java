package io.clarion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.catalog.model.Rollup;
import io.clarion.engine.QueryService;
import io.clarion.engine.Rollups;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.store.AppStore;
import io.clarion.testing.DemoEngine;
import io.clarion.agent.eval.ResultComparison;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints figures; asserts nothing about speed. The demo catalog's rollups built on the benchmark
 * data set, then every dashboard shape of the rollup tests, the weekly briefing's reads shared by
 * all owners, and every result-set query a rollup answers exactly: each timed on the raw tables
 * and on the rollup that answers it whatever its size (medians of runs taken in turn), with what
 * the server reads (a rollup holding about as many rows as its table is not read: the table
 * answers), the server's speedup, and whether the rows are the same.
 * {@code mvn -Pbenchmark test -Dtest=RollupBenchmark -DskipITs [-Dbench.scale=N]}
 */
class RollupBenchmark {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rollupsAgainstRawTables() throws Exception {
        DataSource ds = LargeDataSet.ready().dataSource();
        AppStore.migrate(ds);
        QueryService raw = new QueryService(DemoEngine.catalog(), ds, PostgresDialect.INSTANCE, () -> LocalDate.of(2026, 6, 15),
                10_000, Duration.ofMinutes(10));
        Rollups rollups = new Rollups(DemoEngine.catalog(), ds, PostgresDialect.INSTANCE, Duration.ofMinutes(10), Clock.systemUTC());
        QueryService on = raw.withRollups(rollups);
        QueryService anySize = raw.withRollups(rollups.readingAnySize());
        System.out.printf("%nROLLUP BUILDS on %,d customers%n", LargeDataSet.SCALE);
        for (Rollup r : DemoEngine.catalog().rollups()) {
            Rollups.Status s = rollups.build(r.name(), raw);
            System.out.printf("  %-34s %,10d rows of %,12d (%5.1f%%) %,10d ms%s%n", s.name(), s.rows(), s.sourceRows(),
                    100.0 * s.rows() / Math.max(1, s.sourceRows()), s.buildMillis(), s.reason() == null ? "" : "  not read: too big");
        }
        List<String> queries = new ArrayList<>(io.clarion.engine.RollupTestShapes.SHAPES);
        queries.addAll(io.clarion.engine.RollupTestShapes.BRIEFING_READS);
        try (Stream<Path> s = Files.list(DemoEngine.projectDir().resolve("src/test/resources/results"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) if (!line.isBlank()) queries.add(JSON.readTree(line).get("query").toString());
            }
        }
        System.out.printf("%nRAW vs ROLLUP (medians of runs taken in turn; ms); server: what the server reads, and its speedup%n");
        System.out.printf("  %-34s %9s %9s %8s  %-34s %8s  %s  %s%n", "rollup that answers", "raw", "rollup", "speedup", "server reads",
                "speedup", "same rows", "query");
        int cases = 0;
        int fast = 0;
        int same = 0;
        int slower = 0;
        for (String q : queries) {
            var parsed = QueryParser.parse(q);
            QueryService.Compiled any = anySize.compile(parsed, new QueryService.Options(false));
            if (!any.fromRollup()) continue;
            QueryService.Compiled served = on.compile(parsed, new QueryService.Options(false));
            QueryService.Compiled r = raw.compile(parsed, new QueryService.Options(false));
            List<List<Object>> a = new ArrayList<>();
            List<List<Object>> b = new ArrayList<>();
            double[] t = QueryBenchmark.interleaved(() -> {
                a.clear();
                a.addAll(raw.execute(r).rows());
            }, () -> {
                b.clear();
                b.addAll(anySize.execute(any).rows());
            });
            double speedup = t[0] / Math.max(0.01, t[1]);
            // The server reads the table when it declines the rollup: the raw time, a speedup of 1.
            double serverSpeedup = served.fromRollup() ? speedup : 1.0;
            boolean rowsEqual = ResultComparison.mismatch(a, b, true).isEmpty();
            cases++;
            if (serverSpeedup >= 20) fast++;
            if (rowsEqual) same++;
            if (serverSpeedup < 0.9) slower++;
            System.out.printf("  %-34s %9.1f %9.1f %8.1f  %-34s %8.1f  %-9s  %s%n", any.rollup().served(), t[0], t[1], speedup,
                    served.fromRollup() ? served.rollup().served() : "table (rollup too big)", serverSpeedup, rowsEqual ? "yes" : "NO",
                    q.length() > 110 ? q.substring(0, 110) + "..." : q);
        }
        System.out.printf("  %d queries a rollup answers: %d at least 20x faster as the server reads them, %d slower than the raw "
                + "tables (below 0.9x), %d with the same rows%n", cases, fast, slower, same);
    }
}
