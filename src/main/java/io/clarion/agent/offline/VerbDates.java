package io.clarion.agent.offline;

import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "customers of employees hired in 2003", "accounts created last year": a period right after a
 * verb that names a date column ("hired" for hire_date, "created" for created_date) is about that
 * date, not the date of the metric asked. The column is found from the catalog's own names; with
 * two such columns, the one on a table the question names.
 */
final class VerbDates {
    /** Words that may stand between the verb and the period ("hired in 2003", "created during Q1"). */
    private static final Set<String> BETWEEN = Set.of("in", "on", "during", "since", "before", "after", "between", "from", "within", "over");

    private VerbDates() {
    }

    static Optional<Dimension> dateBeforeRange(Reading rd, List<Mention> mentions) {
        if (rd.range == null || rd.rangeFrom < 1) return Optional.empty();
        int k = rd.rangeFrom - 1;
        while (k > 0 && BETWEEN.contains(rd.tokens.get(k).raw()) && !rd.taken[k]) k--;
        if (rd.taken[k] || !Character.isLetter(rd.tokens.get(k).raw().charAt(0))) return Optional.empty();
        String verb = Text.stem(rd.tokens.get(k).raw());
        if (verb.length() < 3) return Optional.empty();
        List<Dimension> found = new ArrayList<>();
        for (Cube c : rd.ctx.catalog().cubes().values()) {
            for (Dimension d : c.dimensions()) {
                if (d.type() != DimensionType.TIME || !d.info().certified()) continue;
                String first = Text.stem(d.name().split("_")[0]);
                if (first.equals(verb)) found.add(d);
            }
        }
        if (found.size() > 1) {
            // "accounts created in 2025": the rows named right before the verb say whose date it is.
            int before = k - 1;
            while (before >= 0 && rd.tokens.get(before).stop() && !rd.taken[before]) before--;
            for (Mention m : mentions) {
                if (m.last() != before) continue;
                List<Dimension> own = found.stream().filter(d -> m.targets().stream().anyMatch(t -> t instanceof io.clarion.agent.linking.Lexicon.MemberTarget mt
                        && rd.facts.cubesOf(mt.member()).contains(d.cube()))).toList();
                if (own.size() == 1) found = own;
            }
        }
        if (found.size() > 1) {
            List<Dimension> named = found.stream().filter(d -> mentions.stream().anyMatch(m -> rd.facts.dimensions(m.targets()).stream()
                    .anyMatch(x -> x.cube().equals(d.cube())) || m.targets().stream().anyMatch(t -> rd.facts.entityCube(t)
                    .map(cu -> cu.name().equals(d.cube())).orElse(false)))).toList();
            found = named;
        }
        if (found.size() != 1) return Optional.empty();
        rd.taken[k] = true;
        rd.assumptions.add("Applied \"" + rd.range + "\" to " + found.get(0).fullName() + " (\"" + rd.tokens.get(k).raw() + "\"), not to the date of the metric.");
        return Optional.of(found.get(0));
    }
}
