package io.clarion.bench;

import io.clarion.governance.policy.Access;
import io.clarion.query.MetricQuery;
import io.clarion.governance.policy.Principal;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.engine.Engine;
import io.clarion.engine.QueryService;
import io.clarion.demo.Progress;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Prints figures; asserts nothing about speed. What access rules cost: every golden query run
 * as an admin (no rewrite), an analyst (PII masked) and an owner (row filters) on a large data
 * set, median of 3 runs each. Run with {@code mvn -Pbenchmark test -Dtest=GovernanceBenchmark
 * -DskipITs} (-Dbench.scale=N, default 100,000 customers, generated once into its own database).
 */
class GovernanceBenchmark {
    static final int RUNS = 3;

    @Test
    void accessRulesOnALargeDataSet() throws Exception {
        Map<String, String> c = LargeDataSet.ready().engineConfig();
        List<Path> files;
        try (Stream<Path> s = Files.list(DemoEngine.projectDir().resolve("src/test/resources/golden"))) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.toString().contains(".as-")).sorted().toList();
        }
        try (Engine engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE)) {
            QueryService queries = engine.queries();
            Map<String, Access> roles = new LinkedHashMap<>();
            roles.put("admin", queries.access(new Principal("bench-admin", List.of("admin"), Map.of())));
            roles.put("analyst", queries.access(new Principal("bench-analyst", List.of("analyst"), Map.of())));
            roles.put("owner", queries.access(new Principal("bench-owner", List.of("owner"), Map.of("owner_id", "own_001"))));
            Map<String, Double> totals = new LinkedHashMap<>();
            roles.keySet().forEach(r -> totals.put(r, 0.0));
            List<String> slower = new ArrayList<>();
            int measured = 0;
            System.out.printf("%-42s %10s %10s %10s%n", "query (median of " + RUNS + ", ms)", "admin", "analyst", "owner");
            for (Path f : files) {
                MetricQuery q = QueryParser.parse(Files.readString(f));
                Map<String, Double> ms = new LinkedHashMap<>();
                for (var role : roles.entrySet()) {
                    double[] runs = new double[RUNS];
                    try {
                        for (int i = 0; i < RUNS; i++) {
                            long t = System.nanoTime();
                            queries.run(q, new QueryService.Options(false, 0, role.getValue()));
                            runs[i] = (System.nanoTime() - t) / 1e6;
                        }
                        Arrays.sort(runs);
                        ms.put(role.getKey(), runs[RUNS / 2]);
                    } catch (QueryException e) {
                        ms.put(role.getKey(), Double.NaN); // denied to this role (marketing for owners)
                    }
                }
                if (ms.values().stream().anyMatch(v -> v.isNaN())) {
                    System.out.printf("%-42s %10.1f %10.1f %10s%n", f.getFileName(), ms.get("admin"), ms.get("analyst"), "denied");
                    continue;
                }
                measured++;
                ms.forEach((r, v) -> totals.merge(r, v, Double::sum));
                System.out.printf("%-42s %10.1f %10.1f %10.1f%n", f.getFileName(), ms.get("admin"), ms.get("analyst"), ms.get("owner"));
                if (ms.get("owner") > 1.2 * ms.get("admin") + 5) slower.add(f.getFileName() + String.format(" (%.0f vs %.0f ms)", ms.get("owner"), ms.get("admin")));
            }
            System.out.printf("Total over %d queries run by every role: admin %.0f ms, analyst %.0f ms, owner %.0f ms%n",
                    measured, totals.get("admin"), totals.get("analyst"), totals.get("owner"));
            System.out.println("Owner slower than admin by more than 20% + 5 ms: " + (slower.isEmpty() ? "none" : slower));
        }
    }
}
