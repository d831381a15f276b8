package io.clarion.sql;

import io.clarion.catalog.model.Catalog;
import io.clarion.plan.Plan;
import io.clarion.catalog.model.MeasureType;
import io.clarion.plan.Plan.Leaf;
import io.clarion.plan.Plan.LeafMeasure;
import io.clarion.plan.Plan.OutputColumn;
import io.clarion.plan.Plan.ResultFilter;
import io.clarion.query.ResolvedQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders a plan to one SQL statement: a CTE per leaf ({@link Leaves}), the keys they share,
 * then the output columns ({@link Expressions}), result filters, order and limit. Values only
 * ever become bind parameters, each inside the {@link Sql} fragment that holds its placeholder;
 * identifiers come from the catalog.
 */
public final class SqlRenderer {
    /** The leaves combined (see {@link #combine}); leaf aliases are q0, q1, ... */
    private static final String COMBINED = "combined";

    private final Dialect d;
    private final Leaves leaves;
    private final Filters filters;
    private final Expressions expressions;

    public SqlRenderer(Catalog catalog, Dialect dialect) {
        this(catalog, dialect, () -> "");
    }

    /** {@code maskKey} keys the pseudonyms of masked PII (see {@link Dialect#maskHash}). */
    public SqlRenderer(Catalog catalog, Dialect dialect, Supplier<String> maskKey) {
        this.d = dialect;
        Templates templates = new Templates(catalog, dialect);
        this.filters = new Filters(dialect, templates);
        this.leaves = new Leaves(dialect, templates, new Sources(catalog, dialect, templates), filters, maskKey);
        this.expressions = new Expressions(dialect);
    }

    public Dialect dialect() {
        return d;
    }

