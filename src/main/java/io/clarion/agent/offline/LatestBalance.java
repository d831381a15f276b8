package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "MRR today": a balance kept as snapshots (one per month, say) has no row dated today, so a
 * one-day range would answer nothing. With no period a snapshot measure is its latest snapshot,
 * which is what "today" asks; the day range is dropped and the answer says so.
 */
final class LatestBalance {
    private LatestBalance() {
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p) || !"today".equals(rd.range)) return o;
        MetricQuery q = p.query();
        if (q.metrics().isEmpty() || q.dimensions().stream().anyMatch(d -> d.startsWith("metric_time"))) return o;
        Catalog catalog = rd.ctx.catalog();
        List<String> balances = new ArrayList<>();
        for (String name : q.metrics()) {
            List<Measure> inputs = inputs(catalog, name);
            if (inputs.isEmpty() || inputs.stream().anyMatch(m -> m.nonAdditive() == null)) return o;
            balances.add(name);
        }
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            boolean today = "metric_time".equals(f.dimension()) && f.value() != null && f.value().asText().equals("today");
            if (!today) filters.add(f);
        }
        if (filters.size() == q.filters().size()) return o;
        List<String> a = new ArrayList<>(p.assumptions());
        a.add(String.join(", ", balances) + " is a balance kept as snapshots: today's value is its latest snapshot, not a sum over today.");
        return new PlannerOutcome.Planned(new MetricQuery(q.metrics(), q.dimensions(), filters, q.segments(), q.orderBy(), q.limit(),
                q.timezone(), q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly()), a, p.basis());
    }

    /** The measures a metric or measure reads, through the metrics it is built from. */
    private static List<Measure> inputs(Catalog catalog, String name) {
        Optional<Measure> direct = catalog.measure(name);
        if (direct.isPresent()) return List.of(direct.get());
        Metric metric = catalog.metric(name).orElse(null);
        if (metric == null) return List.of();
        List<Measure> out = new ArrayList<>();
        for (String ref : metric.refs()) {
            List<Measure> in = inputs(catalog, ref.strip());
            if (in.isEmpty()) return List.of();
            out.addAll(in);
        }
        return out;
    }
}
