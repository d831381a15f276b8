package io.clarion.agent.linking;

import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Member;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Words that name a table's rows or a subset of them though no member is called that: the
 * table's own name, the noun its key is named after, and a yes/no column's own word. Drafted
 * catalogs have no synonyms; these are what their users still say.
 */
final class RowWords {
    private RowWords() {
    }

    /**
     * A cube's own name ("genre", "media_type", "customer") names its rows when no member is
     * called that already: counted, it is the cube's plain count; listed or grouped, its name
     * dimension (else its key). Drafted catalogs name measures "count" and dimensions "name",
     * so without this "how many customers" and "revenue by genre" would name nothing.
     */
    static void cubeNames(Catalog catalog, Predicate<Member> allowed, List<Entry> out) {
        Set<List<String>> named = new java.util.HashSet<>();
        for (Entry e : out) named.add(e.stems());
        for (io.clarion.catalog.model.Cube c : catalog.cubes().values()) {
            List<String> stems = Text.contentStems(c.name());
            if (stems.isEmpty() || named.contains(stems)) continue;
            c.measures().stream()
                    .filter(m -> allowed.test(m) && m.type() == io.clarion.catalog.model.MeasureType.COUNT && m.filters().isEmpty())
                    .findFirst().ifPresent(m -> Lexicon.add(out, c.name(), new MemberTarget(m), false));
            c.dimensions().stream()
                    .filter(d -> allowed.test(d) && d.name().equals("name"))
                    .findFirst().or(() -> c.primaryKey().filter(allowed))
                    .ifPresent(d -> Lexicon.add(out, c.name(), new MemberTarget(d), false));
        }
        // "how many customers" on a table named "telco_customer_churn" keyed by customer_id: the key says what a row is.
        for (io.clarion.catalog.model.Cube c : catalog.cubes().values()) {
            Optional<Dimension> key = c.primaryKey().filter(allowed);
            if (key.isEmpty() || !key.get().name().endsWith("_id")) continue;
            String noun = key.get().name().substring(0, key.get().name().length() - 3);
            List<String> stems = Text.contentStems(noun);
            if (stems.isEmpty() || named.contains(stems) || GENERIC_ROWS.contains(noun)) continue;
            named.add(stems);
            c.measures().stream()
                    .filter(m -> allowed.test(m) && m.type() == io.clarion.catalog.model.MeasureType.COUNT && m.filters().isEmpty())
                    .findFirst().ifPresent(m -> Lexicon.add(out, noun, new MemberTarget(m), false));
            Lexicon.add(out, noun, new MemberTarget(key.get()), false);
        }
    }

    /** Key names that say only that a row is a row. */
    private static final Set<String> GENERIC_ROWS = Set.of("row", "record", "entry", "item", "line", "snapshot", "object", "uu");

    /** The values of a yes/no column, each as it is stored; empty when the column holds anything else. */
    private static final Set<String> YES = Set.of("yes", "y", "true", "t");
    private static final Set<String> NO = Set.of("no", "n", "false", "f");

    /**
     * "churned customers" on a table with a Yes/No column "churn": the column's own word said of
     * the rows is the rows where it holds yes. The column is still named for grouping ("by churn"),
     * as any dimension is; which one is meant depends on the role the words play.
     */
    static void yesColumns(Map<Dimension, List<String>> values, Predicate<Member> allowed, List<Entry> out) {
        values.forEach((d, vs) -> {
            if (!allowed.test(d) || vs.size() != 2) return;
            String yes = vs.stream().filter(v -> YES.contains(v.toLowerCase(java.util.Locale.ROOT))).findFirst().orElse(null);
            boolean no = vs.stream().anyMatch(v -> NO.contains(v.toLowerCase(java.util.Locale.ROOT)));
            if (yes != null && no) Lexicon.add(out, d.name(), new ValueTarget(d, yes), false);
        });
    }

}
