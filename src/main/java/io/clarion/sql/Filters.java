package io.clarion.sql;

import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.plan.Plan.Leaf;
import io.clarion.plan.Plan.LeafFilter;
import io.clarion.plan.Plan.ResultFilter;
import io.clarion.query.Operator;
import io.clarion.query.ResolvedQuery;
import io.clarion.query.ResolvedQuery.DimFilter;

import java.util.ArrayList;
import java.util.List;

/** Conditions: a leaf's WHERE (filters, segments, time bounds) and the filters on result rows. */
final class Filters {
    private final Dialect d;
    private final Templates templates;

    Filters(Dialect dialect, Templates templates) {
        this.d = dialect;
        this.templates = templates;
    }

    /** "\n  WHERE ..." for the leaf, or nothing. */
    Sql where(Leaf leaf, LeafScope scope) {
        List<Sql> conds = new ArrayList<>();
        for (LeafFilter f : leaf.filters()) conds.add(condition(f, scope));
        for (Segment s : leaf.segments()) conds.add(templates.render(s.sql(), s.cube(), scope).parenthesize());
        // When every measure is filtered, rows that pass none of the filters add nothing: saying so
        // in WHERE lets PostgreSQL use an index (e.g. "current MRR" reads one month, not all).
        // Not over a period spine, whose point is that every period shows, even an empty one. With
        // distinct keys the condition narrows the (key, dimension values) pairs the same way, so a
        // group no row counts in is absent whichever way the leaf is aggregated.
        List<List<SqlTemplate>> measureFilters = leaf.measures().stream().map(m -> {
            List<SqlTemplate> f = new ArrayList<>(m.measure().filters());
            f.addAll(m.extraFilters());
            return f;
        }).toList();
        if (scope.seriesGrain() == null && !measureFilters.isEmpty()
                && measureFilters.stream().noneMatch(List::isEmpty)) {
            List<Sql> anyMeasure = new ArrayList<>();
            for (int i = 0; i < measureFilters.size(); i++) {
                anyMeasure.add(all(measureFilters.get(i), leaf.measures().get(i).measure().cube(), scope).parenthesize());
            }
            conds.add(Sql.join(" OR ", anyMeasure.stream().distinct().toList()).parenthesize());
        }
        if (leaf.timeDimension() != null && leaf.timeBounds() != null && scope.seriesGrain() == null) {
            ResolvedQuery.TimeBounds b = leaf.timeBounds();
            Dimension t = leaf.timeDimension();
            if (b.from() != null) conds.add(Sql.concat(templates.render(t.sql(), t.cube(), scope).append(" >= "), d.date(b.from())));
            if (b.until() != null) conds.add(Sql.concat(templates.render(t.sql(), t.cube(), scope).append(" < "), d.date(b.until())));
        }
        if (scope.seriesGrain() != null && leaf.timeDimension() != null) {
            Dimension t = leaf.timeDimension();
            Sql x = templates.render(t.sql(), t.cube(), scope);
            conds.add(Sql.concat(x.append(" >= "), templates.periodStart(), x.wrap(" AND ", " < "),
                    templates.periodEnd(scope.seriesGrain())));
        }
        if (conds.isEmpty()) return Sql.EMPTY;
        return Sql.join("\n    AND ", conds).wrap("\n  WHERE ", "");
    }

    /**
     * Whether the leaf's WHERE already holds every measure's own filters exactly: all measures
     * carry the same filters (and the leaf is not on a period spine, where {@link #where} leaves
     * them out). Then a FILTER clause repeating them on each aggregate only costs time: a
     * condition that PostgreSQL cannot fold (date_trunc of a bound date is only stable) is
     * evaluated again on every row. Direct leaves only: with distinct keys the aggregate reads
     * the base rows again outside that WHERE.
     */
    static boolean measureFiltersInWhere(Leaf leaf, LeafScope scope) {
        if (scope.seriesGrain() != null || leaf.measures().isEmpty() || leaf.strategy() != io.clarion.plan.Plan.Strategy.DIRECT) return false;
        List<SqlTemplate> first = null;
        String cube = null;
        for (var m : leaf.measures()) {
            List<SqlTemplate> f = new ArrayList<>(m.measure().filters());
            f.addAll(m.extraFilters());
            if (f.isEmpty()) return false;
            if (first == null) {
                first = f;
                cube = m.measure().cube();
            } else if (!first.equals(f) || !cube.equals(m.measure().cube())) {
                return false;
            }
        }
        return true;
    }

