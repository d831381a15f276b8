package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "the ten biggest buyers with their id and total": a column named among the ones to show that
 * is the very column the metric adds up (invoice.total under a sum of totals) asks to see the
 * metric's value, which is shown anyway; grouping by it would split every total into one row per
 * amount. It is dropped from the grouping, and that is said.
 */
final class SummedColumnGroups {
    private SummedColumnGroups() {
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p) || p.query().dimensions().size() < 2) return o;
        Catalog catalog = rd.ctx.catalog();
        List<String> dims = new ArrayList<>(p.query().dimensions());
        List<String> assumptions = new ArrayList<>(p.assumptions());
        for (String d : p.query().dimensions()) {
            Dimension dim = catalog.dimension(d).orElse(null);
            if (dim == null || dim.sql() == null) continue;
            for (String metric : p.query().metrics()) {
                Optional<Measure> m = summed(catalog, metric);
                if (m.isEmpty() || !m.get().cube().equals(dim.cube()) || m.get().sql() == null
                        || !normal(m.get().sql().source()).equals(normal(dim.sql().source()))) continue;
                dims.remove(d);
                assumptions.add("Read \"" + dim.name().replace('_', ' ') + "\" as the " + metric + " shown, not as a grouping by "
                        + d + " (the column " + metric + " adds up).");
                break;
            }
        }
        if (dims.size() == p.query().dimensions().size() || dims.isEmpty()) return o;
        MetricQuery q = p.query();
        List<MetricQuery.OrderBy> order = q.orderBy().stream().filter(x -> !p.query().dimensions().contains(x.field()) || dims.contains(x.field()))
                .toList();
        MetricQuery kept = new MetricQuery(q.metrics(), dims, q.filters(), q.segments(), order, q.limit(), q.timezone(), q.compare(),
                q.analysis(), q.joinPaths(), q.certifiedOnly());
        return new PlannerOutcome.Planned(kept, assumptions, p.basis());
    }

    /** The measure a metric adds up: a sum measure, or a plain metric of one. */
    private static Optional<Measure> summed(Catalog catalog, String name) {
        Optional<Metric> metric = catalog.metric(name);
        String measure = metric.filter(m -> m.type() == MetricType.SIMPLE && m.filters().isEmpty()).map(m -> m.expression().strip())
                .orElse(metric.isPresent() ? null : name);
        if (measure == null) return Optional.empty();
        return catalog.measure(measure).filter(m -> m.type() == io.clarion.catalog.model.MeasureType.SUM);
    }

    private static String normal(String sql) {
        return sql.strip().toLowerCase(Locale.ROOT).replace("{cube}.", "");
    }
}
