package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.Mention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * "our Brazilian customers", "German revenue": a country's adjective names the country, which a
 * catalog stores as a value ("Brazil", "Germany") that no synonym lists as its adjective. The
 * adjectives are English and live in {@code agent/phrases.yml}; the values come from the catalog.
 */
final class Demonyms {
    private static final Map<String, List<String>> COUNTRIES = load(PhraseBook.root().path("demonyms"));

    private Demonyms() {
    }

    static List<Mention> find(Reading rd) {
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i < rd.tokens.size(); i++) {
            List<String> names = COUNTRIES.get(rd.tokens.get(i).raw());
            if (rd.taken[i] || names == null) continue;
            List<Entry> entries = ValueAbbreviations.valuesAt(rd, i, v -> names.contains(v.strip().toLowerCase(Locale.ROOT)));
            if (entries.isEmpty()) continue;
            rd.taken[i] = true;
            out.add(new Mention(new TreeSet<>(List.of(i)), 1.0, entries));
        }
        return out;
    }

    /**
     * "the United States" where the catalog stores "USA", "UK" where it stores "United Kingdom": a
     * country named by another of its names. Only names of two letters or more that are no
     * pronoun ("us") are read, and only where no catalog value is written that way already.
     */
    static List<Mention> otherNames(Reading rd) {
        List<Mention> out = new ArrayList<>();
        for (int i = 0; i < rd.tokens.size(); i++) {
            for (int len = Math.min(4, rd.tokens.size() - i); len >= 1; len--) {
                boolean free = true;
                StringBuilder sb = new StringBuilder();
                for (int k = i; k < i + len; k++) {
                    free &= !rd.taken[k];
                    sb.append(k > i ? " " : "").append(rd.tokens.get(k).raw());
                }
                String said = sb.toString();
                List<String> names = BY_NAME.get(said);
                if (!free || names == null || said.equals("us")) continue;
                List<Entry> entries = ValueAbbreviations.valuesAt(rd, i, v -> {
                    String value = v.strip().toLowerCase(Locale.ROOT);
                    return !value.equals(said) && names.contains(value);
                });
                if (entries.isEmpty()) continue;
                TreeSet<Integer> at = new TreeSet<>();
                for (int k = i; k < i + len; k++) {
                    rd.taken[k] = true;
                    at.add(k);
                }
                out.add(new Mention(at, 1.0, entries));
                for (Entry e : entries) {
                    io.clarion.agent.linking.Lexicon.ValueTarget v = (io.clarion.agent.linking.Lexicon.ValueTarget) e.target();
                    rd.assumptions.add("Read \"" + said + "\" as " + v.dimension().fullName() + " \"" + v.value() + "\", the catalog's name for it.");
                }
                i += len - 1;
                break;
            }
        }
        return out;
    }

    /** Each name of a country, to all the names of that country. */
    private static final Map<String, List<String>> BY_NAME = byName();

    private static Map<String, List<String>> byName() {
        Map<String, List<String>> out = new HashMap<>();
        for (List<String> names : COUNTRIES.values()) for (String n : names) out.merge(n, names, (a, b) -> a);
        return Map.copyOf(out);
    }

    private static Map<String, List<String>> load(JsonNode node) {
        Map<String, List<String>> out = new HashMap<>();
        node.fields().forEachRemaining(f -> {
            List<String> names = new ArrayList<>();
            f.getValue().forEach(n -> names.add(n.asText().toLowerCase(Locale.ROOT)));
            out.put(f.getKey().toLowerCase(Locale.ROOT), List.copyOf(names));
        });
        return Map.copyOf(out);
    }
}
