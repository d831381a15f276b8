package io.clarion.agent.offline;

import io.clarion.agent.language.Numbers;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words about how the answer is laid out, not about the data: "one row per year" counts rows
 * even when a stored value is spelled "One" (a track), and "the three other countries" after one
 * was left out ranks three countries.
 */
final class LayoutWords {
    private static final Set<String> LAYOUT_NOUNS = Set.of("row", "rows", "line", "lines", "per", "each", "entry", "entries",
            "result", "results", "column", "columns", "record", "records", "number", "figure", "value");

    /** Words inside a name's words that change what it means: never read as part of the name. */
    private static final Set<String> OPERATOR_WORDS = Set.of("including", "incl", "excluding", "except", "without", "not", "no",
            "non", "never", "than", "nor", "but", "minus", "plus", "less", "more", "only", "vs", "versus");

    private LayoutWords() {
    }

    /** "other" right after a count only points back at what an exclusion removed: dropped. */
    static List<Text.Token> otherAfterCount(List<Text.Token> in) {
        List<Text.Token> out = new ArrayList<>(in);
        for (int i = out.size() - 2; i > 0; i--) {
            String before = out.get(i - 1).raw();
            boolean count = before.matches("\\d+") || Numbers.WORDS.containsKey(before);
            if (count && out.get(i).raw().equals("other")) out.remove(i);
        }
        return out;
    }

    /** A number word before a layout noun, linked to a stored value only: read as layout, its reading unsaid. */
    static void notValues(Reading rd, List<Mention> mentions) {
        for (Mention m : List.copyOf(mentions)) {
            if (!countsRows(rd, m)) continue;
            mentions.remove(m);
            String w = rd.tokens.get(m.first()).raw();
            rd.assumptions.removeIf(a -> a.toLowerCase(Locale.ROOT).startsWith("read \"" + w + "\" as "));
            rd.taken[m.first()] = true;
            rd.taken[m.first() + 1] = true;
        }
    }

    /**
     * "average MRR per paying customer" read as the metric named "average MRR per customer": a
     * single word inside a name's words that nothing else reads only qualifies the name; left
     * unread, it would be linked on its own as a second, unasked metric.
     */
    static void wordsInsideNames(Reading rd, List<Mention> mentions) {
        for (Mention m : mentions) {
            // Only inside a name of three words or more ("average MRR per customer"): two words apart are two words.
            if (m.positions().size() < 3) continue;
            int prev = -1;
            for (int p : m.positions()) {
                if (prev >= 0 && p == prev + 2 && !rd.taken[prev + 1] && !rd.tokens.get(prev + 1).stop()
                        && !OPERATOR_WORDS.contains(rd.tokens.get(prev + 1).raw())
                        && Character.isLetter(rd.tokens.get(prev + 1).raw().charAt(0))) {
                    rd.taken[prev + 1] = true;
                    rd.assumptions.add("Read \"" + rd.tokens.get(prev + 1).raw() + "\" as part of the name \"" + rd.words(m) + "\".");
                }
                prev = p;
            }
        }
    }

    private static boolean countsRows(Reading rd, Mention m) {
        if (m.positions().size() != 1 || m.targets().stream().anyMatch(t -> !(t instanceof ValueTarget))) return false;
        int p = m.first();
        String w = rd.tokens.get(p).raw();
        return (w.equals("one") || Numbers.WORDS.containsKey(w)) && p + 1 < rd.tokens.size()
                && LAYOUT_NOUNS.contains(rd.tokens.get(p + 1).raw());
    }
}
