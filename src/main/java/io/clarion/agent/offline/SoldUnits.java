package io.clarion.agent.offline;

import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Relationship;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * "which media type sold the most tracks", "the number of tracks we sold last year": a thing said
 * to be sold is counted in the units of the rows that sell it, the total of the quantity column
 * of the one table that points at it (an invoice line per track), not in how many of it the
 * catalog holds. Without such a table the words are left to the other readings.
 */
final class SoldUnits {
    private static final Set<String> VERBS = Set.of("sold", "sell", "sells", "selling", "bought", "buy", "buys", "purchased",
            "purchase", "purchases", "ordered");
    /** How far from the verb the thing sold may stand ("sold the most tracks", "tracks did we sell"). */
    private static final int REACH = 4;
    /** The column names a quantity goes by (agent/phrases.yml, column_words.units). */
    private static final Set<String> QUANTITY_WORDS = quantityWords();

    private SoldUnits() {
    }

    private static Set<String> quantityWords() {
        Set<String> out = new java.util.HashSet<>();
        PhraseBook.root().path("column_words").path("units").forEach(w -> out.add(w.asText().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    static Optional<Mention> find(Reading rd) {
        for (int v = 0; v < rd.tokens.size(); v++) {
            if (rd.taken[v] || !VERBS.contains(rd.tokens.get(v).raw())) continue;
            for (int d = 1; d <= REACH; d++) {
                for (int i : new int[]{v - d, v + d}) {
                    if (i < 0 || i >= rd.tokens.size() || rd.taken[i] || rd.tokens.get(i).stop()) continue;
                    // "units sold by genre": no thing named, the catalog's one quantity column.
                    boolean unitNoun = UNIT_NOUNS.contains(rd.tokens.get(i).raw());
                    Optional<Cube> thing = unitNoun ? Optional.empty() : cubeNamed(rd, rd.tokens.get(i).stem());
                    Optional<Measure> units = unitNoun ? onlyQuantity(rd) : thing.flatMap(c -> unitsOf(rd, c));
                    if (units.isEmpty()) continue;
                    if (unitNoun) {
                        rd.taken[v] = true;
                        rd.taken[i] = true;
                        rd.assumptions.add("Read \"" + rd.tokens.get(i).raw() + "\" sold as " + units.get().fullName() + ", the quantity of the rows that sell.");
                        return Optional.of(Mention.settled(List.of(i), units.get()));
                    }
                    rd.taken[v] = true;
                    // "top 5 tracks sold": the thing ranked right after the ranking words is the rows ranked by their units.
                    if (i < v && rd.rankEnd >= 0 && i == rd.rankEnd + 1) {
                        rd.assumptions.add("Ranked " + rd.tokens.get(i).raw() + " by the units sold, " + units.get().fullName() + ".");
                        return Optional.of(Mention.settled(List.of(v), units.get()));
                    }
                    rd.taken[i] = true;
                    String said = i < v ? rd.tokens.get(i).raw() + " " + rd.tokens.get(v).raw() : rd.tokens.get(v).raw() + " … " + rd.tokens.get(i).raw();
                    rd.assumptions.add("Read \"" + said + "\" as the units sold, "
                            + units.get().fullName() + ", not the number of " + thing.get().name() + " rows.");
                    return Optional.of(Mention.settled(List.of(i), units.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The table a word names by its own name or a one-word synonym ("tracks" for track). */
    static Optional<Cube> cubeNamed(Reading rd, String stem) {
        for (Cube c : rd.ctx.catalog().cubes().values()) {
            List<String> names = new ArrayList<>(List.of(c.name().replace('_', ' ')));
            names.addAll(c.info().synonyms());
            for (String n : names) {
                List<Text.Token> t = Text.tokens(n.toLowerCase(Locale.ROOT));
                if (t.size() == 1 && t.get(0).stem().equals(stem)) return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static final Set<String> UNIT_NOUNS = Set.of("units", "unit", "items", "copies", "pieces");

    /** The catalog's one total of a quantity column, when it has exactly one. */
    private static Optional<Measure> onlyQuantity(Reading rd) {
        List<Measure> found = new ArrayList<>();
        for (Cube f : rd.ctx.catalog().cubes().values()) {
            for (Measure m : f.measures()) if (quantity(m, f)) found.add(m);
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static boolean quantity(Measure m, Cube f) {
        if (m.type() != MeasureType.SUM || !m.filters().isEmpty() || !m.info().certified() && !f.info().certified()) return false;
        String sql = m.sql() == null ? "" : m.sql().source().strip().toLowerCase(Locale.ROOT);
        // The column itself ("quantity", "{CUBE}.quantity"), not an expression using it (price times quantity).
        return QUANTITY_WORDS.contains(sql.replaceFirst("^\\{cube}\\.", "").replace("\"", ""));
    }

    /** The total of the quantity column of the one table joined many to one to {@code thing}. */
    private static Optional<Measure> unitsOf(Reading rd, Cube thing) {
        List<Measure> found = new ArrayList<>();
        for (Cube f : rd.ctx.catalog().cubes().values()) {
            boolean pointsAt = f.joins().stream().anyMatch(j -> j.to().equals(thing.name()) && j.relationship() == Relationship.MANY_TO_ONE);
            if (!pointsAt) continue;
            for (Measure m : f.measures()) if (quantity(m, f)) found.add(m);
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
