package io.clarion.engine;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.Rollup;
import io.clarion.query.AccessRules;
import io.clarion.query.MetricQuery;
import io.clarion.query.ResolvedQuery;
import io.clarion.query.ResolvedQuery.DimFilter;
import io.clarion.query.ResolvedQuery.DimRef;
import io.clarion.query.ResolvedQuery.MeasureOutput;
import io.clarion.query.ResolvedQuery.MetricOutput;
import io.clarion.query.ResolvedQuery.Output;
import io.clarion.query.ResolvedQuery.TimeBounds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether one rollup answers a validated query exactly, and if so the same query over the
 * rollup's table ({@link RollupCatalog}). Exactly means: every output is one of the rollup's
 * measures (or a simple metric over one), every dimension and filter is one the rollup keeps, a
 * time grain is the rollup's or coarser (exactly the rollup's for a snapshot measure) and a date
 * range covers whole periods of it, no segment,
 * comparison, analysis or pinned join path, and nothing in the caller's access that the rollup
 * cannot honour (row filters need columns the rollup does not keep; masked values are stored raw).
 * Anything else is a reason, said in explain, and the query reads the raw tables.
 */
final class RollupMatcher {
    private RollupMatcher() {
    }

    sealed interface Result permits Match, Miss {
    }

    /** {@code filtered}: indexes of the requested measures that carry filters, when every one does. */
    record Match(MetricQuery query, List<Integer> filtered) implements Result {
    }

    record Miss(String reason) implements Result {
    }

    static Result match(Rollup r, Catalog catalog, ResolvedQuery q, AccessRules access) {
        if (!q.segments().isEmpty()) return miss("the query uses segments, which a rollup does not keep");
        if (q.compare() != null) return miss("period comparisons read periods outside the query's range");
        if (!q.analysis().isEmpty()) return miss("the query asks for analysis columns");
        if (!q.joinPaths().isEmpty()) return miss("the query pins join paths");
        if (q.outputs().isEmpty()) return miss("the query asks for no measure");
        String rc = RollupCatalog.cubeName(r);
        Map<String, String> renamed = new HashMap<>();
        List<String> metrics = new ArrayList<>();
        List<Integer> filtered = new ArrayList<>();
        boolean distinct = false;
        Measure snapshot = null;
        for (Output o : q.outputs()) {
            Measure m = measureOf(o, catalog);
            if (m == null) return miss(o.name() + " is not a measure or a simple metric over one");
            int i = r.measures().indexOf(m.fullName());
            if (i < 0) return miss("it does not hold " + m.fullName());
            if (!m.filters().isEmpty()) filtered.add(i);
            distinct |= m.type() == MeasureType.COUNT_DISTINCT;
            if (snapshot == null && m.nonAdditive() != null) snapshot = m;
            String name = rc + "." + RollupCatalog.measureColumn(i);
            renamed.put(o.name(), name);
            metrics.add(name);
        }
        if (filtered.size() < q.outputs().size()) filtered = List.of();
        for (String cube : involved(r)) {
            if (!(access.rows(cube) instanceof AccessRules.AllRows)) {
                return miss("row-level access applies to " + cube + " for " + access.describe()
                        + ", and the rollup keeps no row-level columns");
            }
        }
        List<String> dims = new ArrayList<>();
        Set<String> grouped = new LinkedHashSet<>();
        Set<Grain> timeGrains = new HashSet<>();
        for (DimRef d : q.dimensions()) {
            String name;
            if (d.isMetricTime() || d.dimension().fullName().equals(r.timeDimensionFullName())) {
                if (r.timeDimension() == null) return miss("it has no time dimension, and the query groups by " + d.name());
                if (d.grain() == null || !coarserOrEqual(d.grain(), r.grain())) {
                    return miss("its grain is " + r.grain().key() + ", finer periods than that are not kept ("
                            + d.name() + ")");
                }
                timeGrains.add(d.grain());
                name = d.isMetricTime() ? "metric_time." + d.grain().key() : rc + "." + RollupCatalog.TIME + "." + d.grain().key();
            } else {
                int j = r.dimensions().indexOf(d.dimension().fullName());
                if (j < 0) return miss("it does not keep dimension " + d.dimension().fullName());
                if (access.masks(d.dimension())) return miss(d.dimension().fullName() + " is masked for " + access.describe());
                name = rc + "." + RollupCatalog.dimensionColumn(j);
                grouped.add(d.dimension().fullName());
            }
            renamed.put(d.name(), name);
            dims.add(name);
        }
        boolean atGrain = r.grain() != null && timeGrains.equals(Set.of(r.grain()));
        if (distinct && (!grouped.equals(new HashSet<>(r.dimensions())) || (r.grain() != null && !atGrain))) {
            return miss("a count distinct is only exact at the rollup's own dimensions and grain");
        }
        if (snapshot != null && !atGrain) {
            // A rollup period holds its last point's rows; a longer period (or none: the latest
            // point) is one of those periods' balances, which a sum over them would overstate.
            String g = r.grain() == null ? "period" : r.grain().key();
            return miss(snapshot.fullName() + " is a snapshot: kept per " + g + ", it answers only queries by " + g
                    + " (a coarser period or none reads the last point, not a sum)");
        }
        if (q.metricTime() != null) {
            if (r.timeDimension() == null) return miss("it has no time dimension, and the query filters metric_time");
            if (!aligned(q.metricTime(), r.grain())) return miss("the date range does not cover whole " + r.grain().key() + "s");
        }
        for (DimFilter f : q.filters()) {
            String full = f.target().dimension().fullName();
            if (full.equals(r.timeDimensionFullName())) {
                if (f.bounds() == null || !aligned(f.bounds(), r.grain())) {
                    return miss("the filter on " + full + " does not cover whole " + r.grain().key() + "s");
                }
            } else if (!r.dimensions().contains(full)) {
                return miss("it does not keep dimension " + full + ", which the query filters");
            } else if (access.masks(f.target().dimension())) {
                return miss(full + " is masked for " + access.describe());
            }
        }
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (MetricQuery.Filter f : q.source().filters()) {
            if (f.metric() != null) {
                String m = renamed.get(f.metric());
                if (m == null) return miss("the filter on " + f.metric() + " names no output");
                filters.add(new MetricQuery.Filter(null, m, f.operator(), f.value(), f.values()));
            } else {
                filters.add(new MetricQuery.Filter(filterName(f.dimension(), r, rc), null, f.operator(), f.value(), f.values()));
            }
        }
        List<MetricQuery.OrderBy> order = new ArrayList<>();
        for (MetricQuery.OrderBy o : q.source().orderBy()) {
            String n = renamed.get(o.field());
            if (n == null) return miss("it orders by " + o.field() + ", which it cannot name");
            order.add(new MetricQuery.OrderBy(n, o.direction()));
        }
        MetricQuery rewritten = new MetricQuery(metrics, dims, filters, List.of(), order, q.limit(), q.source().timezone(),
                null, List.of(), List.of(), false);
        return new Match(rewritten, filtered);
    }

