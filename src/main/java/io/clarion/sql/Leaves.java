package io.clarion.sql;

import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Relationship;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.plan.Plan.Leaf;
import io.clarion.plan.Plan.LeafDim;
import io.clarion.plan.Plan.LeafMeasure;
import io.clarion.plan.Plan.Strategy;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** One leaf: the measures of one cube aggregated to the query's grain, dimensions masked where the caller must not see them. */
final class Leaves {
    private final Dialect d;
    private final Templates templates;
    private final Sources sources;
    private final Filters filters;
    private final Supplier<String> maskKey;
    private final Snapshots snapshots;
    private final Cumulatives cumulatives;
    private final Conversions conversions;

    Leaves(Dialect dialect, Templates templates, Sources sources, Filters filters, Supplier<String> maskKey) {
        this.d = dialect;
        this.templates = templates;
        this.sources = sources;
        this.filters = filters;
        this.maskKey = maskKey;
        this.snapshots = new Snapshots(dialect, templates, sources, filters);
        this.cumulatives = new Cumulatives(dialect, templates, sources);
        this.conversions = new Conversions(dialect, templates, sources, filters);
    }

    Sql render(Leaf leaf, LeafScope scope) {
        if (leaf.strategy() == Strategy.DISTINCT_KEYS) return distinctKeys(leaf, scope);
        Sql counted = distinctFirst(leaf, scope);
        if (counted != null) return distinctThenCount(leaf, counted, scope);
        List<Sql> columns = new ArrayList<>();
        for (LeafDim dim : leaf.dims()) columns.add(dimension(leaf, dim, scope).append(" AS " + dim.column()));
        for (LeafMeasure m : leaf.measures()) columns.add(aggregate(leaf, m, scope).append(" AS " + m.column()));
        if (columns.isEmpty()) columns.add(Sql.of("1 AS one"));
        return Sql.concat(Sql.join(", ", columns).wrap("  SELECT ", "\n  FROM "), from(leaf, scope),
                snapshots.where(leaf, scope), Sql.of(groupBy(leaf.dims().size(), "")));
    }

    /**
     * One-to-many joins repeat base rows. Find the distinct (primary key, dimension values) pairs
     * first, then aggregate the base rows once per pair.
     */
    private Sql distinctKeys(Leaf leaf, LeafScope scope) {
        Cube base = leaf.base();
        Dimension pk = base.primaryKey().orElseThrow();
        List<Sql> outer = new ArrayList<>();
        for (LeafDim dim : leaf.dims()) outer.add(Sql.of("k." + dim.column()));
        for (LeafMeasure m : leaf.measures()) outer.add(aggregate(leaf, m, scope).append(" AS " + m.column()));
        List<Sql> inner = new ArrayList<>();
        inner.add(templates.render(pk.sql(), base.name(), scope).append(" AS __pk"));
        for (LeafDim dim : leaf.dims()) inner.add(dimension(leaf, dim, scope).append(" AS " + dim.column()));
        return Sql.concat(Sql.join(", ", outer).wrap("  SELECT ", "\n  FROM (\n    SELECT DISTINCT "),
                Sql.join(", ", inner), Sql.of("\n    FROM "), from(leaf, scope), snapshots.where(leaf, scope),
                Sql.of("\n  ) AS k\n  JOIN "), sources.source(base, scope), Sql.of(" ON "),
                templates.render(pk.sql(), base.name(), scope).append(" = k.__pk"), Sql.of(groupBy(leaf.dims().size(), "k.")));
    }

