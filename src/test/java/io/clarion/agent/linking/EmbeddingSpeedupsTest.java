package io.clarion.agent.linking;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What makes linking cheaper must not change what it finds: the cosines computed four phrases
 * at a time are exactly the ones computed one by one.
 */
class EmbeddingSpeedupsTest {

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
