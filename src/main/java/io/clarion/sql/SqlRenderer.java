package io.clarion.sql;

import io.clarion.query.AccessRules;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
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
import io.clarion.query.QueryError;
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
 * Renders a plan to one SQL statement. Values only ever become bind parameters, each inside the
 * {@link Sql} fragment that holds its placeholder; identifiers come from the catalog.
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
        Sql.Builder o = Sql.builder();
        o.add("WITH ");
        for (int i = 0; i < plan.leaves().size(); i++) {
            Leaf leaf = plan.leaves().get(i);
            if (i > 0) o.add(",\n");
            o.add(leaf.alias() + " AS (\n").add(renderLeaf(leaf, q)).add("\n)");
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
            if (c.kind() != Plan.ColumnKind.DIMENSION) exprs.put(c.name(), expr(c.expr(), exprs));
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
            o.add(i == 0 ? "\nWHERE " : " AND ").add(resultFilter(rf.get(i)));
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

    private Sql resultFilter(ResultFilter f) {
        Sql col = Sql.of("r." + d.quote(f.column()));
        return switch (f.operator()) {
            case "set" -> col.append(" IS NOT NULL");
            case "not_set" -> col.append(" IS NULL");
            case "between" -> Sql.concat(col.append(" BETWEEN "), Sql.bind(f.values().get(0)), Sql.of(" AND "), Sql.bind(f.values().get(1)));
            case "not_equals" -> Sql.concat(col.wrap("(", " <> "), Sql.bind(f.values().get(0)), col.wrap(" OR ", " IS NULL)"));
            default -> Sql.concat(col.append(" " + comparison(f.operator()) + " "), Sql.bind(f.values().get(0)));
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

    // ---- metric expressions ----------------------------------------------------------------

    private Sql expr(Expr e, Map<String, Sql> outputs) {
        if (e instanceof Expr.Col c) {
            String col = c.leaf() + "." + c.column();
            return Sql.of(c.zeroIfMissing() ? "coalesce(" + col + ", 0)" : col);
        }
        if (e instanceof Expr.Num n) return Sql.of(n.text());
        if (e instanceof Expr.Binary b) {
            return Sql.concat(expr(b.left(), outputs).wrap("(", " " + b.op() + " "), expr(b.right(), outputs).append(")"));
        }
        if (e instanceof Expr.Div v) return d.divide(expr(v.left(), outputs), expr(v.right(), outputs));
        if (e instanceof Expr.Neg n) return expr(n.inner(), outputs).wrap("(-", ")");
        if (e instanceof Expr.OutputRef r) return outputs.get(r.name());
        return window((Expr.Window) e, outputs);
    }

    private Sql window(Expr.Window w, Map<String, Sql> outputs) {
        Sql inner = expr(w.inner(), outputs);
        List<Sql> partition = new ArrayList<>(w.partitionColumns().stream().map(outputs::get).toList());
        Sql time = w.orderColumn() == null ? null : outputs.get(w.orderColumn());
        if (w.kind() == Expr.Window.Kind.TO_DATE_SUM) partition.add(d.dateTrunc(w.grain(), time));
        Sql over = partition.isEmpty() ? Sql.EMPTY : Sql.join(", ", partition).wrap("PARTITION BY ", "");
        Sql overSpace = over.isEmpty() ? over : over.append(" ");
        return switch (w.kind()) {
            case SUM_ALL -> Sql.concat(inner.wrap("sum(", ") OVER ("), over, Sql.of(")"));
            case RANK_DESC -> Sql.concat(Sql.of("rank() OVER ("), overSpace, inner.wrap("ORDER BY ", " DESC NULLS LAST)"));
            case ROLLING_SUM -> Sql.concat(inner.wrap("sum(", ") OVER ("), overSpace, time.wrap("ORDER BY ", ""),
                    Sql.of(" RANGE BETWEEN " + d.interval(w.grain(), w.size() - 1) + " PRECEDING AND CURRENT ROW)"));
            case RUNNING_SUM, TO_DATE_SUM -> Sql.concat(inner.wrap("sum(", ") OVER ("), overSpace, time.wrap("ORDER BY ", ""),
                    Sql.of(" ROWS UNBOUNDED PRECEDING)"));
        };
    }

    // ---- leaves ----------------------------------------------------------------------------

    private Sql renderLeaf(Leaf leaf, ResolvedQuery q) {
        Scope scope = new Scope(q.referenceDate(), leaf.period(), leaf.period().series() ? leaf.period().seriesGrain() : null,
                q.access(), Map.of());
        if (leaf.strategy() == Strategy.DISTINCT_KEYS) return renderDistinctKeysLeaf(leaf, scope);
        List<Sql> columns = new ArrayList<>();
        for (LeafDim dim : leaf.dims()) columns.add(dimension(leaf, dim, scope).append(" AS " + dim.column()));
        for (LeafMeasure m : leaf.measures()) columns.add(aggregate(m, scope).append(" AS " + m.column()));
        if (columns.isEmpty()) columns.add(Sql.of("1 AS one"));
        return Sql.concat(Sql.join(", ", columns).wrap("  SELECT ", "\n  FROM "), from(leaf, scope), where(leaf, scope),
                Sql.of(groupBy(leaf.dims().size(), "")));
    }

    /**
     * One-to-many joins repeat base rows. Find the distinct (primary key, dimension values) pairs
     * first, then aggregate the base rows once per pair.
     */
    private Sql renderDistinctKeysLeaf(Leaf leaf, Scope scope) {
        Cube base = leaf.base();
        Dimension pk = base.primaryKey().orElseThrow();
        List<Sql> outer = new ArrayList<>();
        for (LeafDim dim : leaf.dims()) outer.add(Sql.of("k." + dim.column()));
        for (LeafMeasure m : leaf.measures()) outer.add(aggregate(m, scope).append(" AS " + m.column()));
        List<Sql> inner = new ArrayList<>();
        inner.add(template(pk.sql(), base.name(), scope).append(" AS __pk"));
        for (LeafDim dim : leaf.dims()) inner.add(dimension(leaf, dim, scope).append(" AS " + dim.column()));
        return Sql.concat(Sql.join(", ", outer).wrap("  SELECT ", "\n  FROM (\n    SELECT DISTINCT "),
                Sql.join(", ", inner), Sql.of("\n    FROM "), from(leaf, scope), where(leaf, scope),
                Sql.of("\n  ) AS k\n  JOIN "), source(base, scope), Sql.of(" ON "),
                template(pk.sql(), base.name(), scope).append(" = k.__pk"), Sql.of(groupBy(leaf.dims().size(), "k.")));
    }

    private static String groupBy(int dims, String prefix) {
        if (dims == 0) return "";
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < dims; i++) keys.add(prefix.isEmpty() ? String.valueOf(i + 1) : prefix + "d" + i);
        return "\n  GROUP BY " + String.join(", ", keys);
    }

    private Sql from(Leaf leaf, Scope scope) {
        Sql.Builder o = Sql.builder();
        if (scope.seriesGrain() != null) {
            DateRange r = leaf.period().seriesRange();
            o.add(d.periodSeries(scope.seriesGrain(), PERIOD_ALIAS, PERIOD_COLUMN, r.start(),
                    DateRange.truncate(r.end().minusDays(1), scope.seriesGrain())));
            o.add(" CROSS JOIN ");
        }
        o.add(source(leaf.base(), scope));
        for (Join j : leaf.joins()) {
            Cube to = catalog.cube(j.to()).orElseThrow();
            o.add("\n  LEFT JOIN ").add(source(to, scope)).add(" ON ").add(template(j.sql(), j.from(), scope));
        }
        return o.build();
    }

    private Sql source(Cube cube, Scope scope) {
        AccessRules.RowRule rule = scope.access().rows(cube.name());
        String as = " AS " + d.quote(cube.name());
        if (rule instanceof AccessRules.AllRows) return rawSource(cube, scope).append(as);
        // Only the rows the principal may see ever enter the query, whatever joins or measures follow.
        return Sql.concat(rawSource(cube, scope).wrap("(SELECT * FROM ", as + " WHERE "),
                rowCondition(cube.name(), rule, scope).append(")" + as));
    }

    private Sql rawSource(Cube cube, Scope scope) {
        if (cube.sourceIsTable()) {
            String table = cube.source().source().strip();
            return Sql.of(String.join(".", java.util.Arrays.stream(table.split("\\.")).map(d::quote).toList()));
        }
        return template(cube.source(), cube.name(), scope).parenthesize();
    }

    /** The visibility condition of a row of {@code cube}, written as {@code scope.alias(cube)}. */
    private Sql rowCondition(String cube, AccessRules.RowRule rule, Scope scope) {
        if (rule instanceof AccessRules.NoRows) return Sql.of("FALSE");
        if (rule instanceof AccessRules.Filtered f) {
            return Sql.join(" AND ", f.filters().stream().map(t -> template(t, cube, scope).parenthesize()).toList());
        }
        if (rule instanceof AccessRules.Through t) {
            // EXISTS a visible row at the end of the many-to-one path: the row belongs to it.
            Map<String, String> aliases = new HashMap<>();
            List<Join> path = t.path();
            for (int i = 0; i < path.size(); i++) aliases.put(path.get(i).to(), "__rls" + i + "_" + path.get(i).to());
            Scope inner = scope.withAliases(aliases);
            Sql.Builder o = Sql.builder().add("EXISTS (SELECT 1 FROM ");
            for (int i = 0; i < path.size(); i++) {
                Cube to = catalog.cube(path.get(i).to()).orElseThrow();
                if (i > 0) o.add(" JOIN ");
                o.add(rawSource(to, scope)).add(" AS " + d.quote(inner.alias(to.name())));
                if (i > 0) o.add(" ON ").add(template(path.get(i).sql(), path.get(i).from(), inner));
            }
            o.add(" WHERE ").add(template(path.get(0).sql(), path.get(0).from(), inner));
            o.add(" AND ").add(rowCondition(t.target(), scope.access().rows(t.target()), inner));
            return o.add(")").build();
        }
        return Sql.of("TRUE");
    }

    private Sql where(Leaf leaf, Scope scope) {
        List<Sql> conds = new ArrayList<>();
        for (LeafFilter f : leaf.filters()) conds.add(filter(f, scope));
        for (Segment s : leaf.segments()) conds.add(template(s.sql(), s.cube(), scope).parenthesize());
        // When every measure is filtered, rows that pass none of the filters add nothing: saying so
        // in WHERE lets PostgreSQL use an index (e.g. "current MRR" reads one month, not all).
        // Not over a period spine, whose point is that every period shows, even an empty one.
        List<List<SqlTemplate>> measureFilters = leaf.measures().stream().map(m -> {
            List<SqlTemplate> f = new ArrayList<>(m.measure().filters());
            f.addAll(m.extraFilters());
            return f;
        }).toList();
        if (leaf.strategy() == Strategy.DIRECT && scope.seriesGrain() == null && !measureFilters.isEmpty() && measureFilters.stream().noneMatch(List::isEmpty)) {
            List<Sql> anyMeasure = new ArrayList<>();
            for (int i = 0; i < measureFilters.size(); i++) {
                String cube = leaf.measures().get(i).measure().cube();
                anyMeasure.add(Sql.join(" AND ", measureFilters.get(i).stream().map(t -> template(t, cube, scope).parenthesize()).toList())
                        .parenthesize());
            }
            conds.add(Sql.join(" OR ", anyMeasure).parenthesize());
        }
        if (leaf.timeDimension() != null && leaf.timeBounds() != null && scope.seriesGrain() == null) {
            ResolvedQuery.TimeBounds b = leaf.timeBounds();
            Dimension t = leaf.timeDimension();
            if (b.from() != null) conds.add(Sql.concat(template(t.sql(), t.cube(), scope).append(" >= "), d.date(b.from())));
            if (b.until() != null) conds.add(Sql.concat(template(t.sql(), t.cube(), scope).append(" < "), d.date(b.until())));
        }
        if (scope.seriesGrain() != null && leaf.timeDimension() != null) {
            Dimension t = leaf.timeDimension();
            Sql x = template(t.sql(), t.cube(), scope);
            conds.add(Sql.concat(x.append(" >= "), periodStart(), x.wrap(" AND ", " < "), periodEnd(scope.seriesGrain())));
        }
        if (conds.isEmpty()) return Sql.EMPTY;
        return Sql.join("\n    AND ", conds).wrap("\n  WHERE ", "");
    }

    private Sql periodStart() {
        return Sql.of("CAST(" + d.quote(PERIOD_ALIAS) + "." + d.quote(PERIOD_COLUMN) + " AS date)");
    }

    private Sql periodEnd(Grain g) {
        return d.addGrains(Sql.of(d.quote(PERIOD_ALIAS) + "." + d.quote(PERIOD_COLUMN)), g, 1);
    }

    private Sql dimension(Leaf leaf, LeafDim dim, Scope scope) {
        if (dim.ref().isMetricTime() && scope.seriesGrain() != null) return periodStart();
        Dimension src = dim.source();
        if (src == null) return Sql.of("NULL");
        if (scope.access().masks(src)) return mask(src, scope);
        Sql value = template(src.sql(), src.cube(), scope);
        if (dim.grain() == null) return value;
        Sql truncated = d.dateTrunc(dim.grain(), value);
        boolean shiftLabel = leaf.labelShift() != null && (dim.ref().isMetricTime() || src.equals(leaf.timeDimension()));
        return shiftLabel ? d.addGrains(truncated, leaf.labelShift().grain(), leaf.labelShift().units()) : truncated;
    }

    /** Masked PII: the raw value is computed and masked inside the database; it never reaches Clarion. */
    private Sql mask(Dimension dim, Scope scope) {
        Sql raw = template(dim.sql(), dim.cube(), scope);
        return "hash".equals(dim.info().masking()) ? d.maskHash(raw, new SecretBind(maskKey.get())) : d.redact(raw);
    }

    private Sql aggregate(LeafMeasure lm, Scope scope) {
        Measure m = lm.measure();
        List<SqlTemplate> filters = new ArrayList<>(m.filters());
        filters.addAll(lm.extraFilters());
        if (m.type() == MeasureType.NUMBER) {
            if (!filters.isEmpty()) {
                throw new QueryException(QueryError.of("unsupported_measure", "metrics", m.fullName()
                        + " is a custom aggregate with filters; put the condition inside its SQL"));
            }
            return template(m.sql(), m.cube(), scope).parenthesize();
        }
        Sql argument = m.sql() == null ? null : template(m.sql(), m.cube(), scope);
        Sql condition = filters.isEmpty() ? null
                : Sql.join(" AND ", filters.stream().map(t -> template(t, m.cube(), scope).parenthesize()).toList());
        return d.aggregate(m.type(), argument, condition);
    }

    private Sql filter(LeafFilter lf, Scope scope) {
        DimFilter f = lf.filter();
        Dimension dim = f.target().dimension();
        // The dimension's text may carry binds (e.g. {AS_OF}); each use below carries its own copy.
        Sql x = template(dim.sql(), dim.cube(), scope);
        return switch (f.operator()) {
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
                yield switch (f.operator()) {
                    case NOT_EQUALS -> Sql.concat(x.wrap("(", " <> "), Sql.bind(f.values().get(0)), x.wrap(" OR ", " IS NULL)"));
                    case BETWEEN -> Sql.concat(x.append(" BETWEEN "), Sql.bind(f.values().get(0)), Sql.of(" AND "),
                            Sql.bind(f.values().get(1)));
                    default -> Sql.concat(x.append(" " + comparison(f.operator().key()) + " "), Sql.bind(f.values().get(0)));
                };
            }
            case IN, NOT_IN -> {
                boolean not = f.operator() == io.clarion.query.Operator.NOT_IN;
                Sql list = Sql.join(", ", f.values().stream().map(Sql::bind).toList());
                Sql in = Sql.concat(x.append(not ? " NOT IN (" : " IN ("), list.append(")"));
                yield not ? Sql.concat(in.wrap("(", " OR "), x.append(" IS NULL)")) : in;
            }
            case CONTAINS, NOT_CONTAINS, STARTS_WITH -> {
                String v = escapeLike(f.values().get(0).toString());
                String pattern = f.operator() == io.clarion.query.Operator.STARTS_WITH ? v + "%" : "%" + v + "%";
                yield d.ilike(x, pattern, f.operator() == io.clarion.query.Operator.NOT_CONTAINS);
            }
        };
    }

    private static String escapeLike(String v) {
        return v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    // ---- catalog SQL fragments ---------------------------------------------------------------

    private Sql template(SqlTemplate t, String owner, Scope scope) {
        return template(t, owner, scope, new HashSet<>());
    }

    private Sql template(SqlTemplate t, String owner, Scope scope, Set<String> inlining) {
        Sql.Builder o = Sql.builder();
        for (SqlTemplate.Part p : t.parts()) {
            if (p instanceof SqlTemplate.Text x) {
                o.add(x.sql());
            } else if (p instanceof SqlTemplate.Column c) {
                o.add(d.quote(scope.alias(c.cube())) + "." + d.quote(c.column()));
            } else if (p instanceof SqlTemplate.CubeRef c) {
                o.add(d.quote(scope.alias(c.cube())));
            } else if (p instanceof SqlTemplate.Attribute a) {
                String value = scope.access().attribute(a.name()).orElse(null);
                // AccessRules refuses a principal without the attribute; never let NULL widen the filter.
                if (value == null) throw new IllegalStateException("principal has no " + a.name());
                o.add(Sql.bind(value));
            } else if (p instanceof SqlTemplate.MemberRef m) {
                String cube = m.cube() == null ? owner : m.cube();
                Dimension dim = catalog.dimension(cube + "." + m.member()).orElseThrow(() ->
                        new IllegalStateException("unresolved reference " + cube + "." + m.member()));
                if (!inlining.add(dim.fullName())) throw new IllegalStateException("reference cycle at " + dim.fullName());
                o.add(template(dim.sql(), dim.cube(), scope, inlining).parenthesize());
                inlining.remove(dim.fullName());
            } else if (p instanceof SqlTemplate.Param param) {
                o.add(switch (param.name()) {
                    case AS_OF -> d.date(scope.asOf());
                    case PERIOD_START -> scope.seriesGrain() != null ? periodStart() : d.date(scope.period().fixed().start());
                    case PERIOD_END -> scope.seriesGrain() != null ? periodEnd(scope.seriesGrain()) : d.date(scope.period().fixed().end());
                });
            }
        }
        return o.build();
    }
}
