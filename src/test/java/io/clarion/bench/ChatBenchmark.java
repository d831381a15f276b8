package io.clarion.bench;

import io.clarion.agent.chat.ChatResponse;
import io.clarion.agent.chat.ChatService;
import io.clarion.agent.Conversation;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.agent.chat.SessionStore;
import io.clarion.engine.RollupTestShapes;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Prints the offline planner's latency per question (planning alone, and a whole chat turn with
 * its query) over the development set, and, with 16 concurrent clients asking those questions in
 * turn, chat turns per second and each turn's latency under that load (p50, p90, p99, max).
 * Both on the raw tables and with the demo catalog's rollups built, as the embedded demo server
 * answers once its refresher has built them; the two load phases alternate (two of each, each
 * half of {@code -Dclarion.bench.seconds=N}, default 20), so load from elsewhere on the machine
 * falls on both. Figures only: nothing here passes or fails on speed.
 */
class ChatBenchmark {
    static final int CLIENTS = 16;

    @Test
    void offlinePlannerLatencyAndChatThroughput() throws Exception {
        RollupTestShapes.Built built = RollupTestShapes.build(r -> true);
        var queries = built.raw();
        OfflinePlanner planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        ChatService chat = new ChatService(queries, planner, null, new SessionStore(100_000), null);
        ChatService chatOnRollups = new ChatService(built.asServer(), planner, null, new SessionStore(100_000), null);
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(DemoEngine.projectDir().resolve("src/test/resources/eval/dev.jsonl"))) {
            if (line.isBlank()) continue;
            var c = json.readTree(line);
            ids.add(c.path("id").asText("?"));
            questions.add(c.get("question").asText());
        }
        int n = questions.size();
        for (int warm = 0; warm < 20; warm++) for (String q : questions) planner.plan(q, Conversation.empty("w"));

