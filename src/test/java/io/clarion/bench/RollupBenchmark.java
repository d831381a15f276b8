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
 * all owners, and every result-set query a rollup answers, timed without and with rollups (median
 * of 3 after a warm-up), rows compared.
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
        System.out.printf("%nROLLUP BUILDS on %,d customers%n", LargeDataSet.SCALE);
        for (Rollup r : DemoEngine.catalog().rollups()) {
            Rollups.Status s = rollups.build(r.name(), raw);
            System.out.printf("  %-28s %,10d rows %,10d ms%n", s.name(), s.rows(), s.buildMillis());
        }
        List<String> queries = new ArrayList<>(io.clarion.engine.RollupTestShapes.SHAPES);
        queries.addAll(io.clarion.engine.RollupTestShapes.BRIEFING_READS);
        try (Stream<Path> s = Files.list(DemoEngine.projectDir().resolve("src/test/resources/results"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) if (!line.isBlank()) queries.add(JSON.readTree(line).get("query").toString());
            }
        }
        System.out.printf("%nRAW vs ROLLUP (median of 3 after a warm-up; ms)%n");
        System.out.printf("  %-24s %10s %10s %8s  %s  %s%n", "rollup", "raw", "rollup", "speedup", "same rows", "query");
        for (String q : queries) {
            var parsed = QueryParser.parse(q);
            QueryService.Compiled c = on.compile(parsed, new QueryService.Options(false));
            if (!c.fromRollup()) continue;
            QueryService.Compiled r = raw.compile(parsed, new QueryService.Options(false));
            List<List<Object>> a = new ArrayList<>();
            List<List<Object>> b = new ArrayList<>();
            double tRaw = QueryBenchmark.median(() -> {
                a.clear();
                a.addAll(raw.execute(r).rows());
            });
            double tOn = QueryBenchmark.median(() -> {
                b.clear();
                b.addAll(on.execute(c).rows());
            });
            boolean same = ResultComparison.mismatch(a, b, true).isEmpty();
            System.out.printf("  %-24s %10.1f %10.1f %8.1f  %-9s  %s%n", c.rollup().served(), tRaw, tOn, tRaw / Math.max(0.01, tOn),
                    same ? "yes" : "NO", q.length() > 110 ? q.substring(0, 110) + "..." : q);
        }
    }
}