    /** Every template of {@code cube}, each parenthesized, joined with AND. */
    Sql all(List<SqlTemplate> conditions, String cube, LeafScope scope) {
        return Sql.join(" AND ", conditions.stream().map(t -> templates.render(t, cube, scope).parenthesize()).toList());
    }

    /**
     * A share's part as one condition (each filter and segment, joined with AND), or null for a
     * measure that is not a share's numerator. Values are bound, as in any filter.
     */
    Sql part(ResolvedQuery.Part part, LeafScope scope) {
        if (part == null) return null;
        List<Sql> conds = new ArrayList<>();
        for (DimFilter f : part.filters()) conds.add(condition(new LeafFilter(f, f.bounds()), scope).parenthesize());
        for (Segment s : part.segments()) conds.add(templates.render(s.sql(), s.cube(), scope).parenthesize());
        return conds.isEmpty() ? null : Sql.join(" AND ", conds);
    }

    /** One query filter of a leaf, as a condition. */
    Sql condition(LeafFilter lf, LeafScope scope) {
        DimFilter f = lf.filter();
        Dimension dim = f.target().dimension();
        // The dimension's text may carry binds (e.g. {AS_OF}); each use below carries its own copy.
        Sql x = templates.render(dim.sql(), dim.cube(), scope);
        return switch (f.operator()) {
            // Split into one query per period by the engine; it never reaches a plan.
            case IN_PERIODS -> throw new IllegalStateException("in_periods is answered period by period, never rendered");
            case SET -> x.append(" IS NOT NULL");
            case NOT_SET -> x.append(" IS NULL");
            case EQUALS, NOT_EQUALS, GT, GTE, LT, LTE, BETWEEN, IN_DATE_RANGE, BEFORE, AFTER -> {
                if (lf.bounds() != null) {
                    ResolvedQuery.TimeBounds b = lf.bounds();
                    List<Sql> parts = new ArrayList<>();
                    if (b.from() != null) parts.add(Sql.concat(x.append(" >= "), d.date(b.from())));
                    if (b.until() != null) parts.add(Sql.concat(x.append(" < "), d.date(b.until())));
                    yield Sql.join(" AND ", parts);
                }
                yield compare(x, f.operator().key(), f.values());
            }
            case IN, NOT_IN -> {
                boolean not = f.operator() == Operator.NOT_IN;
                Sql list = Sql.join(", ", f.values().stream().map(Sql::bind).toList());
                Sql in = Sql.concat(x.append(not ? " NOT IN (" : " IN ("), list.append(")"));
                yield not ? Sql.concat(in.wrap("(", " OR "), x.append(" IS NULL)")) : in;
            }
            case CONTAINS, NOT_CONTAINS, STARTS_WITH -> {
                String v = escapeLike(f.values().get(0).toString());
                String pattern = f.operator() == Operator.STARTS_WITH ? v + "%" : "%" + v + "%";
                yield d.ilike(x, pattern, f.operator() == Operator.NOT_CONTAINS);
            }
        };
    }

    /** A condition on an output column of the result row {@code r}. */
    Sql resultFilter(ResultFilter f) {
        Sql col = Sql.of("r." + d.quote(f.column()));
        return switch (f.operator()) {
            case "set" -> col.append(" IS NOT NULL");
            case "not_set" -> col.append(" IS NULL");
            default -> compare(col, f.operator(), f.values());
        };
    }

    /** {@code x} compared with bound values; "not equals" is also true for NULL. */
    private static Sql compare(Sql x, String operator, List<?> values) {
        return switch (operator) {
            case "not_equals" -> Sql.concat(x.wrap("(", " <> "), Sql.bind(values.get(0)), x.wrap(" OR ", " IS NULL)"));
            case "between" -> Sql.concat(x.append(" BETWEEN "), Sql.bind(values.get(0)), Sql.of(" AND "), Sql.bind(values.get(1)));
            default -> Sql.concat(x.append(" " + comparison(operator) + " "), Sql.bind(values.get(0)));
        };
    }

    private static String comparison(String op) {
        return switch (op) {
            case "equals" -> "=";
            case "gt" -> ">";
            case "gte" -> ">=";
            case "lt" -> "<";
            case "lte" -> "<=";
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }

    private static String escapeLike(String v) {
        return v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