    /**
     * The counted value of a leaf whose one measure is a plain count of distinct values, or null.
     * PostgreSQL computes count(DISTINCT x) from all the group's rows sorted by x: it cannot hash
     * it nor aggregate it in parallel parts, and on a million rows the sort spills to disk. Grouping
     * by the dimensions and x first lets it hash the (dimensions, x) pairs, and counting x per
     * group then gives the same number: each non-null value once, NULL not at all, and a group
     * whose values are all NULL still present with 0. Only without a FILTER clause on the
     * measure (its filters, if any, are in the WHERE), since the pairs are of all the leaf's rows.
     */
    private Sql distinctFirst(Leaf leaf, LeafScope scope) {
        if (leaf.measures().size() != 1) return null;
        LeafMeasure lm = leaf.measures().get(0);
        Measure m = lm.measure();
        if (m.type() != MeasureType.COUNT_DISTINCT || m.sql() == null || lm.part() != null) return null;
        List<SqlTemplate> conditions = new ArrayList<>(m.filters());
        conditions.addAll(lm.extraFilters());
        if (!conditions.isEmpty() && !Filters.measureFiltersInWhere(leaf, scope)) return null;
        if (lm.conversion() != null) return null;
        // Already distinct in every group: a plain count, no sorting to save.
        if (distinctByGrain(leaf, m, conditions, scope)) return null;
        return templates.render(m.sql(), m.cube(), scope);
    }

    private Sql distinctThenCount(Leaf leaf, Sql counted, LeafScope scope) {
        List<Sql> outer = new ArrayList<>();
        for (LeafDim dim : leaf.dims()) outer.add(Sql.of("k." + dim.column()));
        LeafMeasure lm = leaf.measures().get(0);
        outer.add(d.aggregate(MeasureType.COUNT, Sql.of("k.__counted"), null).append(" AS " + lm.column()));
        List<Sql> inner = new ArrayList<>();
        for (LeafDim dim : leaf.dims()) inner.add(dimension(leaf, dim, scope).append(" AS " + dim.column()));
        inner.add(counted.append(" AS __counted"));
        return Sql.concat(Sql.join(", ", outer).wrap("  SELECT ", "\n  FROM (\n    SELECT "), Sql.join(", ", inner),
                Sql.of("\n    FROM "), from(leaf, scope), snapshots.where(leaf, scope),
                Sql.of(groupBy(leaf.dims().size() + 1, "") + "\n  ) AS k"), Sql.of(groupBy(leaf.dims().size(), "k.")));
    }

    /** The leaf's sources, and a cumulative leaf's periods joined to their windows' rows. */
    private Sql from(Leaf leaf, LeafScope scope) {
        return Sql.concat(sources.from(leaf, scope), cumulatives.join(leaf, scope));
    }

