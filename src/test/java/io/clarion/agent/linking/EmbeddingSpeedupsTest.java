package io.clarion.agent.linking;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What makes linking cheaper must not change what it finds: texts embedded together in one run
 * of the model get exactly the vectors each gets alone, and the cosines computed four phrases at
 * a time are exactly the ones computed one by one.
 */
class EmbeddingSpeedupsTest {

    @Test
    void textsEmbeddedTogetherGetTheVectorsEachGetsAlone() {
        Embedder shared = MiniLmEmbedder.shared();
        Assumptions.assumeTrue(shared instanceof MiniLmEmbedder, "the model loads on this platform");
        MiniLmEmbedder model = (MiniLmEmbedder) shared;
        // Lengths from one word to a long description, so the run pads most of them; a repeat, and
        // accents and punctuation that the tokenizer rewrites.
        List<String> texts = new ArrayList<>(List.of("warehouse", "parcel weight", "late parcels by courier",
                "Café Zürich — 2nd floor", "warehouse",
                "Every parcel a courier collected from the depot, with its weight, its destination and the day it left, "
                        + "counted once per delivery attempt and kept for two years after it arrived",
                "gross tonnage shipped per lane"));
        for (int i = 0; i < 40; i++) texts.add("depot " + i + " backlog");
        List<float[]> together = model.embedAll(texts);
        assertEquals(texts.size(), together.size());
        for (int i = 0; i < texts.size(); i++) {
            assertNotNull(together.get(i), texts.get(i));
            assertArrayEquals(model.alone(texts.get(i)), together.get(i), texts.get(i));
        }
        assertArrayEquals(model.alone("courier backlog today"), model.embed("courier backlog today"));
    }

    @Test
    void cosinesFourPhrasesAtATimeEqualOneByOne() {
        Random r = new Random(11);
        int d = 384;
        for (int n : new int[]{1, 3, 4, 5, 9, 250}) {
            float[] q = new float[d];
            float[] vs = new float[n * d];
            for (int k = 0; k < d; k++) q[k] = (float) r.nextGaussian();
            for (int k = 0; k < vs.length; k++) vs[k] = (float) r.nextGaussian();
            double[] fast = Linker.dots(q, vs, d, n);
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int k = 0; k < d; k++) dot += q[k] * vs[i * d + k];
                assertEquals(Double.doubleToLongBits(dot), Double.doubleToLongBits(fast[i]), "phrase " + i + " of " + n);
            }
        }
    }
}
