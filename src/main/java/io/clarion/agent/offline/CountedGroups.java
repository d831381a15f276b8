package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * "How many accounts hold over 2 escalated tickets?": the reading lists the customers whose
 * ticket count passes the threshold; the question asks how many there are. When the count asked
 * for is of the very groups listed (the words after "how many" name their table or their column:
 * "how many countries have more than 5 customers") and a metric threshold picks them, the answer
 * is the number of those groups (the count_groups analysis).
 */
final class CountedGroups {
    private static final Set<String> SKIP = Set.of("different", "distinct", "unique", "individual", "separate", "of", "our", "the");

    private CountedGroups() {
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p)) return o;
        MetricQuery q = perRow(rd, p.query());
        if (!q.analysis().isEmpty() || q.compare() != null || q.dimensions().isEmpty()
                || q.filters().stream().noneMatch(f -> f.metric() != null)) return o;
        Set<String> cubes = new HashSet<>();
        for (String d : q.dimensions()) {
            if (d.startsWith("metric_time") || d.indexOf('.') < 0) return o;
            cubes.add(d.substring(0, d.indexOf('.')));
        }
        Catalog catalog = rd.ctx.catalog();
        if (cubes.size() != 1) return o;
        Cube cube = catalog.cube(cubes.iterator().next()).orElse(null);
        if (cube == null) return o;
        // Rows of a table (grouped by its key or name) go by the table's words; a column's values only by the column's.
        boolean rows = q.dimensions().stream().allMatch(d -> catalog.dimension(d).map(CountedGroups::identity).orElse(false));
        Set<String> names = rows ? names(cube) : new HashSet<>();
        // "how many countries have more than 5 customers": the groups may be a column's values.
        for (String d : q.dimensions()) {
            catalog.dimension(d).ifPresent(dim -> {
                for (String w : dim.name().toLowerCase(Locale.ROOT).split("_")) names.add(singular(w));
                for (String syn : dim.info().synonyms()) if (!syn.contains(" ")) names.add(singular(syn.toLowerCase(Locale.ROOT)));
            });
        }
        if (!countAsked(rd, names)) return o;
        MetricQuery counted = new MetricQuery(q.metrics(), q.dimensions(), q.filters(), q.segments(), List.of(), null, q.timezone(),
                null, List.of(new MetricQuery.Analysis("count_groups", null, null, null, null, null)), q.joinPaths(), q.certifiedOnly());
        List<String> a = new ArrayList<>(p.assumptions());
        a.add("Counted the groups (" + String.join(", ", q.dimensions()) + ") that pass the threshold on " + q.metrics().get(0)
                + ", rather than listing them.");
        return new PlannerOutcome.Planned(counted, a, p.basis());
    }

    /**
     * "number of accounts that generated more than 100000": read as the table's count beside the
     * thresholded metric, with nothing to group by; the threshold is each row's, so the rows are
     * the groups (the table's key), and the count asked is the number of them.
     */
    private static MetricQuery perRow(Reading rd, MetricQuery q) {
        if (q.metrics().size() != 2 || !q.dimensions().isEmpty() || !q.analysis().isEmpty()) return q;
        Catalog catalog = rd.ctx.catalog();
        Measure count = catalog.measure(q.metrics().get(0)).orElse(null);
        String measured = q.metrics().get(1);
        if (count == null || count.type() != MeasureType.COUNT || !count.filters().isEmpty()) return q;
        if (q.filters().stream().noneMatch(f -> measured.equals(f.metric()))
                || q.filters().stream().anyMatch(f -> f.metric() != null && !measured.equals(f.metric()))) return q;
        return catalog.cube(count.cube()).flatMap(Cube::primaryKey)
                .map(key -> new MetricQuery(List.of(measured), List.of(key.fullName()), q.filters(), q.segments(), List.of(), null,
                        q.timezone(), null, List.of(), q.joinPaths(), q.certifiedOnly()))
                .orElse(q);
    }

    private static boolean identity(io.clarion.catalog.model.Dimension d) {
        return d.primaryKey() || d.name().equals("name") || d.name().endsWith("_name") || d.name().endsWith("_id");
    }

    /** The words a table's rows go by: its name and its plain count's synonyms, singular. */
    static Set<String> names(Cube cube) {
        Set<String> out = new HashSet<>();
        for (String w : cube.name().toLowerCase(Locale.ROOT).split("_")) out.add(singular(w));
        for (Measure m : cube.measures()) {
            if (m.type() != MeasureType.COUNT || !m.filters().isEmpty()) continue;
            for (String s : m.info().synonyms()) {
                String[] words = s.toLowerCase(Locale.ROOT).split("\\s+");
                if (words.length == 1) out.add(singular(words[0]));
            }
        }
        return out;
    }

    /** "how many customers", "number of distinct accounts": a count word right before one of the names. */
    static boolean countAsked(Reading rd, Set<String> names) {
        for (int i = 0; i + 1 < rd.tokens.size(); i++) {
            String a = rd.tokens.get(i).raw();
            String b = rd.tokens.get(i + 1).raw();
            boolean ask = (a.equals("how") && b.equals("many")) || (a.equals("number") && b.equals("of"))
                    || (a.equals("count") && b.equals("of"));
            if (!ask) continue;
            // "how many active customers": words read as the rows' filters may stand before the rows' name.
            for (int k = i + 2; k < rd.tokens.size() && k <= i + 5; k++) {
                if (names.contains(singular(rd.tokens.get(k).raw()))) return true;
                if (!SKIP.contains(rd.tokens.get(k).raw()) && !rd.taken[k]) break;
            }
        }
        return false;
    }

    private static String singular(String w) {
        return io.clarion.agent.language.Text.stem(w);
    }
}
