package io.clarion.agent.linking;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 run in-process (ONNX Runtime), from the model file inside its Maven jar: no
 * network, no download. Loaded once per JVM on first use; if it cannot load (no native runtime
 * for this platform, too little memory) linking goes on from the words alone, and says so once
 * in the log. Vectors are cached by text: catalog texts are embedded once, and re-reading the
 * dimension values only embeds the values that are new. Texts not yet known are run through the
 * model together ({@link OnnxBatches}): a question's spans in one call, a catalog's texts in
 * calls of {@value #BATCH} similar-length texts spread over the cores.
 *
 * <p>{@code clarion.linking.embeddings=false} (a system property) turns the model off.
 */
public final class MiniLmEmbedder implements Embedder {
    private static final Logger LOG = Logger.getLogger(MiniLmEmbedder.class);
    /** Enough for a large catalog's texts and values plus recent question spans; cleared whole when full. */
    private static final int CACHE_LIMIT = 200_000;
    /** Texts per model run when many are embedded at once (sorted by length, so little padding). */
    static final int BATCH = 32;
    private static volatile Embedder shared;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "clarion-embeddings");
        t.setDaemon(true);
        return t;
    });

    private final EmbeddingModel model;
    /** Null when the model came without its own files (then every text goes through the library one by one). */
    private final OnnxBatches batches;
    private final Map<String, float[]> cache = new LinkedHashMap<>();
    private final long loadMillis;

    private MiniLmEmbedder(EmbeddingModel model, OnnxBatches batches, long loadMillis) {
        this.model = model;
        this.batches = batches;
        this.loadMillis = loadMillis;
    }

    /** The one model of this JVM, or {@link Embedder#NONE} when it is turned off or cannot load. */
    public static Embedder shared() {
        Embedder e = shared;
        if (e != null) return e;
        synchronized (MiniLmEmbedder.class) {
            if (shared == null) shared = load();
            return shared;
        }
    }

    private static Embedder load() {
        if ("false".equalsIgnoreCase(System.getProperty("clarion.linking.embeddings", "true"))) return NONE;
        long t0 = System.nanoTime();
        try {
            Loaded loaded = model();
            loaded.model().embed("warm up"); // the first call loads the tokenizer's native library
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LOG.debugf("sentence-embedding model loaded in %d ms", ms);
            return new MiniLmEmbedder(loaded.model(), loaded.batches(), ms);
        } catch (Throwable t) { // an ExceptionInInitializerError or UnsatisfiedLinkError is as final as an exception here
            LOG.warnf("the sentence-embedding model did not load (%s): linking questions from their words alone", t);
            return NONE;
        }
    }

    /**
     * The model with one ONNX Runtime thread per call: a question's span is a few tokens, which
     * one thread embeds as fast as several, and concurrent chat turns then do not contend for
     * the runtime's own pool. Many texts at once (the catalog's, at load) are spread over the
     * cores by the executor instead.
     */
    private record Loaded(EmbeddingModel model, OnnxBatches batches) {
    }

    private static Loaded model() throws Exception {
        ClassLoader cl = dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
        byte[] onnx;
        try (InputStream in = cl.getResourceAsStream(MODEL_FILE)) {
            if (in == null) return new Loaded(new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel(), null);
            onnx = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        OrtSession session = env.createSession(onnx, options);
        OnnxBertBiEncoder encoder;
        try (InputStream tokenizer = cl.getResourceAsStream(TOKENIZER_FILE)) {
            encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
        }
        try (InputStream tokenizer = cl.getResourceAsStream(TOKENIZER_FILE)) {
            return new Loaded(new SingleThreaded(encoder), new OnnxBatches(env, session, tokenizer));
        }
    }

    /** The jar's own files, as its model class names them. */
    private static final String MODEL_FILE = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-tokenizer.json";

    private static final class SingleThreaded extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreaded(OnnxBertBiEncoder encoder) {
            super(POOL);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }

    /** How long the model took to load, in milliseconds (for benchmarks). */
    public long loadMillis() {
        return loadMillis;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public float[] embed(String text) {
        float[] v = cached(text);
        if (v != null) return v;
        try {
            long[] ids = batches == null ? null : batches.ids(text);
            v = ids == null ? model.embed(text).content().vector() : batches.embed(List.of(ids))[0];
        } catch (Exception e) { // a RuntimeException from the library, an OrtException from the runtime
            LOG.debugf("not embedded: %s", e.getMessage());
            return null;
        }
        remember(text, v);
        return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        LinkedHashSet<String> unknown = new LinkedHashSet<>();
        for (String t : texts) {
            float[] v = cached(t);
            out.add(v);
            if (v == null) unknown.add(t);
        }
        List<String> missing = List.copyOf(unknown);
        if (missing.isEmpty()) return out;
        try {
            if (!batched(missing)) {
                List<Embedding> es = model.embedAll(missing.stream().map(TextSegment::from).toList()).content();
                for (int i = 0; i < missing.size(); i++) remember(missing.get(i), es.get(i).vector());
            }
        } catch (RuntimeException e) {
            LOG.warnf("texts not embedded (%s): linking them from their words alone", e.getMessage());
            return out;
        }
        for (int i = 0; i < texts.size(); i++) if (out.get(i) == null) out.set(i, cached(texts.get(i)));
        return out;
    }

    /**
     * Embeds {@code texts} (none known yet) in runs of similar length and remembers them; false,
     * having embedded nothing, when some text is not one short part (the library then embeds the
     * lot, and fails the lot, as it always has). A few texts run in the caller's thread, many are
     * spread over the cores.
     */
    private boolean batched(List<String> texts) {
        if (batches == null) return false;
        List<long[]> ids = new ArrayList<>(texts.size());
        for (String t : texts) {
            long[] x = batches.ids(t);
            if (x == null) return false;
            ids.add(x);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) order.add(i);
        order.sort(Comparator.comparingInt(i -> ids.get(i).length));
        List<List<Integer>> runs = new ArrayList<>();
        for (int from = 0; from < order.size(); from += BATCH) runs.add(order.subList(from, Math.min(order.size(), from + BATCH)));
        if (runs.size() == 1) {
            run(runs.get(0), texts, ids);
        } else {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (List<Integer> r : runs) all.add(CompletableFuture.runAsync(() -> run(r, texts, ids), POOL));
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
        return true;
    }

    private void run(List<Integer> which, List<String> texts, List<long[]> ids) {
        try {
            float[][] vs = batches.embed(which.stream().map(ids::get).toList());
            for (int k = 0; k < which.size(); k++) remember(texts.get(which.get(k)), vs[k]);
        } catch (ai.onnxruntime.OrtException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The text's vector as the library computes it alone, bypassing batches and the cache (to test that batching changes nothing). */
    float[] alone(String text) {
        return model.embed(text).content().vector();
    }

    private float[] cached(String text) {
        synchronized (cache) {
            return cache.get(text);
        }
    }

    private void remember(String text, float[] v) {
        synchronized (cache) {
            if (cache.size() >= CACHE_LIMIT) cache.clear();
            cache.put(text, v);
        }
    }
}
