package io.clarion.agent.offline;

import java.util.Set;

/**
 * "How many accounts, churned ones included", "all customers including the cancelled": what is
 * said to be included is no filter; its rows are counted with the others. Read before any name
 * is linked, so the included word never becomes a filter or the metric, and said.
 */
final class Inclusions {
    private static final Set<String> BEFORE = Set.of("including", "incl", "inclusive");
    private static final Set<String> AFTER = Set.of("included");
    private static final Set<String> FILLERS = Set.of("the", "all", "of", "ones", "one", "too", "as", "well");

    private static final Set<String> THRESHOLD_WORDS = Set.of("more", "less", "fewer", "over", "under", "above", "below", "at",
            "between", "no", "exactly", "up", "only");

    private Inclusions() {
    }

    static void read(Reading rd) {
        for (int i = 0; i < rd.tokens.size(); i++) {
            String w = rd.tokens.get(i).raw();
            int word = -1;
            if (BEFORE.contains(w)) {
                word = i + 1;
                while (word < rd.tokens.size() && FILLERS.contains(rd.tokens.get(word).raw())) word++;
            } else if (AFTER.contains(w)) {
                word = i - 1;
                while (word >= 0 && FILLERS.contains(rd.tokens.get(word).raw())) word--;
            }
            if (word < 0 || word >= rd.tokens.size() || rd.taken[word] || rd.tokens.get(word).stop()) continue;
            // "playlists including more than 20 tracks": a threshold, not something included.
            if (!Character.isLetter(rd.tokens.get(word).raw().charAt(0)) || THRESHOLD_WORDS.contains(rd.tokens.get(word).raw())) continue;
            for (int p = Math.min(i, word); p <= Math.max(i, word); p++) rd.taken[p] = true;
            rd.assumptions.add("\"" + rd.tokens.get(word).raw() + "\" was said to be included: not read as a filter; the figure is as the catalog defines it.");
        }
    }
}
