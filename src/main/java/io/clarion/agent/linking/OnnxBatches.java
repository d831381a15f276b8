package io.clarion.agent.linking;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Many short texts through the model in one ONNX Runtime call. Running the model costs about the
 * same for one short span as for several (its weights are read either way), and a question's
 * spans are a few words each; one call for all of them costs a fraction of one call each.
 *
 * <p>The vectors are the ones the library's own encoder gives text by text, bit for bit: the
 * same token ids (tokenised, rebuilt and encoded as it does), the padding masked out, mean
 * pooling over the text's own tokens and the same float normalisation. A text the library would
 * split into several parts (over 510 tokens) or could not embed is left to it ({@link #ids}
 * says null).
 */
final class OnnxBatches {
    /** The library's longest part: 512 positions less [CLS] and [SEP]. */
    private static final int MAX_TOKENS = 510;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    OnnxBatches(OrtEnvironment environment, OrtSession session, InputStream tokenizerJson) throws Exception {
        this.environment = environment;
        this.session = session;
        // The options the library's encoder is built with, so that both tokenise alike.
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false"));
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** The ids the library's encoder runs for this text, [CLS] and [SEP] included; null when it is not one short part. */
    long[] ids(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        if (tokens.size() <= 2 || tokens.size() - 2 > MAX_TOKENS) return null;
        List<String> part = tokens.subList(1, tokens.size() - 1);
        // As the library does: the sentence rebuilt from the tokens, unless that tokenises differently.
        String sentence = tokenizer.buildSentence(part);
        List<String> again = new LinkedList<>(tokenizer.tokenize(sentence));
        again.remove(0);
        again.remove(again.size() - 1);
        String encoded = again.equals(part) ? sentence : String.join("", part);
        Encoding e = tokenizer.encode(encoded, true, false);
        return e.getIds();
    }

    /** Unit vectors of the texts whose ids are given, in order, from one run of the model. */
    float[][] embed(List<long[]> ids) throws OrtException {
        int b = ids.size();
        int len = 0;
        for (long[] x : ids) len = Math.max(len, x.length);
        long[] input = new long[b * len];
        long[] mask = new long[b * len];
        long[] types = new long[b * len];
        for (int i = 0; i < b; i++) {
            long[] x = ids.get(i);
            System.arraycopy(x, 0, input, i * len, x.length);
            for (int j = 0; j < x.length; j++) mask[i * len + j] = 1;
        }
        long[] shape = {b, len};
        float[][] out = new float[b][];
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(input), shape);
             OnnxTensor attention = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor tokenTypes = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", inputIds);
            inputs.put("attention_mask", attention);
            if (typeIds) inputs.put("token_type_ids", tokenTypes);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                for (int i = 0; i < b; i++) out[i] = normalize(meanPool(hidden[i], ids.get(i).length));
            }
        }
        return out;
    }

    /** The mean of the first {@code n} token vectors, summed and divided as the library does. */
    private static float[] meanPool(float[][] vectors, int n) {
        float[] avg = new float[vectors[0].length];
        for (int t = 0; t < n; t++) {
            float[] v = vectors[t];
            for (int j = 0; j < avg.length; j++) avg[j] += v[j];
        }
        for (int j = 0; j < avg.length; j++) avg[j] /= n;
        return avg;
    }

    private static float[] normalize(float[] v) {
        float sumSquare = 0;
        for (float x : v) sumSquare += x * x;
        float norm = (float) Math.sqrt(sumSquare);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] / norm;
        return out;
    }
}
