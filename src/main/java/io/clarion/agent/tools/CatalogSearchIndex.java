package io.clarion.agent.tools;

import io.clarion.agent.language.Text;

import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small lexical index over certified members: each word of a member's name (underscores
 * as spaces), synonyms and description, stemmed, weighted by field (name over synonym over
 * description) and by rarity across the catalog (IDF), plus a bonus when a whole name or
 * synonym appears as a phrase in the search text.
 */
final class CatalogSearchIndex {
    private static final double NAME = 3.0;
    private static final double SYNONYM = 2.5;
    private static final double CUBE = 0.75;
    private static final double DESCRIPTION = 1.0;
    private static final Set<String> STOP = Set.of("a", "an", "the", "of", "for", "in", "on", "to", "by", "per",
            "is", "are", "was", "were", "be", "do", "does", "did", "we", "our", "us", "i", "me", "my", "you", "your",
            "what", "whats", "which", "who", "how", "many", "much", "and", "or", "with", "at", "as", "from", "that",
            "this", "these", "those", "it", "its", "there", "their", "show", "give", "list", "tell", "all", "each",
            "every", "s", "one", "row", "rows");

    private record Entry(Member member, Map<String, Double> weights, List<List<String>> phrases) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Double> idf = new HashMap<>();

    CatalogSearchIndex(List<Member> members) {
        Map<String, Integer> df = new HashMap<>();
        for (Member m : members) {
            Map<String, Double> w = new HashMap<>();
            List<List<String>> phrases = new ArrayList<>();
            List<String> name = words(m.name());
            phrases.add(name);
            name.forEach(t -> w.merge(t, NAME, Math::max));
            int dot = m.fullName().indexOf('.');
            if (dot > 0) words(m.fullName().substring(0, dot)).forEach(t -> w.merge(t, CUBE, Math::max));
            for (String s : m.info().synonyms()) {
                List<String> syn = words(s);
                phrases.add(syn);
                syn.forEach(t -> w.merge(t, SYNONYM, Math::max));
            }
            words(m.info().description()).forEach(t -> w.merge(t, DESCRIPTION, Math::max));
            entries.add(new Entry(m, w, phrases));
            w.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int n = Math.max(1, members.size());
        df.forEach((t, f) -> idf.put(t, Math.log(1.0 + (double) n / f)));
    }

    List<Member> search(String text, int max) {
        List<String> q = words(text);
        if (q.isEmpty()) return List.of();
        Set<String> terms = new HashSet<>(q);
        record Hit(Member member, double score) {
        }
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            double score = 0;
            int matched = 0;
            for (String t : terms) {
                Double w = e.weights().get(t);
                if (w == null) continue;
                score += w * idf.getOrDefault(t, 1.0);
                matched++;
            }
            if (matched == 0) continue;
            for (List<String> phrase : e.phrases()) {
                if (phrase.isEmpty()) continue;
                if (phrase.equals(q)) score += 6.0 * phrase.size();
                else if (containsPhrase(q, phrase)) score += 2.0 * phrase.size();
            }
            score *= 0.5 + 0.5 * matched / terms.size();
            if (e.member() instanceof Metric) score *= 1.1; // governed metrics first on a tie with their measures
            hits.add(new Hit(e.member(), score));
        }
        return hits.stream().sorted(Comparator.comparingDouble(Hit::score).reversed()
                        .thenComparing(h -> h.member().fullName()))
                .limit(max).map(Hit::member).toList();
    }

    private static boolean containsPhrase(List<String> text, List<String> phrase) {
        outer:
        for (int i = 0; i + phrase.size() <= text.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!text.get(i + j).equals(phrase.get(j))) continue outer;
            }
            return true;
        }
        return false;
    }

    /** Lower-case words, underscores and dots as spaces, stop words dropped, stemmed. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) return out;
        for (String w : s.toLowerCase(Locale.ROOT).replace('\u2019', '\'').split("[^a-z0-9']+")) {
            w = w.replace("'s", "").replace("'", "");
            if (w.isEmpty() || STOP.contains(w)) continue;
            out.add(Text.stem(w));
        }
        return out;
    }
}
