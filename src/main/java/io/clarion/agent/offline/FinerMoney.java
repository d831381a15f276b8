package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.Relationship;
import io.clarion.query.MetricQuery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "revenue by genre" where revenue is the sum of invoice totals and a genre belongs to the
 * invoice's lines: an invoice holds tracks of several genres, so its total cannot be split by
 * genre (each genre would be credited with whole invoices, and the genres would add up to more
 * than the revenue). The money of the finer table that holds the genre (the lines' own revenue)
 * can: it answers instead, dated by the coarser table's date, and the substitution is said.
 */
final class FinerMoney {
    private FinerMoney() {
    }

    static PlannerOutcome apply(Reading rd, PlannerOutcome o) {
        if (!(o instanceof PlannerOutcome.Planned p) || p.query().metrics().size() != 1 || !p.query().analysis().isEmpty()) return o;
        Catalog catalog = rd.ctx.catalog();
        String metric = p.query().metrics().get(0);
        Optional<Measure> coarse = moneyTotal(catalog, metric);
        if (coarse.isEmpty() || coarse.get().timeDimension() == null) return o;
        String from = coarse.get().cube();
        List<String> cut = new ArrayList<>();
        for (String d : p.query().dimensions()) if (!d.startsWith("metric_time")) cut.add(cubeOf(d));
        for (MetricQuery.Filter f : p.query().filters()) if (f.dimension() != null && !f.dimension().equals("metric_time")) cut.add(cubeOf(f.dimension()));
        // Only a cut the coarse table cannot reach on its own (many to one) asks for the finer money.
        Set<String> own = reachable(catalog, from);
        List<String> beyond = cut.stream().filter(c -> !own.contains(c)).distinct().toList();
        if (beyond.isEmpty()) return o;
        for (Cube finer : catalog.cubes().values()) {
            if (!pointsAt(finer, from)) continue;
            Set<String> reach = reachable(catalog, finer.name());
            if (!reach.containsAll(beyond)) continue;
            List<Measure> money = finer.measures().stream().filter(m -> m.type() == MeasureType.SUM && m.format() == Format.CURRENCY
                    && m.filters().isEmpty()).toList();
            if (money.size() != 1) continue;
            return replaced(p, metric, money.get(0), from + "." + coarse.get().timeDimension(), beyond);
        }
        return o;
    }

    private static PlannerOutcome replaced(PlannerOutcome.Planned p, String metric, Measure fine, String date, List<String> beyond) {
        MetricQuery q = p.query();
        String to = fine.fullName();
        List<String> dims = q.dimensions().stream().map(d -> d.startsWith("metric_time.") ? date + d.substring("metric_time".length()) : d).toList();
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            if ("metric_time".equals(f.dimension())) filters.add(new MetricQuery.Filter(date, null, f.operator(), f.value(), f.values()));
            else if (metric.equals(f.metric())) filters.add(new MetricQuery.Filter(null, to, f.operator(), f.value(), f.values()));
            else filters.add(f);
        }
        List<MetricQuery.OrderBy> order = q.orderBy().stream()
                .map(b -> b.field().equals(metric) ? new MetricQuery.OrderBy(to, b.direction())
                        : b.field().startsWith("metric_time.") ? new MetricQuery.OrderBy(date + b.field().substring("metric_time".length()), b.direction()) : b)
                .toList();
        List<String> a = new ArrayList<>(p.assumptions());
        a.add("Answered with " + to + " instead of " + metric + ": " + metric + " is kept per " + date.substring(0, date.indexOf('.'))
                + ", which " + String.join(", ", beyond) + " cannot split; the lines' own money can (dated by " + date + ").");
        MetricQuery out = new MetricQuery(List.of(to), dims, filters, q.segments(), order, q.limit(), q.timezone(), q.compare(),
                q.analysis(), q.joinPaths(), q.certifiedOnly());
        return new PlannerOutcome.Planned(out, a, p.basis());
    }

    /** The currency sum a metric or measure adds up, when it is one such measure. */
    private static Optional<Measure> moneyTotal(Catalog catalog, String name) {
        Optional<Measure> m = catalog.measure(name);
        if (m.isEmpty()) {
            Optional<Metric> metric = catalog.metric(name);
            if (metric.isEmpty() || metric.get().type() != MetricType.SIMPLE || metric.get().expression() == null) return Optional.empty();
            m = catalog.measure(metric.get().expression().strip());
        }
        return m.filter(x -> x.type() == MeasureType.SUM && x.format() == Format.CURRENCY && x.filters().isEmpty());
    }

    private static String cubeOf(String member) {
        return member.substring(0, member.indexOf('.'));
    }

    private static boolean pointsAt(Cube c, String to) {
        return c.joins().stream().anyMatch(j -> j.to().equals(to) && j.relationship() == Relationship.MANY_TO_ONE);
    }

    /** The cubes one row of {@code from} leads to, following many-to-one (or one-to-one) joins either way they are declared. */
    private static Set<String> reachable(Catalog catalog, String from) {
        Set<String> seen = new HashSet<>(List.of(from));
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String c = todo.pop();
            for (Cube cube : catalog.cubes().values()) {
                for (Join j : cube.joins()) {
                    String next = null;
                    if (j.from().equals(c) && j.relationship() != Relationship.ONE_TO_MANY) next = j.to();
                    else if (j.to().equals(c) && j.relationship() != Relationship.MANY_TO_ONE) next = j.from();
                    if (next != null && seen.add(next)) todo.push(next);
                }
            }
        }
        return seen;
    }
}
