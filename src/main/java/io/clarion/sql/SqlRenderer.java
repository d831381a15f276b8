package io.clarion.sql;

import io.clarion.query.AccessRules;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.plan.Expr;
import io.clarion.plan.Plan;
import io.clarion.plan.Plan.Leaf;
import io.clarion.plan.Plan.LeafDim;
import io.clarion.plan.Plan.LeafFilter;
import io.clarion.plan.Plan.LeafMeasure;
import io.clarion.plan.Plan.OutputColumn;
import io.clarion.plan.Plan.ResultFilter;
import io.clarion.plan.Plan.Strategy;
import io.clarion.query.DateRange;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.ResolvedQuery;
import io.clarion.query.ResolvedQuery.DimFilter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders a plan to one SQL statement. Values only ever become bind parameters; identifiers
 * come from the catalog. Text is written in order, so binds are collected as it goes.
 */
public final class SqlRenderer {
    private static final String PERIOD_ALIAS = "__period";
    private static final String PERIOD_COLUMN = "period_start";

    private final Catalog catalog;
    private final Dialect d;
    private final Supplier<String> maskKey;

    public SqlRenderer(Catalog catalog, Dialect dialect) {
        this(catalog, dialect, () -> "");
    }

    /** {@code maskKey} keys the pseudonyms of masked PII (see {@link Dialect#maskHash}). */
    public SqlRenderer(Catalog catalog, Dialect dialect, Supplier<String> maskKey) {
        this.catalog = catalog;
        this.d = dialect;
        this.maskKey = maskKey;
    }

    public Dialect dialect() {
        return d;
    }

    /** Accumulates SQL text and its binds in the same order. */
    private static final class Out {
        final StringBuilder sql = new StringBuilder();
        final List<Object> binds = new ArrayList<>();

        Out add(String s) {
            sql.append(s);
            return this;
        }

        Out bind(String placeholder, Object value) {
            sql.append(placeholder);
            binds.add(value);
            return this;
        }
    }

    /**
     * How {PERIOD_*} and the reference date render inside one leaf, whose rows the principal may
     * see, and the alias each cube is written as (its name, except inside row-access subqueries).
     */
    private record Scope(LocalDate asOf, Plan.PeriodBinding period, Grain seriesGrain, AccessRules access,
                         Map<String, String> aliases) {
        String alias(String cube) {
            return aliases.getOrDefault(cube, cube);
        }

        Scope withAliases(Map<String, String> more) {
            Map<String, String> all = new HashMap<>(aliases);
            all.putAll(more);
            return new Scope(asOf, period, seriesGrain, access, all);
        }
    }