    private static String filterName(String dimension, Rollup r, String rc) {
        if (dimension.equals(io.clarion.query.QueryValidator.METRIC_TIME)) return dimension;
        if (dimension.equals(r.timeDimensionFullName())) return rc + "." + RollupCatalog.TIME;
        return rc + "." + RollupCatalog.dimensionColumn(r.dimensions().indexOf(dimension));
    }

    private static Miss miss(String reason) {
        return new Miss(reason);
    }

    /** The measure an output reads: itself, or the one measure of a simple metric with nothing added. */
    static Measure measureOf(Output o, Catalog catalog) {
        if (o instanceof MeasureOutput m) return m.measure();
        Metric metric = ((MetricOutput) o).metric();
        if (metric.type() != MetricType.SIMPLE || !metric.filters().isEmpty() || metric.offset() != null
                || metric.timeGrain() != null || metric.cumulative() != null || metric.conversion() != null
                || metric.refs().size() != 1) {
            return null;
        }
        return catalog.measure(metric.refs().get(0)).orElse(null);
    }

    /** The cube and the cubes of its dimensions: whose row access the rollup would have to honour. */
    static Set<String> involved(Rollup r) {
        Set<String> cubes = new LinkedHashSet<>(List.of(r.cube()));
        for (String d : r.dimensions()) cubes.add(d.substring(0, d.indexOf('.')));
        return cubes;
    }

    /** Periods of {@code query} are unions of whole periods of {@code rollup}. */
    static boolean coarserOrEqual(Grain query, Grain rollup) {
        if (query == rollup || rollup == Grain.DAY) return true;
        return switch (rollup) {
            case MONTH -> query == Grain.QUARTER || query == Grain.YEAR;
            case QUARTER -> query == Grain.YEAR;
            default -> false;
        };
    }

    /** Both open ends of a half-open day range fall on period starts of {@code g}. */
    static boolean aligned(TimeBounds b, Grain g) {
        return starts(b.from(), g) && starts(b.until(), g);
    }

    private static boolean starts(LocalDate d, Grain g) {
        if (d == null) return true;
        return switch (g) {
            case DAY -> true;
            case WEEK -> d.getDayOfWeek() == java.time.DayOfWeek.MONDAY;
            case MONTH -> d.getDayOfMonth() == 1;
            case QUARTER -> d.getDayOfMonth() == 1 && (d.getMonthValue() - 1) % 3 == 0;
            case YEAR -> d.getDayOfYear() == 1;
        };
    }
}
