package io.clarion.bench;

import io.clarion.agent.chat.ChatResponse;
import io.clarion.agent.chat.ChatService;
import io.clarion.agent.Conversation;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.agent.chat.SessionStore;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the offline planner's latency per question (planning alone, and a whole chat turn with
 * its query) over the development set, and chat turns per second with 16 concurrent clients.
 * Figures only: nothing here passes or fails on speed.
 */
class ChatBenchmark {
    @Test
    void offlinePlannerLatencyAndChatThroughput() throws Exception {
        var queries = DemoEngine.queries();
        OfflinePlanner planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        ChatService chat = new ChatService(queries, planner, null, new SessionStore(100_000), null);
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
        for (String q : questions) chat.ask(q, null);
        int turns = 10;
        long[][] turn = new long[n][turns];
        for (int r = 0; r < turns; r++) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                chat.ask(questions.get(i), null);
                turn[i][r] = (System.nanoTime() - t0) / 1_000;
            }
        }

        System.out.printf("%nLATENCY PER QUESTION: offline planning (question -> metric query, %d runs) and the whole chat turn "
                + "(plan + validate + SQL + run + answer, %d runs)%n", rounds, turns);
        System.out.printf("  %-6s %12s %12s %12s %12s  %s%n", "id", "plan p50 us", "plan p99 us", "ask p50 ms", "ask p99 ms", "question");
        for (int i = 0; i < n; i++) {
            long[] p = plan[i].clone();
            long[] t = turn[i].clone();
            Arrays.sort(p);
            Arrays.sort(t);
            System.out.printf("  %-6s %12d %12d %12.1f %12.1f  %s%n", ids.get(i), pct(p, 50), pct(p, 99), pct(t, 50) / 1000.0,
                    pct(t, 99) / 1000.0, questions.get(i));
        }
        long[] allPlan = Arrays.stream(plan).flatMapToLong(Arrays::stream).sorted().toArray();
        long[] allTurn = Arrays.stream(turn).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("ALL QUESTIONS: planning p50 %d us, p99 %d us, max %d us; chat turn p50 %.1f ms, p99 %.1f ms%n",
                pct(allPlan, 50), pct(allPlan, 99), allPlan[allPlan.length - 1], pct(allTurn, 50) / 1000.0, pct(allTurn, 99) / 1000.0);

        int clients = 16;
        long seconds = Long.getLong("clarion.bench.seconds", 20);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            fs.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    ChatResponse r = chat.ask(questions.get(i++ % questions.size()), null);
                    if (r.answer().isEmpty()) throw new IllegalStateException("empty answer");
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : fs) f.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("CHAT THROUGHPUT, %d concurrent clients over the development questions in turn, %.1f s, %d CPU cores: "
                + "%,d turns, %.1f turns/s%n%n", clients, elapsed, Runtime.getRuntime().availableProcessors(), done.get(), done.get() / elapsed);
    }

    /** Nearest-rank percentile of sorted values. */
    static long pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(sorted.length * p / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