    public CompiledSql render(Plan plan) {
        ResolvedQuery q = plan.query();
        Out o = new Out();
        o.add("WITH ");
        for (int i = 0; i < plan.leaves().size(); i++) {
            Leaf leaf = plan.leaves().get(i);
            if (i > 0) o.add(",\n");
            o.add(leaf.alias()).add(" AS (\n");
            renderLeaf(o, leaf, q);
            o.add("\n)");
        }
        List<Leaf> keyed = plan.leaves().stream().filter(l -> !l.shifted()).toList();
        if (keyed.isEmpty()) keyed = plan.leaves();
        boolean hasDims = !q.dimensions().isEmpty();
        boolean single = plan.leaves().size() == 1;
        if (hasDims && !single) {
            o.add(",\nkeys AS (\n");
            for (int i = 0; i < keyed.size(); i++) {
                if (i > 0) o.add("\n  UNION\n");
                o.add("  SELECT ").add(dimList(q, keyed.get(i).alias())).add(" FROM ").add(keyed.get(i).alias());
            }
            o.add("\n)");
        }

        // Output expressions, by name (analysis and comparison columns refer to others).
        Map<String, String> exprs = new LinkedHashMap<>();
        String dimSource = hasDims && !single ? "keys" : plan.leaves().get(0).alias();
        for (OutputColumn c : plan.columns()) {
            if (c.kind() == Plan.ColumnKind.DIMENSION) exprs.put(c.name(), dimSource + ".d" + c.dimIndex());
        }
        for (OutputColumn c : plan.columns()) {
            if (c.kind() != Plan.ColumnKind.DIMENSION) exprs.put(c.name(), expr(c.expr(), exprs));
        }
        o.add("\nSELECT ");
        List<String> names = plan.columns().stream().map(OutputColumn::name).toList();
        o.add(String.join(", ", names.stream().map(d::quote).toList()));
        o.add("\nFROM (\n  SELECT ");
        List<String> sel = new ArrayList<>();
        for (OutputColumn c : plan.columns()) sel.add(exprs.get(c.name()) + " AS " + d.quote(c.name()));
        o.add(String.join(",\n    ", sel));
        o.add("\n  FROM ");
        if (single) {
            o.add(plan.leaves().get(0).alias());
        } else if (hasDims) {
            o.add("keys");
            for (Leaf l : plan.leaves()) {
                o.add("\n  LEFT JOIN ").add(l.alias()).add(" ON ").add(keyJoin(q, "keys", l.alias()));
            }
        } else {
            o.add(String.join(" CROSS JOIN ", plan.leaves().stream().map(Leaf::alias).toList()));
        }
        o.add("\n) AS r");
        List<ResultFilter> rf = plan.resultFilters();
        for (int i = 0; i < rf.size(); i++) {
            o.add(i == 0 ? "\nWHERE " : " AND ");
            resultFilter(o, rf.get(i));
        }
        if (!plan.order().isEmpty()) {
            o.add("\nORDER BY ");
            for (int i = 0; i < plan.order().size(); i++) {
                ResolvedQuery.Order ord = plan.order().get(i);
                if (i > 0) o.add(", ");
                o.add("r.").add(d.quote(ord.field())).add(ord.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST");
            }
        }
        // One row more than the limit tells the executor whether the result was truncated.
        o.add("\n").bind(d.limit(), plan.limit() + 1);
        return new CompiledSql(o.sql.toString(), o.binds);
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

    private void resultFilter(Out o, ResultFilter f) {
        String col = "r." + d.quote(f.column());
        switch (f.operator()) {
            case "set" -> o.add(col + " IS NOT NULL");
            case "not_set" -> o.add(col + " IS NULL");
            case "between" -> o.add(col + " BETWEEN ").bind("?", f.values().get(0)).add(" AND ").bind("?", f.values().get(1));
            case "not_equals" -> o.add("(" + col + " <> ").bind("?", f.values().get(0)).add(" OR " + col + " IS NULL)");
            default -> o.add(col + " " + comparison(f.operator()) + " ").bind("?", f.values().get(0));
        }
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

    // ---- metric expressions ----------------------------------------------------------------

    private String expr(Expr e, Map<String, String> outputs) {
        if (e instanceof Expr.Col c) {
            return c.zeroIfMissing() ? "coalesce(" + c.leaf() + "." + c.column() + ", 0)" : c.leaf() + "." + c.column();
        }
        if (e instanceof Expr.Num n) return n.text();
        if (e instanceof Expr.Binary b) return "(" + expr(b.left(), outputs) + " " + b.op() + " " + expr(b.right(), outputs) + ")";
        if (e instanceof Expr.Div v) return d.divide(expr(v.left(), outputs), expr(v.right(), outputs));
        if (e instanceof Expr.Neg n) return "(-" + expr(n.inner(), outputs) + ")";
        if (e instanceof Expr.OutputRef r) return outputs.get(r.name());
        return window((Expr.Window) e, outputs);
    }

    private String window(Expr.Window w, Map<String, String> outputs) {
        String inner = expr(w.inner(), outputs);
        List<String> partition = new ArrayList<>(w.partitionColumns().stream().map(outputs::get).toList());
        String time = w.orderColumn() == null ? null : outputs.get(w.orderColumn());
        if (w.kind() == Expr.Window.Kind.TO_DATE_SUM) partition.add(d.dateTrunc(w.grain(), time));
        String over = partition.isEmpty() ? "" : "PARTITION BY " + String.join(", ", partition);
        return switch (w.kind()) {
            case SUM_ALL -> "sum(" + inner + ") OVER (" + over + ")";
            case RANK_DESC -> "rank() OVER (" + over + (over.isEmpty() ? "" : " ") + "ORDER BY " + inner + " DESC NULLS LAST)";
            case ROLLING_SUM -> "sum(" + inner + ") OVER (" + over + (over.isEmpty() ? "" : " ") + "ORDER BY " + time
                    + " RANGE BETWEEN " + d.interval(w.grain(), w.size() - 1) + " PRECEDING AND CURRENT ROW)";
            case RUNNING_SUM, TO_DATE_SUM -> "sum(" + inner + ") OVER (" + over + (over.isEmpty() ? "" : " ") + "ORDER BY " + time
                    + " ROWS UNBOUNDED PRECEDING)";
        };
    }

    // ---- leaves ----------------------------------------------------------------------------

    private void renderLeaf(Out o, Leaf leaf, ResolvedQuery q) {
        Scope scope = new Scope(q.referenceDate(), leaf.period(), leaf.period().series() ? leaf.period().seriesGrain() : null,
                q.access(), Map.of());
        if (leaf.strategy() == Strategy.DISTINCT_KEYS) {
            renderDistinctKeysLeaf(o, leaf, scope);
            return;
        }
        o.add("  SELECT ");
        boolean first = true;
        for (LeafDim dim : leaf.dims()) {
            if (!first) o.add(", ");
            first = false;
            dimension(o, leaf, dim, scope);
            o.add(" AS ").add(dim.column());
        }
        for (LeafMeasure m : leaf.measures()) {
            if (!first) o.add(", ");
            first = false;
            aggregate(o, m, scope);
            o.add(" AS ").add(m.column());
        }
        if (first) o.add("1 AS one");
        o.add("\n  FROM ");
        from(o, leaf, scope);
        where(o, leaf, scope, true);
        groupBy(o, leaf.dims().size(), "");
    }

    /**
     * One-to-many joins repeat base rows. Find the distinct (primary key, dimension values) pairs
     * first, then aggregate the base rows once per pair.
     */
    private void renderDistinctKeysLeaf(Out o, Leaf leaf, Scope scope) {
        Cube base = leaf.base();
        Dimension pk = base.primaryKey().orElseThrow();
        o.add("  SELECT ");
        boolean first = true;
        for (LeafDim dim : leaf.dims()) {
            if (!first) o.add(", ");
            first = false;
            o.add("k.").add(dim.column());
        }
        for (LeafMeasure m : leaf.measures()) {
            if (!first) o.add(", ");
            first = false;
            aggregate(o, m, scope);
            o.add(" AS ").add(m.column());
        }
        o.add("\n  FROM (\n    SELECT DISTINCT ");
        template(o, pk.sql(), base.name(), scope);
        o.add(" AS __pk");
        for (LeafDim dim : leaf.dims()) {
            o.add(", ");
            dimension(o, leaf, dim, scope);
            o.add(" AS ").add(dim.column());
        }
        o.add("\n    FROM ");
        from(o, leaf, scope);
        where(o, leaf, scope, true);
        o.add("\n  ) AS k\n  JOIN ");
        source(o, base, scope);
        o.add(" ON ");
        template(o, pk.sql(), base.name(), scope);
        o.add(" = k.__pk");
        groupBy(o, leaf.dims().size(), "k.");
    }

    private static void groupBy(Out o, int dims, String prefix) {
        if (dims == 0) return;
        o.add("\n  GROUP BY ");
        for (int i = 0; i < dims; i++) {
            if (i > 0) o.add(", ");
            if (prefix.isEmpty()) o.add(String.valueOf(i + 1));
            else o.add(prefix + "d" + i);
        }
    }

    private void from(Out o, Leaf leaf, Scope scope) {
        if (scope.seriesGrain() != null) {
            DateRange r = leaf.period().seriesRange();
            String series = d.periodSeries(scope.seriesGrain(), PERIOD_ALIAS, PERIOD_COLUMN);
            int first = series.indexOf('?');
            int second = series.indexOf('?', first + 1);
            o.add(series.substring(0, first)).bind("?", r.start()).add(series.substring(first + 1, second))
                    .bind("?", DateRange.truncate(r.end().minusDays(1), scope.seriesGrain())).add(series.substring(second + 1));
            o.add(" CROSS JOIN ");
        }
        source(o, leaf.base(), scope);
        for (Join j : leaf.joins()) {
            Cube to = catalog.cube(j.to()).orElseThrow();
            o.add("\n  LEFT JOIN ");
            source(o, to, scope);
            o.add(" ON ");
            template(o, j.sql(), j.from(), scope);
        }
    }

    private void source(Out o, Cube cube, Scope scope) {
        AccessRules.RowRule rule = scope.access().rows(cube.name());
        if (rule instanceof AccessRules.AllRows) {
            rawSource(o, cube, scope);
            o.add(" AS ").add(d.quote(cube.name()));
            return;
        }
        // Only the rows the principal may see ever enter the query, whatever joins or measures follow.
        o.add("(SELECT * FROM ");
        rawSource(o, cube, scope);
        o.add(" AS ").add(d.quote(cube.name())).add(" WHERE ");
        rowCondition(o, cube.name(), rule, scope);
        o.add(") AS ").add(d.quote(cube.name()));
    }

    private void rawSource(Out o, Cube cube, Scope scope) {
        if (cube.sourceIsTable()) {
            String table = cube.source().source().strip();
            o.add(String.join(".", java.util.Arrays.stream(table.split("\\.")).map(d::quote).toList()));
        } else {
            o.add("(");
            template(o, cube.source(), cube.name(), scope);
            o.add(")");
        }
    }

    /** The visibility condition of a row of {@code cube}, written as {@code scope.alias(cube)}. */
    private void rowCondition(Out o, String cube, AccessRules.RowRule rule, Scope scope) {
        if (rule instanceof AccessRules.NoRows) {
            o.add("FALSE");
        } else if (rule instanceof AccessRules.Filtered f) {
            for (int i = 0; i < f.filters().size(); i++) {
                o.add(i == 0 ? "(" : " AND (");
                template(o, f.filters().get(i), cube, scope);
                o.add(")");
            }
        } else if (rule instanceof AccessRules.Through t) {
            // EXISTS a visible row at the end of the many-to-one path: the row belongs to it.
            Map<String, String> aliases = new HashMap<>();
            List<Join> path = t.path();
            for (int i = 0; i < path.size(); i++) aliases.put(path.get(i).to(), "__rls" + i + "_" + path.get(i).to());
            Scope inner = scope.withAliases(aliases);
            o.add("EXISTS (SELECT 1 FROM ");
            for (int i = 0; i < path.size(); i++) {
                Cube to = catalog.cube(path.get(i).to()).orElseThrow();
                if (i > 0) o.add(" JOIN ");
                rawSource(o, to, scope);
                o.add(" AS ").add(d.quote(inner.alias(to.name())));
                if (i > 0) {
                    o.add(" ON ");
                    template(o, path.get(i).sql(), path.get(i).from(), inner);
                }
            }
            o.add(" WHERE ");
            template(o, path.get(0).sql(), path.get(0).from(), inner);
            o.add(" AND ");
            rowCondition(o, t.target(), scope.access().rows(t.target()), inner);
            o.add(")");
        } else {
            o.add("TRUE");
        }
    }

    private void where(Out o, Leaf leaf, Scope scope, boolean includeTime) {
        // Conditions are deferred so their text and binds are written in order after WHERE/AND.
        List<Runnable> conds = new ArrayList<>();
        for (LeafFilter f : leaf.filters()) conds.add(() -> filter(o, f, scope));
        for (Segment s : leaf.segments()) conds.add(() -> {
            o.add("(");
            template(o, s.sql(), s.cube(), scope);
            o.add(")");
        });
        // When every measure is filtered, rows that pass none of the filters add nothing: saying so
        // in WHERE lets PostgreSQL use an index (e.g. "current MRR" reads one month, not all).
        // Not over a period spine, whose point is that every period shows, even an empty one.
        List<List<SqlTemplate>> measureFilters = leaf.measures().stream().map(m -> {
            List<SqlTemplate> f = new ArrayList<>(m.measure().filters());
            f.addAll(m.extraFilters());
            return f;
        }).toList();
        if (leaf.strategy() == Strategy.DIRECT && scope.seriesGrain() == null && !measureFilters.isEmpty() && measureFilters.stream().noneMatch(List::isEmpty)) {
            conds.add(() -> {
                o.add("(");
                for (int i = 0; i < measureFilters.size(); i++) {
                    if (i > 0) o.add(" OR ");
                    o.add("(");
                    List<SqlTemplate> fs = measureFilters.get(i);
                    for (int k = 0; k < fs.size(); k++) {
                        if (k > 0) o.add(" AND ");
                        o.add("(");
                        template(o, fs.get(k), leaf.measures().get(i).measure().cube(), scope);
                        o.add(")");
                    }
                    o.add(")");
                }
                o.add(")");
            });
        }
        if (includeTime && leaf.timeDimension() != null && leaf.timeBounds() != null && scope.seriesGrain() == null) {
            ResolvedQuery.TimeBounds b = leaf.timeBounds();
            Dimension t = leaf.timeDimension();
            if (b.from() != null) conds.add(() -> {
                template(o, t.sql(), t.cube(), scope);
                o.add(" >= ").bind(d.dateParam(), b.from());
            });
            if (b.until() != null) conds.add(() -> {
                template(o, t.sql(), t.cube(), scope);
                o.add(" < ").bind(d.dateParam(), b.until());
            });
        }
        if (scope.seriesGrain() != null && leaf.timeDimension() != null) {
            Dimension t = leaf.timeDimension();
            conds.add(() -> {
                template(o, t.sql(), t.cube(), scope);
                o.add(" >= ").add(periodStart());
                o.add(" AND ");
                template(o, t.sql(), t.cube(), scope);
                o.add(" < ").add(periodEnd(scope.seriesGrain()));
            });
        }
        for (int i = 0; i < conds.size(); i++) {
            o.add(i == 0 ? "\n  WHERE " : "\n    AND ");
            conds.get(i).run();
        }
    }

    private String periodStart() {
        return "CAST(" + d.quote(PERIOD_ALIAS) + "." + d.quote(PERIOD_COLUMN) + " AS date)";
    }

    private String periodEnd(Grain g) {
        return d.addGrains(d.quote(PERIOD_ALIAS) + "." + d.quote(PERIOD_COLUMN), g, 1);
    }

    private void dimension(Out o, Leaf leaf, LeafDim dim, Scope scope) {
        if (dim.ref().isMetricTime() && scope.seriesGrain() != null) {
            o.add(periodStart());
            return;
        }
        Dimension src = dim.source();
        if (src == null) {
            o.add("NULL");
            return;
        }
        if (scope.access().masks(src)) {
            mask(o, src, scope);
            return;
        }
        if (dim.grain() == null) {
            template(o, src.sql(), src.cube(), scope);
            return;
        }
        Out inner = new Out();
        template(inner, src.sql(), src.cube(), scope);
        String truncated = d.dateTrunc(dim.grain(), inner.sql.toString());
        boolean shiftLabel = leaf.labelShift() != null && (dim.ref().isMetricTime() || src.equals(leaf.timeDimension()));
        String text = shiftLabel ? d.addGrains(truncated, leaf.labelShift().grain(), leaf.labelShift().units()) : truncated;
        o.add(text);
        o.binds.addAll(inner.binds);
    }

    /** Masked PII: the raw value is computed and masked inside the database; it never reaches Clarion. */
    private void mask(Out o, Dimension dim, Scope scope) {
        Out inner = new Out();
        template(inner, dim.sql(), dim.cube(), scope);
        if ("hash".equals(dim.info().masking())) {
            String text = d.maskHash(inner.sql.toString());
            int key = text.indexOf('?');
            o.add(text.substring(0, key)).bind("?", new SecretBind(maskKey.get())).add(text.substring(key + 1));
        } else {
            o.add(d.redact(inner.sql.toString()));
        }
        o.binds.addAll(inner.binds);
    }

    private void aggregate(Out o, LeafMeasure lm, Scope scope) {
        Measure m = lm.measure();
        List<SqlTemplate> filters = new ArrayList<>(m.filters());
        filters.addAll(lm.extraFilters());
        Out agg = new Out();
        switch (m.type()) {
            case COUNT -> {
                if (m.sql() == null) agg.add("count(*)");
                else wrap(agg, "count(", m, scope);
            }
            case COUNT_DISTINCT -> wrap(agg, "count(DISTINCT ", m, scope);
            case SUM -> wrap(agg, "sum(", m, scope);
            case AVG -> wrap(agg, "avg(", m, scope);
            case MIN -> wrap(agg, "min(", m, scope);
            case MAX -> wrap(agg, "max(", m, scope);
            case NUMBER -> {
                if (!filters.isEmpty()) {
                    throw new QueryException(QueryCode.UNSUPPORTED_MEASURE.at("metrics", m.fullName()
                            + " is a custom aggregate with filters; put the condition inside its SQL"));
                }
                agg.add("(");
                template(agg, m.sql(), m.cube(), scope);
                agg.add(")");
            }
        }
        if (filters.isEmpty()) {
            o.add(agg.sql.toString());
            o.binds.addAll(agg.binds);
            return;
        }
        Out cond = new Out();
        for (int i = 0; i < filters.size(); i++) {
            if (i > 0) cond.add(" AND ");
            cond.add("(");
            template(cond, filters.get(i), m.cube(), scope);
            cond.add(")");
        }
        o.add(d.filteredAggregate(agg.sql.toString(), cond.sql.toString()));
        o.binds.addAll(agg.binds);
        o.binds.addAll(cond.binds);
    }

    private void wrap(Out o, String open, Measure m, Scope scope) {
        o.add(open);
        template(o, m.sql(), m.cube(), scope);
        o.add(")");
    }

    private void filter(Out o, LeafFilter lf, Scope scope) {
        DimFilter f = lf.filter();
        Dimension dim = f.target().dimension();
        Out e = new Out();
        template(e, dim.sql(), dim.cube(), scope);
        String x = e.sql.toString();
        // The dimension text may carry binds (e.g. {AS_OF}); it is written once per use below.
        Runnable expr = () -> {
            o.add(x);
            o.binds.addAll(e.binds);
        };
        switch (f.operator()) {
            case SET -> {
                expr.run();
                o.add(" IS NOT NULL");
            }
            case NOT_SET -> {
                expr.run();
                o.add(" IS NULL");
            }
            case EQUALS, NOT_EQUALS, GT, GTE, LT, LTE, BETWEEN, IN_DATE_RANGE, BEFORE, AFTER -> {
                if (lf.bounds() != null) {
                    ResolvedQuery.TimeBounds b = lf.bounds();
                    if (b.from() != null) {
                        expr.run();
                        o.add(" >= ").bind(d.dateParam(), b.from());
                    }
                    if (b.until() != null) {
                        if (b.from() != null) o.add(" AND ");
                        expr.run();
                        o.add(" < ").bind(d.dateParam(), b.until());
                    }
                    return;
                }
                switch (f.operator()) {
                    case NOT_EQUALS -> {
                        o.add("(");
                        expr.run();
                        o.add(" <> ").bind("?", f.values().get(0)).add(" OR ");
                        expr.run();
                        o.add(" IS NULL)");
                    }
                    case BETWEEN -> {
                        expr.run();
                        o.add(" BETWEEN ").bind("?", f.values().get(0)).add(" AND ").bind("?", f.values().get(1));
                    }
                    default -> {
                        expr.run();
                        o.add(" " + comparison(f.operator().key()) + " ").bind("?", f.values().get(0));
                    }
                }
            }
            case IN, NOT_IN -> {
                boolean not = f.operator() == io.clarion.query.Operator.NOT_IN;
                if (not) o.add("(");
                expr.run();
                o.add(not ? " NOT IN (" : " IN (");
                for (int i = 0; i < f.values().size(); i++) {
                    if (i > 0) o.add(", ");
                    o.bind("?", f.values().get(i));
                }
                o.add(")");
                if (not) {
                    o.add(" OR ");
                    expr.run();
                    o.add(" IS NULL)");
                }
            }
            case CONTAINS, NOT_CONTAINS, STARTS_WITH -> {
                String v = escapeLike(f.values().get(0).toString());
                String pattern = f.operator() == io.clarion.query.Operator.STARTS_WITH ? v + "%" : "%" + v + "%";
                String like = d.ilike(x, f.operator() == io.clarion.query.Operator.NOT_CONTAINS);
                // Expand the dialect's text, binding the dimension's own parameters at each use.
                for (int i = 0; i < like.length(); ) {
                    if (like.startsWith(x, i) && !x.isEmpty()) {
                        expr.run();
                        i += x.length();
                    } else if (like.charAt(i) == '?' ) {
                        o.bind("?", pattern);
                        i++;
                    } else {
                        o.add(String.valueOf(like.charAt(i)));
                        i++;
                    }
                }
            }
        }
    }

    private static String escapeLike(String v) {
        return v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    // ---- catalog SQL fragments ---------------------------------------------------------------

    private void template(Out o, SqlTemplate t, String owner, Scope scope) {
        template(o, t, owner, scope, new HashSet<>());
    }

    private void template(Out o, SqlTemplate t, String owner, Scope scope, Set<String> inlining) {
        for (SqlTemplate.Part p : t.parts()) {
            if (p instanceof SqlTemplate.Text x) {
                o.add(x.sql());
            } else if (p instanceof SqlTemplate.Column c) {
                o.add(d.quote(scope.alias(c.cube()))).add(".").add(d.quote(c.column()));
            } else if (p instanceof SqlTemplate.CubeRef c) {
                o.add(d.quote(scope.alias(c.cube())));
            } else if (p instanceof SqlTemplate.Attribute a) {
                String value = scope.access().attribute(a.name()).orElse(null);
                // AccessRules refuses a principal without the attribute; never let NULL widen the filter.
                if (value == null) throw new IllegalStateException("principal has no " + a.name());
                o.bind("?", value);
            } else if (p instanceof SqlTemplate.MemberRef m) {
                String cube = m.cube() == null ? owner : m.cube();
                Dimension dim = catalog.dimension(cube + "." + m.member()).orElseThrow(() ->
                        new IllegalStateException("unresolved reference " + cube + "." + m.member()));
                if (!inlining.add(dim.fullName())) throw new IllegalStateException("reference cycle at " + dim.fullName());
                o.add("(");
                template(o, dim.sql(), dim.cube(), scope, inlining);
                o.add(")");
                inlining.remove(dim.fullName());
            } else if (p instanceof SqlTemplate.Param param) {
                switch (param.name()) {
                    case AS_OF -> o.bind(d.dateParam(), scope.asOf());
                    case PERIOD_START -> {
                        if (scope.seriesGrain() != null) o.add(periodStart());
                        else o.bind(d.dateParam(), scope.period().fixed().start());
                    }
                    case PERIOD_END -> {
                        if (scope.seriesGrain() != null) o.add(periodEnd(scope.seriesGrain()));
                        else o.bind(d.dateParam(), scope.period().fixed().end());
                    }
                }
            }
        }
    }
}
