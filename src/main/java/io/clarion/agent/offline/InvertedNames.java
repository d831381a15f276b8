package io.clarion.agent.offline;

import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.MemberTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * "the growth of MRR", "the count of refunds": a metric whose name puts the words the other way
 * round ("MRR growth"). Read as that metric before "growth" can be a value ("the growth plan") or
 * be dropped. Only a phrase the catalog names whole, as a metric or measure, is read so.
 */
final class InvertedNames {
    private InvertedNames() {
    }

    static List<Mention> find(Reading rd) {
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i + 2 < rd.tokens.size(); i++) {
            if (rd.taken[i] || rd.tokens.get(i).stop() || !rd.tokens.get(i + 1).raw().equals("of")) continue;
            for (int len = Math.min(3, rd.tokens.size() - i - 2); len >= 1; len--) {
                List<Text.Token> swapped = new ArrayList<>(rd.tokens.subList(i + 2, i + 2 + len));
                if (swapped.stream().anyMatch(Text.Token::stop)) continue;
                boolean free = true;
                for (int k = i + 2; k < i + 2 + len; k++) free &= !rd.taken[k];
                if (!free) continue;
                swapped.add(rd.tokens.get(i));
                List<Mention> found = rd.ctx.lexicon().find(swapped, new boolean[swapped.size()]);
                if (found.size() != 1 || found.get(0).positions().size() != swapped.size()) continue;
                Mention m = found.get(0);
                if (!m.targets().stream().allMatch(t -> t instanceof MemberTarget mt && rd.facts.hasMetricLike(List.of(t)))) continue;
                TreeSet<Integer> at = new TreeSet<>();
                for (int k = i; k < i + 2 + len; k++) {
                    at.add(k);
                    rd.taken[k] = true;
                }
                out.add(new Mention(at, m.score(), m.entries()));
                break;
            }
        }
        return out;
    }
}
