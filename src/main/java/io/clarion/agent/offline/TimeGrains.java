package io.clarion.agent.offline;

import io.clarion.agent.language.DatePhrases;
import io.clarion.catalog.model.Dimension;

import java.util.List;
import java.util.regex.Matcher;

/** Rows per period asked in words the rest of the reading has already given a meaning to. */
final class TimeGrains {
    private TimeGrains() {
    }

    /** A mention that is only a grain word ("month", "monthly"): it asks for rows per period, whatever it linked to. */
    static boolean bare(Reading rd, io.clarion.agent.linking.Lexicon.Mention m) {
        String w = rd.words(m);
        return java.util.Set.of("day", "week", "month", "quarter", "year", "monthly").contains(w);
    }

    /** A metric named by a synonym that holds a grain ("MRR by month"): the words still ask for rows per period. */
    static void fromMetricNames(Reading rd, List<Slot> metrics) {
        for (Slot s : metrics) {
            Matcher g = DatePhrases.GRAIN.matcher(rd.words(s.mention()));
            // "by month", "trend": rows per period asked; "monthly" in "monthly churn rate" only names the metric.
            if (rd.grain == null && rd.comparedPeriods == null && g.find() && (g.group(2) == null || !namesMetric(rd.words(s.mention()), s))) {
                rd.grain = DatePhrases.grainOf(g);
            }
        }
    }

    /**
     * "monthly churn rate", "monthly recurring revenue": the grain word is part of the metric's own
     * name or synonym as said; in "monthly MRR" it is not, and asks for rows per month.
     */
    private static boolean namesMetric(String words, Slot s) {
        // The grain word with the word beside it, as said: "monthly charges" is in "monthly_charges_avg", "monthly mrr" in nothing.
        List<String> w = List.of(words.split(" "));
        int at = -1;
        for (int i = 0; i < w.size() && at < 0; i++) if (DatePhrases.GRAIN.matcher(w.get(i)).matches()) at = i;
        if (at < 0 || w.size() < 2) return true;
        String pair = at + 1 < w.size() ? w.get(at) + " " + w.get(at + 1) : w.get(at - 1) + " " + w.get(at);
        io.clarion.catalog.model.Member m = s.order().get(0);
        if (m.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT).contains(pair)) return true;
        return m.info().synonyms().stream().anyMatch(x -> x.toLowerCase(java.util.Locale.ROOT).contains(pair));
    }

    /**
     * "logins per month": a bare grain word can link to some other cube's date column named after
     * it. When the chosen metrics cannot reach that cube the grain is of their own time, and the
     * note that read the word as that column is withdrawn.
     */
    static boolean outOfReach(Reading rd, CatalogFacts facts, List<Slot> metrics, Dimension timeDim) {
        if (timeDim == null || metrics.isEmpty()) return false;
        for (Slot s : metrics) {
            for (String cube : facts.cubesOf(s.order().get(0))) {
                if (!rd.ctx.catalog().reachedWithoutFanOut(cube).contains(timeDim.cube())) {
                    String unused = " as " + timeDim.fullName() + " (";
                    rd.assumptions.removeIf(a -> a.startsWith("Read \"") && a.contains(unused));
                    return true;
                }
            }
        }
        return false;
    }
}
