package io.clarion.bench;

import io.clarion.agent.Conversation;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.agent.offline.OfflinePlanner;
import io.clarion.agent.linking.Embedder;
import io.clarion.agent.linking.LinkIndex;
import io.clarion.agent.linking.Linker;
import io.clarion.agent.linking.MiniLmEmbedder;
import io.clarion.catalog.model.Dimension;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints what linking costs: the embedding model's load time and memory, the time to index the
 * demo catalog (embedding every name, synonym, description and value), and per question the
 * linker's latency over all its spans, the first time (every span embedded) and again (spans
 * cached), and the offline reader's whole reading with the linker in it. Figures only: nothing
 * here passes or fails on speed. The questions are wordings of this benchmark's own.
 */
class LinkingBenchmark {
    static final List<String> QUESTIONS = List.of(
            "how pressing are the tickets raised by enterprise clients",
            "which vocal artists do our biggest accounts listen to",
            "bugs reported in the last quarter by region",
            "average seats for clients who went away",
            "money collected from invoices in north america this year",
            "who are the reps with the most unhappy customers",
            "how long do tickets about billing stay open",
            "sign in activity of at risk accounts",
            "subscription revenue per plan tier",
            "which sector has the highest number of escalated cases",
            "customers that stopped paying last month",
            "score given by promoters in north america",
            "product usage of smb companies over time",
            "bug tickets by severity",
            "marketing spend by acquisition source",
            "count of accounts whose health is critical",
            "typical time to fix a billing problem",
            "revenue lost to downgrades in the last 6 months",
            "how satisfied were customers with support in q1",
            "number of customers signed up per month this year");

    @Test
    void linkingCosts() throws Exception {
        var queries = DemoEngine.queries();
        Map<Dimension, List<String>> values = DimensionValues.load(queries);
        System.gc();
        long heap0 = usedHeap();
        long rss0 = rssKb();
        long t0 = System.nanoTime();
        Embedder embedder = MiniLmEmbedder.shared();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heap1 = usedHeap();
        long rss1 = rssKb();
        LinkIndex index = LinkIndex.build(queries.catalog(), values, m -> m.info().certified(), embedder);
        System.gc();
        long heap2 = usedHeap();
        long rss2 = rssKb();
        LinkIndex words = LinkIndex.build(queries.catalog(), values, m -> m.info().certified(), Embedder.NONE);
        System.out.printf("%nLINKING: model %s, loaded in %d ms; heap +%d MB, process resident memory +%d MB (model and runtime)%n",
                embedder.available() ? "all-MiniLM-L6-v2 (ONNX, in-process)" : "NOT LOADED", loadMs, (heap1 - heap0) >> 20,
                (rss1 - rss0) >> 10);
        System.out.printf("LINK INDEX of the demo catalog: %d texts embedded in %d ms; heap +%d MB, resident +%d MB; without the model %d ms%n",
                index.size(), index.buildMillis(), (heap2 - heap1) >> 20, (rss2 - rss1) >> 10, words.buildMillis());

        Linker linker = new Linker(index);
        Linker lexical = new Linker(words);
        long[] cold = new long[QUESTIONS.size()];
        for (int i = 0; i < QUESTIONS.size(); i++) {
            List<String> ws = wordsOf(QUESTIONS.get(i));
            long s = System.nanoTime();
            linker.spans(ws, 0.6);
            cold[i] = (System.nanoTime() - s) / 1_000;
        }
        int rounds = 50;
        long[] warm = time(linker, rounds);
        long[] lex = time(lexical, rounds);
        Arrays.sort(cold);
        System.out.printf("LINKING A WHOLE QUESTION (every span of it, %d questions): first time p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                        + "spans cached p50 %.2f ms, p99 %.2f ms; words only p50 %.2f ms, p99 %.2f ms%n", QUESTIONS.size(),
                ChatBenchmark.pct(cold, 50) / 1000.0, ChatBenchmark.pct(cold, 99) / 1000.0, cold[cold.length - 1] / 1000.0,
                ChatBenchmark.pct(warm, 50) / 1000.0, ChatBenchmark.pct(warm, 99) / 1000.0,
                ChatBenchmark.pct(lex, 50) / 1000.0, ChatBenchmark.pct(lex, 99) / 1000.0);

        // The reader with the linker as its fallback: the development questions and this benchmark's own.
        OfflinePlanner planner = OfflinePlanner.create(queries, values, List.of());
        List<String> all = new ArrayList<>(QUESTIONS);
        Path dev = DemoEngine.projectDir().resolve("src/test/resources/eval/dev.jsonl");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(dev)) if (!line.isBlank()) all.add(json.readTree(line).get("question").asText());
        long[] firstRead = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            long s = System.nanoTime();
            planner.plan(all.get(i), Conversation.empty("bench"));
            firstRead[i] = (System.nanoTime() - s) / 1_000;
        }
        long[] reads = new long[all.size() * rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (String q : all) {
                long s = System.nanoTime();
                planner.plan(q, Conversation.empty("bench"));
                reads[k++] = (System.nanoTime() - s) / 1_000;
            }
        }
        Arrays.sort(firstRead);
        Arrays.sort(reads);
        System.out.printf("READING (offline planner with the linker, %d questions): first time p50 %.1f ms, p99 %.1f ms; "
                        + "over %d rounds p50 %.2f ms, p99 %.2f ms, max %.1f ms; %d CPU cores, CPU time of this thread %s%n%n",
                all.size(), ChatBenchmark.pct(firstRead, 50) / 1000.0, ChatBenchmark.pct(firstRead, 99) / 1000.0, rounds,
                ChatBenchmark.pct(reads, 50) / 1000.0, ChatBenchmark.pct(reads, 99) / 1000.0, reads[reads.length - 1] / 1000.0,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()
                        ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000 + " ms" : "n/a");
    }

    static long[] time(Linker linker, int rounds) {
        long[] out = new long[QUESTIONS.size() * rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (String q : QUESTIONS) {
                List<String> ws = wordsOf(q);
                long s = System.nanoTime();
                linker.spans(ws, 0.6);
                out[k++] = (System.nanoTime() - s) / 1_000;
            }
        }
        Arrays.sort(out);
        return out;
    }

    static List<String> wordsOf(String q) {
        return Arrays.asList(q.split(" "));
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Resident memory of this process in kB (Linux), or 0 where it cannot be read. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }
}
