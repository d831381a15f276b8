package io.clarion.agent.offline;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.Relationship;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A period or grain asked of a number with no date of its own (the engine refuses metric_time on
 * it). Rows of a table without any date are dated by the parent they are parts of ("lines of
 * invoices in 2023": the invoice's date), when exactly one such parent reached by many-to-one joins
 * has a date its own numbers are dated by. Otherwise the period is left out and the answer says so: the value the
 * catalog can give, never an empty answer or a silent drop.
 */
final class UndatedPeriod {
    private UndatedPeriod() {
    }

    /** The query re-dated or without its metric_time parts, with what was done said; empty when it has none to change. */
    static Optional<MetricQuery> rewrite(Catalog catalog, MetricQuery q, List<String> assumptions) {
        boolean timed = q.filters().stream().anyMatch(f -> "metric_time".equals(f.dimension()))
                || q.dimensions().stream().anyMatch(d -> d.startsWith("metric_time."));
        if (!timed) return Optional.empty();
        Set<Measure> undated = new LinkedHashSet<>();
        for (String name : q.metrics()) undated.addAll(timelessInputs(catalog, name));
        if (undated.isEmpty()) return Optional.empty();
        Optional<MetricQuery> twin = datedTwin(catalog, q, undated, assumptions);
        if (twin.isPresent()) return twin;
        Set<String> cubes = new LinkedHashSet<>();
        for (Measure m : undated) cubes.add(m.cube());
        Optional<Dimension> parentDate = cubes.size() == 1 ? datedParent(catalog, cubes.iterator().next()) : Optional.empty();
        String period = q.filters().stream().filter(f -> "metric_time".equals(f.dimension()) && f.value() != null)
                .map(f -> f.value().asText()).findFirst().orElse(null);
        String names = String.join(", ", undated.stream().map(Measure::fullName).toList());
        List<MetricQuery.Filter> filters = new ArrayList<>();
        List<String> dims = new ArrayList<>();
        if (parentDate.isPresent()) {
            String date = parentDate.get().fullName();
            for (MetricQuery.Filter f : q.filters()) {
                filters.add("metric_time".equals(f.dimension()) ? new MetricQuery.Filter(date, null, f.operator(), f.value(), f.values()) : f);
            }
            for (String d : q.dimensions()) dims.add(d.startsWith("metric_time.") ? date + d.substring("metric_time".length()) : d);
            assumptions.add(cubes.iterator().next() + " rows have no date of their own: dated by " + date + ", the date of the "
                    + parentDate.get().cube() + " they belong to.");
        } else {
            for (MetricQuery.Filter f : q.filters()) if (!"metric_time".equals(f.dimension())) filters.add(f);
            for (String d : q.dimensions()) if (!d.startsWith("metric_time.")) dims.add(d);
            assumptions.add((period == null ? "The grouping by period was" : "The period \"" + period + "\" was")
                    + " not applied: " + names + " is a current-state number with no date, so this is its value today.");
        }
        if (filters.equals(q.filters()) && dims.equals(q.dimensions())) return Optional.empty();
        return Optional.of(new MetricQuery(q.metrics(), dims, filters, q.segments(), q.orderBy(), q.limit(), q.timezone(),
                q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly()));
    }

    /** The timeless measures a query output reads: the measure itself or a metric's inputs. */
    private static List<Measure> timelessInputs(Catalog catalog, String name) {
        List<Measure> out = new ArrayList<>();
        Optional<Measure> direct = catalog.measure(name);
        if (direct.isPresent()) {
            if (direct.get().timeless()) out.add(direct.get());
            return out;
        }
        Metric metric = catalog.metric(name).orElse(null);
        // A metric whose author said how each input meets a period is answered as declared.
        if (metric == null || metric.timeWindowPerInput()) return out;
        for (String ref : metric.refs()) out.addAll(timelessInputs(catalog, ref.strip()));
        return out;
    }

    /**
     * "MRR this month against last month": a current-state number asked over periods is its dated
     * twin when the table declares one (same table, aggregation, column and filters, with a date
     * instead of the filter that pins it to today), answered by the metric that is exactly that
     * measure when there is one. A number that is today's by its own definition (active customers)
     * has no such pin and keeps its reading.
     */
    private static Optional<MetricQuery> datedTwin(Catalog catalog, MetricQuery q, Set<Measure> undated, List<String> assumptions) {
        // "MRR today" asks for the current number itself.
        boolean today = q.filters().stream().anyMatch(f -> "metric_time".equals(f.dimension()) && f.value() != null && f.value().asText().equals("today"));
        if (q.metrics().size() != 1 || undated.size() != 1 || today) return Optional.empty();
        Measure m = undated.iterator().next();
        if (!q.metrics().get(0).equals(m.fullName()) && catalog.metric(q.metrics().get(0)).filter(x -> exactly(x, m)).isEmpty()) return Optional.empty();
        // Its own filters, less the one that pins it to today, are the twin's filters.
        List<String> kept = m.filters().stream().map(f -> f.source().strip()).filter(f -> !f.contains("{AS_OF}")).toList();
        if (kept.size() == m.filters().size() || m.sql() == null) return Optional.empty();
        Optional<Measure> dated = catalog.cube(m.cube()).stream().flatMap(c -> c.measures().stream())
                .filter(t -> !t.timeless() && t.timeDimension() != null && t.type() == m.type() && t.sql() != null
                        && t.filters().stream().map(f -> f.source().strip()).toList().equals(kept)
                        && t.sql().source().strip().equals(m.sql().source().strip()))
                .findFirst();
        if (dated.isEmpty()) return Optional.empty();
        String name = catalog.metrics().values().stream().filter(x -> exactly(x, dated.get()) && x.info().certified())
                .map(Metric::fullName).findFirst().orElse(dated.get().fullName());
        List<String> metrics = List.of(name);
        assumptions.add("Read " + q.metrics().get(0) + " as " + name + ": a period was asked, and " + name + " is the same figure by date.");
        return Optional.of(new MetricQuery(metrics, q.dimensions(), q.filters(), q.segments(), q.orderBy().stream()
                .map(o -> o.field().equals(q.metrics().get(0)) ? new MetricQuery.OrderBy(name, o.direction()) : o).toList(),
                q.limit(), q.timezone(), q.compare(), q.analysis(), q.joinPaths(), q.certifiedOnly()));
    }

    private static boolean exactly(Metric x, Measure m) {
        return x.type() == io.clarion.catalog.model.MetricType.SIMPLE && x.expression().strip().equals(m.fullName());
    }

    /**
     * The one date that dates the rows of {@code cube}: only for a table with no time dimension of
     * its own (a current-state number on a dated table is meant to have none), the time dimension
     * of the nearest parent by many-to-one joins that its own measures are dated by.
     */
    static Optional<Dimension> datedParent(Catalog catalog, String cube) {
        Cube own = catalog.cube(cube).orElse(null);
        if (own == null || own.dimensions().stream().anyMatch(d -> d.type() == DimensionType.TIME)) return Optional.empty();
        Set<String> seen = new HashSet<>(Set.of(cube));
        List<String> level = List.of(cube);
        while (!level.isEmpty()) {
            Set<Dimension> found = new LinkedHashSet<>();
            List<String> next = new ArrayList<>();
            for (String c : level) {
                for (Join j : catalog.edges()) {
                    if (!j.from().equals(c) || j.relationship() != Relationship.MANY_TO_ONE || !seen.add(j.to())) continue;
                    next.add(j.to());
                    if (partOf(cube, j.to())) catalog.cube(j.to()).ifPresent(p -> found.addAll(datesOf(p)));
                }
            }
            if (found.size() == 1) return Optional.of(found.iterator().next());
            if (found.size() > 1) return Optional.empty();
            level = next;
        }
        return Optional.empty();
    }

    /**
     * Whether rows of {@code child} are parts of {@code parent} rows, named after it as lines are
     * after their invoice (invoice_line, order_items): their parent's date is theirs. A customer
     * is not part of the support rep it is assigned to, and the rep's hire date is not the
     * customer's.
     */
    static boolean partOf(String child, String parent) {
        String stem = parent.toLowerCase(java.util.Locale.ROOT);
        if (stem.endsWith("s")) stem = stem.substring(0, stem.length() - 1);
        String c = child.toLowerCase(java.util.Locale.ROOT);
        return c.length() > stem.length() && c.startsWith(stem);
    }

    /** The time dimensions a cube's own dated measures are dated by. */
    private static Set<Dimension> datesOf(Cube c) {
        Set<Dimension> out = new LinkedHashSet<>();
        for (Measure m : c.measures()) {
            if (!m.time().dated() || m.timeDimension() == null) continue;
            c.dimension(m.timeDimension()).filter(d -> d.type() == DimensionType.TIME).ifPresent(out::add);
        }
        return out;
    }
}
