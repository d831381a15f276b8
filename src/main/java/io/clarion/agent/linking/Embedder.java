package io.clarion.agent.linking;

import io.clarion.agent.language.Text;

import java.util.List;

/**
 * Text to a unit-length vector, so that the dot product of two vectors is their cosine
 * similarity. {@link #NONE} embeds nothing: linking then works from the words alone.
 */
public interface Embedder {
    /** The vector of one text, or null when this embedder cannot embed. */
    float[] embed(String text);

    /** The vectors of many texts, in order (nulls where it cannot). */
    List<float[]> embedAll(List<String> texts);

    boolean available();

    Embedder NONE = new Embedder() {
        @Override
        public float[] embed(String text) {
            return null;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return java.util.Collections.nCopies(texts.size(), null);
        }

        @Override
        public boolean available() {
            return false;
        }
    };
}
