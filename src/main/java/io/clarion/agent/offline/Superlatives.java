package io.clarion.agent.offline;

import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "the 5 longest tracks", "which albums are the shortest": a superlative adjective is a ranking
 * word and a column's noun in one; it is spelled out as both ("highest length") so the ranking and
 * the column are read as any "top N by length" is. Only where the catalog names a column by the
 * noun; the pairs are data ({@code agent/phrases.yml}, superlatives).
 */
final class Superlatives {
    private static final Map<String, List<String>> SPELLED = load();

    private Superlatives() {
    }

    static List<Text.Token> reword(List<Text.Token> tokens, Lexicon lexicon) {
        List<Text.Token> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            List<String> words = SPELLED.get(tokens.get(i).raw());
            if (words == null || !names(lexicon, words.get(words.size() - 1))) {
                if (out != null) out.add(tokens.get(i));
                continue;
            }
            if (out == null) out = new ArrayList<>(tokens.subList(0, i));
            for (String w : words) out.addAll(Text.tokens(w));
        }
        return out == null ? tokens : out;
    }

    private static boolean names(Lexicon lexicon, String noun) {
        List<Text.Token> t = Text.tokens(noun);
        return !lexicon.find(t, new boolean[t.size()]).isEmpty();
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> out = new HashMap<>();
        PhraseBook.root().path("superlatives").fields().forEachRemaining(f -> {
            List<String> words = new ArrayList<>();
            f.getValue().forEach(w -> words.add(w.asText()));
            out.put(f.getKey(), List.copyOf(words));
        });
        return Map.copyOf(out);
    }
}
