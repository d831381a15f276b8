package io.clarion.sql;

import io.clarion.catalog.model.Catalog;
import io.clarion.plan.Plan;
import io.clarion.plan.Plan.Leaf;
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
        List<Leaf> keyed = plan.leaves().stream().filter(l -> !l.shifted()).toList();
        if (keyed.isEmpty()) keyed = plan.leaves();
        boolean hasDims = !q.dimensions().isEmpty();
        boolean single = plan.leaves().size() == 1;
        if (hasDims && !single) {
            o.add(",\nkeys AS (\n");
            for (int i = 0; i < keyed.size(); i++) {
                if (i > 0) o.add("\n  UNION\n");
                o.add("  SELECT " + dimList(q, keyed.get(i).alias()) + " FROM " + keyed.get(i).alias());
            }
            o.add("\n)");
        }

        // Output expressions, by name (analysis and comparison columns refer to others).
        Map<String, Sql> exprs = new LinkedHashMap<>();
        String dimSource = hasDims && !single ? "keys" : plan.leaves().get(0).alias();
        for (OutputColumn c : plan.columns()) {
            if (c.kind() == Plan.ColumnKind.DIMENSION) exprs.put(c.name(), Sql.of(dimSource + ".d" + c.dimIndex()));
        }
        for (OutputColumn c : plan.columns()) {
            if (c.kind() != Plan.ColumnKind.DIMENSION) exprs.put(c.name(), expressions.render(c.expr(), exprs));
        }
        o.add("\nSELECT ");
        o.add(String.join(", ", plan.columns().stream().map(c -> d.quote(c.name())).toList()));
        o.add("\nFROM (\n  SELECT ");
        o.add(Sql.join(",\n    ", plan.columns().stream().map(c -> exprs.get(c.name()).append(" AS " + d.quote(c.name()))).toList()));
        o.add("\n  FROM ");
        if (single) {
            o.add(plan.leaves().get(0).alias());
        } else if (hasDims) {
            o.add("keys");
            for (Leaf l : plan.leaves()) o.add("\n  LEFT JOIN " + l.alias() + " ON " + keyJoin(q, "keys", l.alias()));
        } else {
            o.add(String.join(" CROSS JOIN ", plan.leaves().stream().map(Leaf::alias).toList()));
        }
        o.add("\n) AS r");
        List<ResultFilter> rf = plan.resultFilters();
        for (int i = 0; i < rf.size(); i++) {
            o.add(i == 0 ? "\nWHERE " : " AND ").add(filters.resultFilter(rf.get(i)));
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

    private static String dimList(ResolvedQuery q, String alias) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < q.dimensions().size(); i++) cols.add(alias + ".d" + i);
        return String.join(", ", cols);
    }

    /** Join on dimension values, NULL matching NULL, in a form the planner can hash. */
    private String keyJoin(ResolvedQuery q, String a, String b) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < q.dimensions().size(); i++) {
            String x = a + ".d" + i;
            String y = b + ".d" + i;
            String k = d.nullKey(q.dimensions().get(i).type());
            parts.add("coalesce(" + x + ", " + k + ") = coalesce(" + y + ", " + k + ") AND (" + x + " IS NULL) = (" + y + " IS NULL)");
        }
        return String.join(" AND ", parts);
    }
}