    public CompiledSql render(Plan plan) {
        ResolvedQuery q = plan.query();
        Sql.Builder o = Sql.builder();
        o.add("WITH ");
        for (int i = 0; i < plan.leaves().size(); i++) {
            Leaf leaf = plan.leaves().get(i);
            if (i > 0) o.add(",\n");
            o.add(leaf.alias() + " AS (\n").add(leaves.render(leaf, LeafScope.of(leaf, q.referenceDate(), q.access()))).add("\n)");
        }
        boolean hasDims = !q.dimensions().isEmpty();
        boolean single = plan.leaves().size() == 1;
        boolean combined = hasDims && !single;
        if (combined) o.add(",\n" + COMBINED + " AS (\n").add(combine(plan)).add("\n)");

        // Output expressions, by name (analysis and comparison columns refer to others).
        Map<String, Sql> exprs = new LinkedHashMap<>();
        String dimSource = combined ? COMBINED : plan.leaves().get(0).alias();
        for (OutputColumn c : plan.columns()) {
            if (c.kind() == Plan.ColumnKind.DIMENSION) exprs.put(c.name(), Sql.of(dimSource + ".d" + c.dimIndex()));
        }
        Expressions.ColumnRef ref = combined ? (leaf, column) -> COMBINED + "." + leaf + "_" + column : (leaf, column) -> leaf + "." + column;
        for (OutputColumn c : plan.columns()) {
            if (c.kind() != Plan.ColumnKind.DIMENSION) exprs.put(c.name(), expressions.render(c.expr(), exprs, ref));
        }
        o.add("\nSELECT ");
        o.add(String.join(", ", plan.columns().stream().map(c -> d.quote(c.name())).toList()));
        o.add("\nFROM (\n  SELECT ");
        o.add(Sql.join(",\n    ", plan.columns().stream().map(c -> exprs.get(c.name()).append(" AS " + d.quote(c.name()))).toList()));
        o.add("\n  FROM ");
        if (single) {
            o.add(plan.leaves().get(0).alias());
        } else if (combined) {
            o.add(COMBINED);
        } else {
            o.add(String.join(" CROSS JOIN ", plan.leaves().stream().map(Leaf::alias).toList()));
        }
        o.add("\n) AS r");
        List<ResultFilter> rf = plan.resultFilters();
        for (int i = 0; i < rf.size(); i++) {
            o.add(i == 0 ? "\nWHERE " : " AND ").add(filters.resultFilter(rf.get(i)));
        }
        // One number over the groups (how many, or their mean): every group passing the filters counts once,
        // whatever the order or limit.
        if (plan.groupAverage().isPresent()) {
            ResolvedQuery.AnalysisSpec a = plan.groupAverage().get();
            return overGroups(plan, o.build(), "avg(g." + d.quote(a.metric()) + ") AS " + d.quote(a.column()));
        }
        if (plan.groupCount().isPresent()) {
            return overGroups(plan, o.build(), "count(*) AS " + d.quote(plan.groupCount().get().column()));
        }
        if (!plan.order().isEmpty()) {
            o.add("\nORDER BY ");
            for (int i = 0; i < plan.order().size(); i++) {
                ResolvedQuery.Order ord = plan.order().get(i);
                if (i > 0) o.add(", ");
                o.add("r." + d.quote(ord.field()) + (ord.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST"));
            }
        }
        // One row more than the limit tells the executor whether the result was truncated.
        o.add("\n").add(d.limit(plan.limit() + 1));
        Sql statement = o.build();
        return new CompiledSql(statement.text(), statement.binds());
    }

    /**
     * The leaves side by side: one row per combination of dimension values that a keyed leaf has
     * (a shifted leaf, the previous period of a comparison, only adds its values to those rows).
     * Every leaf is grouped by the query's dimensions, so it has at most one row per combination;
     * stacking the leaves with UNION ALL and grouping by the dimensions lines their values up.
     * GROUP BY treats NULL as one value, as the result must, and the planner estimates a grouping
     * of rows it has counted, where joins on coalesce()d keys made it guess selectivities and
     * multiply the guesses (millions of rows for a dozen, enough to cross the JIT thresholds).
     */
    private Sql combine(Plan plan) {
        List<Leaf> all = plan.leaves();
        int dims = plan.query().dimensions().size();
        boolean flagKeyed = all.stream().anyMatch(Leaf::shifted) && all.stream().anyMatch(l -> !l.shifted());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < dims; i++) keys.add("d" + i);
        List<Sql> picked = new ArrayList<>();
        for (String k : keys) picked.add(Sql.of(k));
        for (Leaf l : all) {
            for (LeafMeasure m : l.measures()) {
                String col = l.alias() + "_" + m.column();
                Sql value = Sql.of(col);
                // Any non-NULL value of the group is the leaf's; max() is the cheapest way to take it
                // for the standard aggregates, a custom one may return a type without an order.
                picked.add((m.measure().type() == MeasureType.NUMBER ? d.anyValue(value) : value.wrap("max(", ")")).append(" AS " + col));
            }
        }
        List<String> branches = new ArrayList<>();
        if (all.size() > 2) {
            // A NULL standing in for another leaf's column has no type of its own, and PostgreSQL
            // types a UNION pairwise: two such NULLs would become text before meeting the real
            // column. This branch, empty (WHERE FALSE), gives every column its leaf's type first.
            List<String> cols = new ArrayList<>();
            for (String k : keys) cols.add(all.get(0).alias() + "." + k + " AS " + k);
            if (flagKeyed) cols.add("1 AS k");
            for (Leaf l : all) for (LeafMeasure m : l.measures()) cols.add(l.alias() + "." + m.column() + " AS " + l.alias() + "_" + m.column());
            branches.add("    SELECT " + String.join(", ", cols) + " FROM "
                    + String.join(", ", all.stream().map(Leaf::alias).toList()) + " WHERE FALSE");
        }
        for (Leaf self : all) {
            List<String> cols = new ArrayList<>(keys);
            if (flagKeyed) cols.add((self.shifted() ? "0" : "1") + " AS k");
            for (Leaf l : all) {
                for (LeafMeasure m : l.measures()) cols.add((l == self ? m.column() : "NULL") + " AS " + l.alias() + "_" + m.column());
            }
            branches.add("    SELECT " + String.join(", ", cols) + " FROM " + self.alias());
        }
        return Sql.concat(Sql.join(", ", picked).wrap("  SELECT ", "\n  FROM (\n"),
                Sql.of(String.join("\n    UNION ALL\n", branches) + "\n  ) AS u\n  GROUP BY " + String.join(", ", keys)
                        + (flagKeyed ? "\n  HAVING max(k) = 1" : "")));
    }

    /** {@code select} over the grouped result; a group with no value at all (rows with no owner, no country) is not a group. */
    private CompiledSql overGroups(Plan plan, Sql groups, String select) {
        List<String> valued = plan.columns().stream().filter(c -> c.kind() == Plan.ColumnKind.DIMENSION)
                .map(c -> "g." + d.quote(c.name()) + " IS NOT NULL").toList();
        String where = valued.isEmpty() ? "" : "WHERE " + String.join(" OR ", valued) + "\n";
        Sql out = Sql.concat(Sql.of("SELECT " + select + "\nFROM (\n"), groups, Sql.of("\n) AS g\n" + where), d.limit(plan.limit() + 1));
        return new CompiledSql(out.text(), out.binds());
    }
}
