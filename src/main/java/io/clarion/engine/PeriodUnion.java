package io.clarion.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.catalog.model.Grain;
import io.clarion.diagnostics.Issue;
import io.clarion.plan.Plan;
import io.clarion.query.DateRange;
import io.clarion.query.MetricQuery;
import io.clarion.query.Operator;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.ResolvedQuery;
import io.clarion.query.ResolvedQuery.DimRef;
import io.clarion.query.ResolvedQuery.TimeBounds;
import io.clarion.sql.CompiledSql;
import io.clarion.sql.Dialect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A filter {@code in_periods} on a date: rows in any of several periods, one row per period
 * ("revenue in Q1 2025 and in Q1 2026", "this year to date and the same days of last year").
 * Each period is answered as its own query with an ordinary {@code in_date_range}, so every rule
 * of a single range holds unchanged (snapshots read each period's last point, per-period
 * measures their own period, row access and masking as for any query); the rows are put one
 * after the other. That is exact only when each period is one row of the query's time grain and
 * no two share one, which is checked; analysis and comparisons, which need the rows together,
 * are refused with it.
 */
final class PeriodUnion {
    static final int MAX_PERIODS = 12;

    private PeriodUnion() {
    }

    /** The index of the query's {@code in_periods} filter, if it has one. */
    static Optional<Integer> find(MetricQuery q) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < q.filters().size(); i++) {
            MetricQuery.Filter f = q.filters().get(i);
            if (f.dimension() != null && Operator.parse(f.operator()).filter(o -> o == Operator.IN_PERIODS).isPresent()) at.add(i);
        }
        if (at.size() > 1) {
            throw new QueryException(QueryCode.INVALID_VALUE.at("filters[" + at.get(1) + "]",
                    "only one in_periods filter per query: its periods are the query's rows"));
        }
        return at.stream().findFirst();
    }

    /**
     * Compiles each period's query with {@code compile}, checks that each period is one row of
     * the time grain, renders each with {@code render} (always over the warehouse, so that the
     * parts can be read in one statement) and puts them one after the other in time order.
     */
    static QueryService.Compiled compile(MetricQuery q, int at, Function<MetricQuery, QueryService.Compiled> compile,
                                         Function<Plan, CompiledSql> render, Dialect dialect) {
        MetricQuery.Filter f = q.filters().get(at);
        String path = "filters[" + at + "]";
        List<JsonNode> values = f.values() != null ? f.values() : f.value() != null && f.value().isArray()
                ? iterate(f.value()) : List.of();
        List<Issue> errors = new ArrayList<>();
        if (values.size() < 2 || values.size() > MAX_PERIODS) {
            errors.add(QueryCode.INVALID_VALUE.at(path + ".values", "in_periods takes 2 to " + MAX_PERIODS
                    + " periods, each a date-range phrase (\"2025-q1\", \"2026-01-01 to 2026-06-15\"); got " + values.size()));
        }
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isTextual()) errors.add(QueryCode.INVALID_VALUE.at(path + ".values[" + i + "]", "expected a date-range phrase, got " + values.get(i)));
        }
        if (q.compare() != null) errors.add(QueryCode.INVALID_COMPARE.at("compare", "in_periods already sets periods side by side; leave out compare"));
        if (q.analysis() != null && !q.analysis().isEmpty()) {
            errors.add(QueryCode.INVALID_VALUE.at("analysis", "analysis needs every row in one result; it cannot be combined with in_periods"));
        }
        QueryException.throwIfAny(errors);
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            List<MetricQuery.Filter> filters = new ArrayList<>(q.filters());
            filters.set(at, new MetricQuery.Filter(f.dimension(), null, "in_date_range", values.get(i), null));
            MetricQuery one = new MetricQuery(q.metrics(), q.dimensions(), filters, q.segments(), q.orderBy(), q.limit(), q.timezone(),
                    null, q.analysis(), q.joinPaths(), q.certifiedOnly());
            QueryService.Compiled c;
            try {
                c = compile.apply(one);
            } catch (QueryException e) {
                // The period's own problems, named by where it stands in the list.
                List<Issue> renamed = new ArrayList<>();
                for (Issue x : e.errors()) {
                    renamed.add(x.path().equals(path + ".value")
                            ? QueryCode.INVALID_VALUE.at(path + ".values[" + i + "]", x.message()) : x);
                }
                throw new QueryException(renamed);
            }
            parts.add(new Part(values.get(i).asText(), c, bounds(c.resolved(), f.dimension())));
        }
        Grain grain = grainOf(parts.get(0).compiled().resolved(), f.dimension()).orElseThrow(() -> new QueryException(
                QueryCode.INVALID_VALUE.at(path, "in_periods needs the query grouped by a grain of the same date ("
                        + (isMetricTime(f.dimension()) ? "metric_time" : f.dimension()) + ".year, .quarter, .month …), so that each period is one row")));
        Set<java.time.LocalDate> seen = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            TimeBounds b = p.bounds();
            if (b == null || b.from() == null || b.until() == null) {
                throw new QueryException(QueryCode.INVALID_VALUE.at(path + ".values[" + i + "]", "\"" + p.said() + "\" is not a bounded period"));
            }
            java.time.LocalDate start = DateRange.truncate(b.from(), grain);
            if (!DateRange.truncate(b.until().minusDays(1), grain).equals(start)) {
                throw new QueryException(QueryCode.INVALID_VALUE.at(path + ".values[" + i + "]", "\"" + p.said() + "\" spans more than one "
                        + grain.key() + "; group by a coarser grain or name one " + grain.key() + " per period"));
            }
            if (!seen.add(start)) {
                throw new QueryException(QueryCode.INVALID_VALUE.at(path + ".values[" + i + "]", "\"" + p.said() + "\" falls in the same "
                        + grain.key() + " as another period: each period must be its own row"));
            }
        }
        parts.sort(Comparator.comparing(p -> p.bounds().from()));
        StringBuilder sql = new StringBuilder("SELECT * FROM (\n");
        List<Object> binds = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            QueryService.Compiled part = parts.get(i).compiled();
            // The part's warehouse SQL as compiled; rendered here only when its rows were to come from a shared read.
            CompiledSql s = part.rawSql() == QueryService.Compiled.NOT_RENDERED ? render.apply(part.plan()) : part.rawSql();
            if (i > 0) sql.append("\nUNION ALL\n");
            sql.append("SELECT * FROM (\n").append(s.sql()).append("\n) AS ").append(dialect.quote("p" + i));
            binds.addAll(s.binds());
        }
        sql.append("\n) AS ").append(dialect.quote("periods")).append("\nORDER BY ");
        QueryService.Compiled first = parts.get(0).compiled();
        List<String> order = new ArrayList<>();
        for (MetricQuery.OrderBy o : q.orderBy()) {
            order.add(dialect.quote(o.field()) + ("desc".equalsIgnoreCase(o.direction()) ? " DESC" : " ASC") + " NULLS LAST");
        }
        String time = timeColumn(first.resolved(), f.dimension());
        order.add(dialect.quote(time) + " ASC");
        sql.append(String.join(", ", order));
        CompiledSql combined = new CompiledSql(sql.toString(), binds);
        List<String> notes = List.of("in_periods: " + String.join(", ", parts.stream().map(Part::said).toList())
                + " read one period at a time from the warehouse and shown one row per " + grain.key());
        return new QueryService.Compiled(q, first.resolved(), first.plan(), combined, first.columns(), new Rollups.Route(null, notes), combined);
    }

    private record Part(String said, QueryService.Compiled compiled, TimeBounds bounds) {
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static boolean isMetricTime(String dimension) {
        return io.clarion.query.QueryValidator.METRIC_TIME.equals(dimension);
    }

    private static TimeBounds bounds(ResolvedQuery r, String dimension) {
        if (isMetricTime(dimension)) return r.metricTime();
        return r.filters().stream().filter(x -> x.target().dimension().fullName().equals(dimension) && x.bounds() != null)
                .map(ResolvedQuery.DimFilter::bounds).findFirst().orElse(null);
    }

    private static Optional<DimRef> timeDimension(ResolvedQuery r, String dimension) {
        return r.dimensions().stream().filter(d -> d.isTime() && d.grain() != null
                && (isMetricTime(dimension) ? d.isMetricTime() : !d.isMetricTime() && d.dimension().fullName().equals(dimension))).findFirst();
    }

    private static Optional<Grain> grainOf(ResolvedQuery r, String dimension) {
        return timeDimension(r, dimension).map(DimRef::grain);
    }

    private static String timeColumn(ResolvedQuery r, String dimension) {
        return timeDimension(r, dimension).orElseThrow().name();
    }
}
