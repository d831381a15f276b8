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