    private static String groupBy(int dims, String prefix) {
        if (dims == 0) return "";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < dims; i++) keys.add(prefix.isEmpty() ? String.valueOf(i + 1) : prefix + "d" + i);
        return "\n  GROUP BY " + String.join(", ", keys);
    }

    private Sql dimension(Leaf leaf, LeafDim dim, LeafScope scope) {
        if (dim.ref().isMetricTime() && scope.seriesGrain() != null) return templates.periodStart();
        Sql period = cumulatives.label(leaf, dim);
        if (period != null) return period;
        Dimension src = dim.source();
        if (src == null) return Sql.of("NULL");
        if (scope.access().masks(src)) return mask(src, scope);
        Sql value = templates.render(src.sql(), src.cube(), scope);
        if (dim.grain() == null) return value;
        Sql truncated = d.dateTrunc(dim.grain(), value);
        boolean shiftLabel = leaf.labelShift() != null && (dim.ref().isMetricTime() || src.equals(leaf.timeDimension()));
        return shiftLabel ? d.addGrains(truncated, leaf.labelShift().grain(), leaf.labelShift().units()) : truncated;
    }

    /** Masked PII: the raw value is computed and masked inside the database; it never reaches Clarion. */
    private Sql mask(Dimension dim, LeafScope scope) {
        Sql raw = templates.render(dim.sql(), dim.cube(), scope);
        return "hash".equals(dim.info().masking()) ? d.maskHash(raw, new SecretBind(maskKey.get())) : d.redact(raw);
    }

    private Sql aggregate(Leaf leaf, LeafMeasure lm, LeafScope scope) {
        Measure m = lm.measure();
        List<SqlTemplate> conditions = new ArrayList<>(m.filters());
        conditions.addAll(lm.extraFilters());
        Sql converted = conversions.condition(lm, scope);
        Sql part = filters.part(lm.part(), scope);
        if (part != null) converted = converted == null ? part : Sql.concat(converted, part.wrap(" AND ", ""));
        if (m.type() == MeasureType.NUMBER) {
            // The measure's own filters: its leaf holds only custom aggregates with these same
            // filters, and Filters.where puts them in the WHERE unless the leaf is on a period
            // spine. Anything added by the query has nowhere to go inside the expression.
            boolean inWhere = converted == null && scope.seriesGrain() == null && leaf.measures().stream()
                    .allMatch(o -> o.extraFilters().isEmpty() && o.measure().filters().equals(m.filters()));
            if (!(conditions.isEmpty() || inWhere) || converted != null) {
                throw new QueryException(QueryCode.UNSUPPORTED_MEASURE.at("metrics", m.fullName()
                        + " is a custom aggregate with filters; put the condition inside its SQL"));
            }
            return templates.render(m.sql(), m.cube(), scope).parenthesize();
        }
        Sql argument = m.sql() == null ? null : templates.render(m.sql(), m.cube(), scope);
        boolean inWhere = Filters.measureFiltersInWhere(leaf, scope);
        Sql condition = conditions.isEmpty() || inWhere ? null : filters.all(conditions, m.cube(), scope);
        if (converted != null) condition = condition == null ? converted : Sql.concat(condition, converted.wrap(" AND ", ""));
        MeasureType type = m.type() == MeasureType.COUNT_DISTINCT && distinctByGrain(leaf, m, conditions, scope) ? MeasureType.COUNT : m.type();
        return d.aggregate(type, argument, condition);
    }

    /**
     * Whether the counted values are already distinct in every group of this leaf, so that
     * count(DISTINCT x) equals count(x) and the database need not sort or hash to find out: a
     * declared unique key of the base cube is covered by the counted dimension and the leaf's
     * group-by dimensions (read as they are, not truncated or masked), and nothing repeats a
     * base row (only many-to-one joins, no period spine). A column the measure's own filters
     * pin to one value ({@code month = the current month}) covers its dimensions too: every
     * counted row has that value. Both counts skip NULLs alike.
     */
    private static boolean distinctByGrain(Leaf leaf, Measure m, List<SqlTemplate> conditions, LeafScope scope) {
        Cube base = leaf.base();
        if (leaf.strategy() != Strategy.DIRECT || scope.seriesGrain() != null || m.sql() == null || !m.cube().equals(base.name())) return false;
        if (leaf.joins().stream().anyMatch(j -> j.relationship() == Relationship.ONE_TO_MANY)) return false;
        Set<String> covered = new HashSet<>();
        for (Dimension dim : base.dimensions()) {
            if (sameValue(m.sql(), dim)) covered.add(dim.name());
        }
        if (covered.isEmpty()) return false;
        for (SqlTemplate condition : conditions) {
            PinnedColumns.pinned(condition, base.name()).ifPresent(column -> {
                for (Dimension dim : base.dimensions()) {
                    if (dim.sql().parts().equals(List.of(new SqlTemplate.Column(base.name(), column)))) covered.add(dim.name());
                }
            });
        }
        for (LeafDim ld : leaf.dims()) {
            Dimension src = ld.source();
            if (src == null || ld.grain() != null || !src.cube().equals(base.name()) || scope.access().masks(src)) continue;
            if (ld.ref().isMetricTime()) continue;
            covered.add(src.name());
        }
        return base.uniqueKeys().stream().anyMatch(key -> key.stream().allMatch(k -> covered.contains(k.name())));
    }

    /** The measure's SQL reads exactly this dimension: the same column, or a reference to it. */
    private static boolean sameValue(SqlTemplate sql, Dimension dim) {
        if (sql.parts().equals(dim.sql().parts())) return true;
        return sql.parts().size() == 1 && sql.parts().get(0) instanceof SqlTemplate.MemberRef r
                && dim.cube().equals(r.cube()) && dim.name().equals(r.member());
    }
}
