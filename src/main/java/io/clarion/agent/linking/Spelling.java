package io.clarion.agent.linking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.agent.language.Text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Misspelt catalog words ("acquisiton chanel", "industires") read as the catalog word they miss by
 * one or two letters, so a typo is not silently dropped from the question. A word is corrected
 * only when it is no English word (the embedding model's own word list, shipped in its jar, is
 * the dictionary: no second list to keep), no catalog word, not written with a capital (a name),
 * and exactly one catalog word is nearest.
 */
public final class Spelling {
    private static final String TOKENIZER_FILE = "all-minilm-l6-v2-tokenizer.json";
    private static final int SHORTEST = 5;

    /** The words of periods, misspelt as often as the catalog's ("last quater", "mothly"). */
    private static final Set<String> PERIOD_WORDS = periodWords();

    private static Set<String> periodWords() {
        Set<String> out = new java.util.HashSet<>(io.clarion.agent.language.DatePhrases.TIME_WORDS);
        out.addAll(Set.of("annual", "today", "yesterday", "previous", "january", "february", "march", "april", "june", "july",
                "august", "september", "october", "november", "december"));
        return Set.copyOf(out);
    }

    private Spelling() {
    }

    /** The question's tokens with misspelt catalog words replaced, each replacement said in {@code notes}. */
    public static List<Text.Token> correct(List<Text.Token> tokens, String question, Lexicon lexicon, List<String> notes) {
        List<Text.Token> out = new ArrayList<>(tokens.size());
        for (Text.Token t : tokens) {
            String fixed = t.stop() ? null : correction(t.raw(), question, lexicon.vocabulary());
            if (fixed == null) {
                out.add(t);
                continue;
            }
            out.add(Text.tokens(fixed).get(0));
            notes.add("Read \"" + t.raw() + "\" as \"" + fixed + "\" (a misspelling of a catalog word).");
        }
        return out;
    }

    static String correction(String raw, String question, Set<String> vocabulary) {
        if (raw.length() < SHORTEST || !raw.chars().allMatch(Character::isLetter) || vocabulary.contains(raw) || PERIOD_WORDS.contains(raw)
                || English.WORDS.contains(raw) || capitalized(raw, question)) return null;
        int allowed = raw.length() >= 8 ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (Set<String> words : List.of(vocabulary, PERIOD_WORDS)) for (String word : words) for (String v : forms(word)) {
            if (v.length() < SHORTEST || Math.abs(v.length() - raw.length()) > allowed || v.charAt(0) != raw.charAt(0)) continue;
            if (v.equals(raw)) return null; // a plural of a catalog word, spelt right
            int d = distance(raw, v, allowed);
            if (d > allowed) continue;
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance && !v.equals(best)) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** A catalog word and its plural, as questions count what catalogs name in the singular ("tracks", "industries"). */
    private static List<String> forms(String w) {
        if (w.endsWith("s")) return List.of(w);
        if (w.endsWith("y") && w.length() > 2 && "aeiou".indexOf(w.charAt(w.length() - 2)) < 0) {
            return List.of(w, w + "s", w.substring(0, w.length() - 1) + "ies");
        }
        return List.of(w, w + "s");
    }

    /** Written with a capital somewhere in the question ("Moreau"): a name, left as it is. */
    private static boolean capitalized(String raw, String question) {
        String cap = Character.toUpperCase(raw.charAt(0)) + raw.substring(1);
        int at = question.indexOf(cap);
        return at > 0;
    }

    /** Edit distance with transpositions (optimal string alignment), stopping once past {@code limit}. */
    static int distance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) return limit + 1;
        }
        return d[a.length()][b.length()];
    }

    /** The whole words of the embedding model's vocabulary (its "##" pieces are parts of words). */
    private static final class English {
        static final Set<String> WORDS = load();

        private static Set<String> load() {
            try (InputStream in = Spelling.class.getClassLoader().getResourceAsStream(TOKENIZER_FILE)) {
                if (in == null) return Set.of();
                JsonNode vocab = new ObjectMapper().readTree(in).path("model").path("vocab");
                Set<String> out = new HashSet<>();
                vocab.fieldNames().forEachRemaining(w -> {
                    if (!w.startsWith("##") && w.chars().allMatch(Character::isLetter)) out.add(w);
                });
                return Set.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
