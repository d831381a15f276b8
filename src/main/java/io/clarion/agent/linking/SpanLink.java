package io.clarion.agent.linking;

import java.util.List;

/**
 * A span of words (positions {@code from}..{@code to} inclusive in the words given to the
 * linker) and its candidates, best first.
 */
public record SpanLink(int from, int to, String text, List<Candidate> candidates) {
    public Candidate best() {
        return candidates.get(0);
    }

    /** How far the best reading is ahead of the next one (1 when there is no other). */
    public double margin() {
        return candidates.size() < 2 ? 1.0 : candidates.get(0).score() - candidates.get(1).score();
    }
}