        // Rounds interleave the questions, so a slow moment of the machine is spread over all of them.
        int rounds = 200;
        long[][] plan = new long[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                planner.plan(questions.get(i), Conversation.empty("b"));
                plan[i][r] = (System.nanoTime() - t0) / 1_000;
            }
        }
        for (String q : questions) {
            chat.ask(q, null);
            chatOnRollups.ask(q, null);
        }
        int turns = 10;
        long[][] turn = new long[n][turns];
        long[][] turnOnRollups = new long[n][turns];
        for (int r = 0; r < turns; r++) {
            for (int i = 0; i < n; i++) {
                turn[i][r] = timedAsk(chat, questions.get(i));
                turnOnRollups[i][r] = timedAsk(chatOnRollups, questions.get(i));
            }
        }

        System.out.printf("%nLATENCY PER QUESTION: offline planning (question -> metric query, %d runs) and the whole chat turn "
                + "(plan + validate + SQL + run + answer, %d runs; raw tables, and with rollups)%n", rounds, turns);
        System.out.printf("  %-6s %12s %12s %12s %12s %12s  %s%n", "id", "plan p50 us", "plan p99 us", "ask p50 ms", "ask p99 ms",
                "rollups p50", "question");
        for (int i = 0; i < n; i++) {
            long[] p = sorted(plan[i]);
            long[] t = sorted(turn[i]);
            long[] o = sorted(turnOnRollups[i]);
            System.out.printf("  %-6s %12d %12d %12.1f %12.1f %12.1f  %s%n", ids.get(i), pct(p, 50), pct(p, 99), pct(t, 50) / 1000.0,
                    pct(t, 99) / 1000.0, pct(o, 50) / 1000.0, questions.get(i));
        }
        long[] allPlan = Arrays.stream(plan).flatMapToLong(Arrays::stream).sorted().toArray();
        long[] allTurn = Arrays.stream(turn).flatMapToLong(Arrays::stream).sorted().toArray();
        long[] allOnRollups = Arrays.stream(turnOnRollups).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("ALL QUESTIONS: planning p50 %d us, p99 %d us, max %d us; chat turn p50 %.1f ms, p99 %.1f ms; "
                        + "with rollups p50 %.1f ms, p99 %.1f ms%n", pct(allPlan, 50), pct(allPlan, 99), allPlan[allPlan.length - 1],
                pct(allTurn, 50) / 1000.0, pct(allTurn, 99) / 1000.0, pct(allOnRollups, 50) / 1000.0, pct(allOnRollups, 99) / 1000.0);

        long seconds = Long.getLong("clarion.bench.seconds", 20);
        long phase = seconds * 1_000_000_000L / 2;
        Turns raw = new Turns();
        Turns onRollups = new Turns();
        for (int round = 0; round < 2; round++) {
            raw.addAll(underLoad(chat, questions, phase));
            onRollups.addAll(underLoad(chatOnRollups, questions, phase));
        }
        System.out.printf("%nCHAT UNDER LOAD: %d concurrent clients, each asking the development questions in turn, "
                + "%d CPU cores (the machine's load average at the end: %.1f)%n", CLIENTS, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        report("raw tables", raw, ids);
        report("with rollups", onRollups, ids);
        System.out.println();
    }

    private static long timedAsk(ChatService chat, String question) {
        long t0 = System.nanoTime();
        chat.ask(question, null);
        return (System.nanoTime() - t0) / 1_000;
    }

    /** {@link #CLIENTS} clients asking for {@code nanos}; every turn's latency. */
    private static Turns underLoad(ChatService chat, List<String> questions, long nanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            long start = System.nanoTime();
            long end = start + nanos;
            List<Future<Turns>> fs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int offset = c;
                fs.add(pool.submit(() -> {
                    // Each client keeps its own record: a shared one would add contention to what is measured.
                    Turns mine = new Turns();
                    int i = offset;
                    while (System.nanoTime() < end) {
                        int q = i++ % questions.size();
                        long t0 = System.nanoTime();
                        ChatResponse r = chat.ask(questions.get(q), null);
                        mine.add(q, (System.nanoTime() - t0) / 1_000);
                        if (r.answer().isEmpty()) throw new IllegalStateException("empty answer");
                    }
                    return mine;
                }));
            }
            Turns all = new Turns();
            for (Future<Turns> f : fs) all.addAll(f.get());
            all.nanos = System.nanoTime() - start;
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static void report(String mode, Turns t, List<String> ids) {
        long[] lat = sorted(Arrays.copyOf(t.micros, t.size));
        double seconds = t.nanos / 1e9;
        System.out.printf("  %-12s %,6d turns in %4.1f s, %6.1f turns/s; per turn p50 %7.1f ms, p90 %7.1f ms, p99 %7.1f ms, max %7.1f ms%n",
                mode, t.size, seconds, t.size / seconds, pct(lat, 50) / 1000.0, pct(lat, 90) / 1000.0, pct(lat, 99) / 1000.0,
                lat[lat.length - 1] / 1000.0);
        // Which questions make the tail: those with the most turns above this mode's p99.
        long p99 = pct(lat, 99);
        int[] over = new int[ids.size()];
        for (int k = 0; k < t.size; k++) if (t.micros[k] > p99) over[t.question[k]]++;
        System.out.printf("  %-12s turns above p99, by question:", "");
        IntStream.range(0, ids.size()).boxed().filter(i -> over[i] > 0).sorted((a, b) -> Integer.compare(over[b], over[a])).limit(8)
                .forEach(i -> System.out.printf(" %s (%d)", ids.get(i), over[i]));
        System.out.println();
    }

    /** Latencies of chat turns (microseconds) and which question each was, in a growing array; {@code nanos}: the time they took. */
    static final class Turns {
        long[] micros = new long[1024];
        int[] question = new int[1024];
        int size;
        long nanos;

        void add(int q, long us) {
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
                question = Arrays.copyOf(question, size * 2);
            }
            micros[size] = us;
            question[size++] = q;
        }

        void addAll(Turns o) {
            for (int k = 0; k < o.size; k++) add(o.question[k], o.micros[k]);
            nanos += o.nanos;
        }
    }

    private static long[] sorted(long[] a) {
        long[] b = a.clone();
        Arrays.sort(b);
        return b;
    }

    /** Nearest-rank percentile of sorted values. */
    static long pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(sorted.length * p / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
