package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * "revenue growth this year": a noun of change right after a metric says how the metric moved,
 * even where the catalog has a value spelled the same (a "growth" plan); the metric is shown per
 * month, and the reading said. When the value's own column follows ("growth plan"), or the
 * catalog names the pair as one metric ("MRR growth"), the words keep that meaning.
 */
final class ChangeWords {
    private static final Set<String> NOUNS = io.clarion.agent.language.PhraseBook.words("change_nouns");

    private ChangeWords() {
    }

    static List<Mention> notValues(Reading rd, CatalogFacts facts, List<Mention> mentions) {
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            Mention prev = i > 0 ? mentions.get(i - 1) : null;
            Mention next = i + 1 < mentions.size() ? mentions.get(i + 1) : null;
            String word = rd.tokens.get(m.first()).raw();
            boolean change = m.positions().size() == 1 && NOUNS.contains(word) && !m.targets().isEmpty()
                    && m.targets().stream().allMatch(t -> t instanceof ValueTarget)
                    && prev != null && prev.last() == m.first() - 1 && facts.hasMetricLike(prev.targets())
                    && !(next != null && next.first() == m.last() + 1 && m.targets().stream()
                    .anyMatch(t -> next.targets().contains(new MemberTarget(((ValueTarget) t).dimension()))));
            if (!change) {
                out.add(m);
                continue;
            }
            if (rd.grain == null && rd.comparedPeriods == null) rd.grain = "month";
            ValueTarget v = (ValueTarget) m.targets().get(0);
            rd.assumptions.add("Read \"" + word + "\" after \"" + rd.words(prev) + "\" as how it changed, one row per month, not as "
                    + v.dimension().fullName() + " \"" + v.value() + "\".");
        }
        return out;
    }
}
