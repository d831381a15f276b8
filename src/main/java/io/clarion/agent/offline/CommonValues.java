package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "the most common ticket category for enterprise customers", "our least popular plan": the
 * value of a column held by the most (fewest) rows of its own table, ranked by that table's plain
 * row count, with the question's other filters; one value unless a number is asked. Nothing here
 * names a catalog: the column is whatever the words after the phrase link to.
 */
final class CommonValues {
    private static final Set<String> WORDS = io.clarion.agent.language.PhraseBook.words("commonness");

    private CommonValues() {
    }

    /** Where "most common" stands, read before linking so that its words name nothing else; -1 when absent. */
    static int find(Reading rd) {
        for (int i = 0; i + 2 < rd.tokens.size(); i++) {
            String rank = rd.tokens.get(i).raw();
        if ((rank.equals("most") || rank.equals("least")) && WORDS.contains(rd.tokens.get(i + 1).raw()) && !rd.taken[i + 1]) {
            rd.taken[i] = true;
            rd.taken[i + 1] = true;
            return i;
        }
        }
        return -1;
    }

    static PlannerOutcome apply(Reading rd, List<Mention> mentions, int i, PlannerOutcome o) {
        if (i < 0) return o;
        PlannerOutcome ranked = ranked(rd, mentions, i, o);
        // Not read after all: the word is said as unused, never dropped in silence.
        if (ranked == o) rd.taken[i + 1] = false;
        return ranked;
    }

    private static PlannerOutcome ranked(Reading rd, List<Mention> mentions, int i, PlannerOutcome o) {
        // A refused draft (the phrase alone left nothing to measure) still gives the period asked.
        MetricQuery q = o instanceof PlannerOutcome.Planned p ? p.query() : new MetricQuery(List.of(), List.of(),
                rd.range == null ? List.of() : List.of(new MetricQuery.Filter("metric_time", null, "in_date_range",
                        com.fasterxml.jackson.databind.node.TextNode.valueOf(rd.range), null)), null, null, null, null, null, null, null, null);
        List<String> assumptions = o instanceof PlannerOutcome.Planned p ? p.assumptions() : List.of();
        if (!(o instanceof PlannerOutcome.Planned)) q = withValues(rd, mentions, q);
        String rank = rd.tokens.get(i).raw();
        int at = i + 2;
        Optional<Mention> named = mentions.stream().filter(m -> m.first() >= at && m.first() <= at + 1).findFirst();
        Optional<Dimension> column = named.flatMap(m -> rd.facts.dimensions(m.targets()).stream()
                .filter(d -> d.type() == DimensionType.STRING && rd.facts.groupable(d)).findFirst());
        if (column.isEmpty()) return o;
        // A table's own name ("genre") is one row each: the rows that hold it are those of another table the question names.
        Dimension d = column.get();
        boolean ownName = d.primaryKey() || rd.facts.nameDimension(d.cube()).map(d::equals).orElse(false);
        // Each plain row count of that table in turn: with a period asked, the first one dated (signups, not all customers).
        List<Measure> counts = (ownName
                ? mentions.stream().filter(m -> m != named.get()).flatMap(m -> m.targets().stream())
                .flatMap(t -> rd.facts.entityCube(t).stream()).filter(c -> !c.name().equals(d.cube())).limit(1)
                : rd.ctx.catalog().cube(d.cube()).stream())
                .flatMap(c -> c.measures().stream()).filter(m -> m.type() == MeasureType.COUNT && m.filters().isEmpty()).toList();
        String dim = d.fullName();
        for (Measure rows : counts) {
            PlannerOutcome r = rankedBy(rd, named.get(), rank, i, dim, rows.fullName(), q, assumptions);
            if (r != null) return r;
        }
        return o;
    }

    /** The values the question names ("in LATAM"), as filters, when no draft read them. */
    private static MetricQuery withValues(Reading rd, List<Mention> mentions, MetricQuery q) {
        List<MetricQuery.Filter> filters = new ArrayList<>(q.filters());
        for (Mention m : mentions) {
            if (m.targets().isEmpty() || !m.targets().stream().allMatch(t -> t instanceof io.clarion.agent.linking.Lexicon.ValueTarget)) continue;
            rd.facts.valueNamedElsewhere(m.targets(), m, mentions).ifPresent(v -> filters.add(new MetricQuery.Filter(v.dimension().fullName(),
                    null, "equals", com.fasterxml.jackson.databind.node.TextNode.valueOf(v.value()), null)));
        }
        return new MetricQuery(q.metrics(), q.dimensions(), filters, null, null, null, null, null, null, null, null);
    }

    /** The column's values ranked by {@code count}, or null when the catalog refuses that query. */
    private static PlannerOutcome rankedBy(Reading rd, Mention named, String rank, int i, String dim, String count, MetricQuery q,
                                           List<String> assumptions) {
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) if (f.metric() == null && !dim.equals(f.dimension())) filters.add(f);
        filters.add(new MetricQuery.Filter(dim, null, "set", null, null));
        boolean most = rank.equals("most");
        MetricQuery ranked = new MetricQuery(List.of(count), List.of(dim), filters, q.segments(),
                List.of(new MetricQuery.OrderBy(count, most ? "desc" : "asc"), new MetricQuery.OrderBy(dim, "asc")),
                rd.topN == null ? 1 : rd.topN, q.timezone(), null, List.of(), q.joinPaths(), q.certifiedOnly());
        try {
            rd.ctx.queries().compile(ranked, new QueryService.Options(true));
        } catch (QueryException e) {
            return null;
        }
        for (int k : named.positions()) rd.taken[k] = true;
        List<String> a = new ArrayList<>();
        for (String s : assumptions) if (!s.startsWith("Read \"" + rd.words(named))) a.add(s);
        a.add("Read \"" + rank + " " + rd.tokens.get(i + 1).raw() + " " + rd.words(named) + "\" as the " + dim
                + " with the " + (most ? "most" : "fewest") + " rows (" + count + ").");
        return new PlannerOutcome.Planned(ranked, a, "offline");
    }
}
