package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "the 5 newest customers", "our oldest accounts", "the most recent invoices": rows listed in the
 * order of the date their table counts them by (the date its row count is placed on: a signup,
 * an invoice date), newest or oldest first, with that date shown.
 */
final class Recency {
    /** Each word and whether it puts the newest first. */
    private static final Map<String, Boolean> WORDS = Map.of("newest", true, "latest", true, "recent", true, "youngest", true,
            "oldest", false, "earliest", false);

    private Recency() {
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p) || !p.query().metrics().isEmpty() || !p.query().orderBy().isEmpty()
                || p.query().dimensions().isEmpty()) {
            return o;
        }
        int at = -1;
        for (int i = 0; i < rd.tokens.size() && at < 0; i++) if (!rd.taken[i] && WORDS.containsKey(rd.tokens.get(i).raw())) at = i;
        if (at < 0) return o;
        String first = p.query().dimensions().get(0);
        Optional<Cube> cube = rd.ctx.catalog().cube(first.substring(0, Math.max(0, first.indexOf('.'))));
        Optional<Dimension> date = cube.flatMap(Recency::countedBy);
        if (date.isEmpty()) return o;
        boolean newest = WORDS.get(rd.tokens.get(at).raw());
        rd.taken[at] = true;
        if (at > 0 && rd.tokens.get(at - 1).raw().equals("most")) rd.taken[at - 1] = true;
        String column = date.get().fullName() + ".day";
        MetricQuery q = p.query();
        List<String> dims = new ArrayList<>(q.dimensions());
        if (!dims.contains(column)) dims.add(column);
        List<MetricQuery.OrderBy> order = List.of(new MetricQuery.OrderBy(column, newest ? "desc" : "asc"),
                new MetricQuery.OrderBy(first, "asc"));
        // "our oldest 3 accounts": the count beside the word is how many rows.
        Integer limit = q.limit();
        for (int i : new int[]{at + 1, at - 1}) {
            if (limit == null && i >= 0 && i < rd.tokens.size() && rd.tokens.get(i).raw().matches("\\d{1,3}")) {
                limit = Integer.parseInt(rd.tokens.get(i).raw());
                rd.taken[i] = true;
            }
        }
        List<String> a = new ArrayList<>(p.assumptions());
        a.add("Read \"" + rd.tokens.get(at).raw() + "\" as ordered by " + date.get().fullName() + ", " + (newest ? "newest" : "oldest") + " first.");
        return new PlannerOutcome.Planned(new MetricQuery(q.metrics(), dims, q.filters(), q.segments(), order, limit, q.timezone(),
                q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly()), a, p.basis());
    }

    /** The date a table's plain row count is placed on, or its only date. */
    private static Optional<Dimension> countedBy(Cube c) {
        for (Measure m : c.measures()) {
            if (m.type() == MeasureType.COUNT && m.filters().isEmpty() && m.timeDimension() != null) {
                Optional<Dimension> d = c.dimensions().stream().filter(x -> x.name().equals(m.timeDimension())).findFirst();
                if (d.isPresent()) return d;
            }
        }
        List<Dimension> dates = c.dimensions().stream().filter(d -> d.type() == DimensionType.TIME).toList();
        return dates.size() == 1 ? Optional.of(dates.get(0)) : Optional.empty();
    }
}
