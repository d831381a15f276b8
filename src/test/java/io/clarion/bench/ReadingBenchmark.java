package io.clarion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.agent.Conversation;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints what reading a question costs, without running its SQL: per question of the demo and
 * Chinook development sets, the offline reader's p50 and p99 (question → checked metric query,
 * linker and embedding model included), and questions read per second by 16 concurrent clients
 * with their p50 and p99 under that load. The target is a p99 under 50 ms. Figures only: nothing
 * here passes or fails on speed.
 *
 * <p>Repeated reads find the question's spans already embedded; a user's new question does not. So
 * each set's questions are first read once each, before any repeat (the JVM warmed on other
 * questions, the catalog's own texts embedded as a server would have them): those first reads,
 * which run the embedding model on the question's spans, are printed apart.
 */
class ReadingBenchmark {
    record Set(String name, OfflinePlanner planner, List<String> ids, List<String> questions) {
    }

    @Test
    void readingLatencyPerQuestionAndThroughputWith16Clients() throws Exception {
        QueryService demo = DemoEngine.queries();
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        QueryService chinook = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_reading_bench"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "reading-bench-mask-key");
        List<Set> sets = List.of(
                set("demo dev", OfflinePlanner.create(demo, DimensionValues.load(demo), List.of()), "dev.jsonl", "reader-dev.jsonl"),
                set("chinook dev", OfflinePlanner.create(chinook, DimensionValues.load(chinook), List.of()), "chinook.jsonl",
                        "reader-chinook-dev.jsonl"));
        int rounds = Integer.getInteger("clarion.bench.rounds", 100);
        // Warms the JVM on questions outside the timed sets, so first reads are not the JIT's first runs.
        Set warmUp = set("warm-up", sets.get(0).planner(), "false-refusals.jsonl");
        for (int warm = 0; warm < 5; warm++) for (String q : warmUp.questions()) warmUp.planner().plan(q, Conversation.empty("w"));
        for (Set s : sets) {
            firstReads(s);
            for (int warm = 0; warm < 10; warm++) for (String q : s.questions()) s.planner().plan(q, Conversation.empty("w"));
            int n = s.questions().size();
            long[][] us = new long[n][rounds];
            // Rounds interleave the questions, so a slow moment of the machine is spread over all of them.
            for (int k = 0; k < rounds; k++) {
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    s.planner().plan(s.questions().get(i), Conversation.empty("b"));
                    us[i][k] = (System.nanoTime() - t0) / 1_000;
                }
            }
            System.out.printf("%nREADING LATENCY PER QUESTION, %s (%d questions, %d runs each, no SQL run)%n", s.name(), n, rounds);
            System.out.printf("  %-6s %10s %10s  %s%n", "id", "p50 ms", "p99 ms", "question");
            for (int i = 0; i < n; i++) {
                long[] t = us[i].clone();
                Arrays.sort(t);
                System.out.printf("  %-6s %10.2f %10.2f  %s%n", s.ids().get(i), ms(ChatBenchmark.pct(t, 50)), ms(ChatBenchmark.pct(t, 99)),
                        s.questions().get(i));
            }
            long[] all = Arrays.stream(us).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("READING %s, all questions: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", s.name(), ms(ChatBenchmark.pct(all, 50)),
                    ms(ChatBenchmark.pct(all, 99)), ms(all[all.length - 1]));
            concurrent(s, 16, Long.getLong("clarion.bench.seconds", 10));
        }
    }

    /** Each question read once, its spans not yet embedded in this JVM (unless another question shared them). */
    static void firstReads(Set s) {
        long[] us = new long[s.questions().size()];
        for (int i = 0; i < us.length; i++) {
            long t0 = System.nanoTime();
            s.planner().plan(s.questions().get(i), Conversation.empty("f"));
            us[i] = (System.nanoTime() - t0) / 1_000;
        }
        Arrays.sort(us);
        System.out.printf("%nREADING %s, FIRST READ of each question (%d reads, spans embedded on the way): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                s.name(), us.length, ms(ChatBenchmark.pct(us, 50)), ms(ChatBenchmark.pct(us, 99)), ms(us[us.length - 1]));
    }

    /** {@code clients} threads read the set's questions in turn for {@code seconds}; prints reads per second and latency under load. */
    static void concurrent(Set s, int clients, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<long[]>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            fs.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int k = 0;
                int i = offset;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    s.planner().plan(s.questions().get(i++ % s.questions().size()), Conversation.empty("c"));
                    if (k == lat.length) lat = Arrays.copyOf(lat, k * 2);
                    lat[k++] = (System.nanoTime() - t0) / 1_000;
                }
                return Arrays.copyOf(lat, k);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : fs) parts.add(f.get());
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("READING THROUGHPUT, %s, %d concurrent clients, %.1f s, %d CPU cores: %,d questions read, %.0f reads/s; "
                        + "latency under load p50 %.2f ms, p99 %.2f ms%n%n", s.name(), clients, elapsed,
                Runtime.getRuntime().availableProcessors(), all.length, all.length / elapsed, ms(ChatBenchmark.pct(all, 50)),
                ms(ChatBenchmark.pct(all, 99)));
    }

    static Set set(String name, OfflinePlanner planner, String... files) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        for (String f : files) {
            for (String line : Files.readAllLines(DemoEngine.projectDir().resolve("src/test/resources/eval/" + f))) {
                if (line.isBlank()) continue;
                var c = json.readTree(line);
                ids.add(c.path("id").asText("?"));
                questions.add(c.get("question").asText());
            }
        }
        return new Set(name, planner, ids, questions);
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
