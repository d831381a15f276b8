package io.clarion.plan;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Conversion;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Cumulative;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricFormula;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.PeriodOffset;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.diagnostics.Issue;
import io.clarion.plan.Plan.ColumnKind;
import io.clarion.plan.Plan.LabelShift;
import io.clarion.plan.Plan.Leaf;
import io.clarion.plan.Plan.LeafDim;
import io.clarion.plan.Plan.LeafFilter;
import io.clarion.plan.Plan.LeafMeasure;
import io.clarion.plan.Plan.OutputColumn;
import io.clarion.plan.Plan.PeriodBinding;
import io.clarion.plan.Plan.ResultFilter;
import io.clarion.plan.Plan.Strategy;
import io.clarion.query.DateRange;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.ResolvedQuery;
import io.clarion.query.ResolvedQuery.AnalysisSpec;
import io.clarion.query.ResolvedQuery.Compare;
import io.clarion.query.ResolvedQuery.DimFilter;
import io.clarion.query.ResolvedQuery.DimRef;
import io.clarion.query.ResolvedQuery.MeasureOutput;
import io.clarion.query.ResolvedQuery.MetricFilter;
import io.clarion.query.ResolvedQuery.MetricOutput;
import io.clarion.query.ResolvedQuery.Output;
import io.clarion.query.ResolvedQuery.TimeBounds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a resolved query into a {@link Plan}.
 *
 * <p>Fan-out: each measure is aggregated to the query's grain in its own subquery before
 * anything is joined (the hand-written way), rather than with symmetric aggregates. Joining
 * pre-aggregated rows is as fast as hand-written SQL, gives the same numbers, and keeps the
 * generated SQL readable; symmetric aggregates (hashing keys into sums) are orders of magnitude
 * slower on PostgreSQL and subtle for avg. Where a dimension is only reachable through a
 * one-to-many join, the leaf counts each base row once per distinct dimension value
 * ({@link Strategy#DISTINCT_KEYS}).
 *
 * <p>Why this class is over 400 lines: leaves, join paths, period bindings and metric expressions
 * are decided together (a leaf is keyed by cube, time shift and period, and a metric's expression
 * refers to the leaves its measures land in), so the planning steps share one working state.
 */
public final class Planner {
    private final Catalog catalog;
    private final JoinGraph graph;

    public Planner(Catalog catalog) {
        this.catalog = catalog;
        this.graph = new JoinGraph(catalog);
    }

    private enum Shift { NONE, PREVIOUS, YEAR }

    /** A measure as one leaf will aggregate it. */
    private record Instance(Measure measure, Shift shift, List<SqlTemplate> extraFilters, String filterOwner,
                            Cumulative window, Conversion conversion, ResolvedQuery.Part part) {
        Instance(Measure measure, Shift shift, List<SqlTemplate> extraFilters, String filterOwner, Cumulative window,
                 Conversion conversion) {
            this(measure, shift, extraFilters, filterOwner, window, conversion, null);
        }
    }

    /**
     * Snapshot measures with one rule share a leaf, since the rule restricts the leaf's rows; so do
     * custom aggregates ({@code number}) with the same filters, which only the leaf's WHERE can
     * apply (their SQL is taken whole, with no place for a FILTER clause).
     */
    private record LeafKey(String cube, Shift shift, String timeDim, boolean series, io.clarion.catalog.model.NonAdditive snapshot,
                           Cumulative window, List<String> rowFilters) {
        LeafKey(String cube, Shift shift, String timeDim, boolean series, io.clarion.catalog.model.NonAdditive snapshot, Cumulative window) {
            this(cube, shift, timeDim, series, snapshot, window, null);
        }
    }

    public Plan plan(ResolvedQuery query) {
        // A pinned path is checked whole, used or not: a path through cubes that do not join is an error, not ignored.
        graph.checkPinned(query.joinPaths());
        // Trailing and to-date windows need rows from before the visible range: read further back,
        // then show only the asked-for range.
        ResolvedQuery q = query;
        List<ResultFilter> visible = new ArrayList<>();
        DimRef windowTime = query.dimensions().stream().filter(d -> d.isMetricTime() && d.grain() != null).findFirst().orElse(null);
        TimeBounds mt = query.metricTime();
        if (windowTime != null && mt != null && mt.from() != null) {
            java.time.LocalDate from = mt.from();
            for (AnalysisSpec a : query.analysis()) {
                if (a.type() == ResolvedQuery.AnalysisType.ROLLING && a.window() != null) {
                    java.time.LocalDate f = DateRange.add(DateRange.truncate(mt.from(), windowTime.grain()), windowTime.grain(), -(a.window() - 1));
                    if (f.isBefore(from)) from = f;
                } else if (a.type() == ResolvedQuery.AnalysisType.CUMULATIVE && a.grain() != null) {
                    java.time.LocalDate f = DateRange.truncate(mt.from(), a.grain());
                    if (f.isBefore(from)) from = f;
                }
            }
            if (from.isBefore(mt.from())) {
                q = new ResolvedQuery(query.outputs(), query.dimensions(), query.filters(), query.metricFilters(), query.segments(),
                        query.order(), query.limit(), query.referenceDate(), query.period(), new TimeBounds(from, mt.until()),
                        query.compare(), query.analysis(), query.joinPaths(), query.source(), query.access());
                visible.add(new ResultFilter(windowTime.name(), "gte", List.of(DateRange.truncate(mt.from(), windowTime.grain()))));
            }
        }
        Map<Instance, String[]> placed = new LinkedHashMap<>(); // instance -> {leaf alias, column}
        Map<LeafKey, List<Instance>> byLeaf = new LinkedHashMap<>();
        boolean groupsByMetricTime = q.dimensions().stream().anyMatch(DimRef::isMetricTime);

        // 1. Metric expressions, collecting the measure instances they read. Problems with
        // measures and leaves are all collected, so the caller corrects them in one go.
        List<Issue> issues = new ArrayList<>();
        List<Instance> instances = new ArrayList<>();
        Map<String, ExprTemplate> outputExprs = new LinkedHashMap<>();
        for (Output o : q.outputs()) {
            int before = instances.size();
            outputExprs.put(o.name(), outputTemplate(o, Shift.NONE, instances));
            boolean perInput = o instanceof MetricOutput mo && mo.metric().timeWindowPerInput();
            if ((groupsByMetricTime || q.metricTime() != null) && !perInput) {
                for (Instance inst : instances.subList(before, instances.size())) {
                    if (inst.measure().timeless()) {
                        issues.add(TimelessRefusal.of(catalog, o.name(), inst.measure(),
                                groupsByMetricTime ? "grouping by metric_time" : "the metric_time filter").about(o.name()));
                    }
                }
            }
        }
        // A timeless measure under a time window is refused before anything is planned for it.
        QueryException.throwIfAny(issues);
        if (q.compare() != null) {
            Shift s = q.compare() == Compare.PREVIOUS_PERIOD ? Shift.PREVIOUS : Shift.YEAR;
            for (Output o : q.outputs()) {
                outputExprs.put(o.name() + "_previous", outputTemplate(o, s, instances));
            }
        }
        // A share's numerator: the metric again, each of its measures kept to the part's rows.
        Map<String, ExprTemplate> parts = new LinkedHashMap<>();
        for (AnalysisSpec a : q.analysis()) {
            if (a.type() != ResolvedQuery.AnalysisType.SHARE) continue;
            try {
                parts.put(a.column(), partTemplate(a, "analysis[" + q.analysis().indexOf(a) + "]", outputExprs.get(a.metric()), instances));
            } catch (QueryException x) {
                issues.addAll(x.errors());
            }
        }
        QueryException.throwIfAny(issues);
        for (Instance inst : instances) {
            Measure m = inst.measure();
            boolean series = groupsByMetricTime && usesPeriod(inst);
            String timeDim = null;
            if (groupsByMetricTime || q.metricTime() != null || inst.shift() != Shift.NONE || inst.window() != null) timeDim = m.timeDimension();
            if (groupsByMetricTime && timeDim == null && !series) {
                issues.add(QueryCode.NO_TIME_DIMENSION.at("dimensions",
                        m.fullName() + " has no time dimension, so it cannot be grouped by metric_time").about(m.fullName()));
                continue;
            }
            List<String> rowFilters = m.type() == io.clarion.catalog.model.MeasureType.NUMBER && !m.filters().isEmpty()
                    ? m.filters().stream().map(io.clarion.catalog.model.SqlTemplate::source).toList() : null;
            LeafKey key = new LeafKey(m.cube(), inst.shift(), timeDim, series, m.nonAdditive(), inst.window(), rowFilters);
            byLeaf.computeIfAbsent(key, k -> new ArrayList<>());
            if (!byLeaf.get(key).contains(inst)) byLeaf.get(key).add(inst);
        }

        // 2. Leaves.
        List<Leaf> leaves = new ArrayList<>();
        for (var e : byLeaf.entrySet()) {
            String alias = "q" + leaves.size();
            List<LeafMeasure> measures = new ArrayList<>();
            for (Instance inst : e.getValue()) {
                String col = "m" + measures.size();
                measures.add(new LeafMeasure(col, inst.measure(), inst.extraFilters(), inst.conversion(), inst.part()));
                placed.put(inst, new String[]{alias, col});
            }
            try {
                leaves.add(leaf(q, alias, catalog.cube(e.getKey().cube()).orElseThrow(), e.getKey(), measures));
            } catch (QueryException x) {
                issues.addAll(x.errors());
            }
        }
        QueryException.throwIfAny(issues);
        if (leaves.isEmpty()) leaves.add(dimensionOnlyLeaf(q));

        // 3. Output columns.
        boolean multi = leaves.size() > 1;
        List<OutputColumn> columns = new ArrayList<>();
        for (int i = 0; i < q.dimensions().size(); i++) {
            DimRef d = q.dimensions().get(i);
            columns.add(new OutputColumn(d.name(), ColumnKind.DIMENSION, i, null, dimType(d), null));
        }
        for (Output o : q.outputs()) {
            columns.add(new OutputColumn(o.name(), ColumnKind.METRIC, -1, outputExprs.get(o.name()).bind(placed, multi),
                    "number", format(o)));
        }
        if (q.compare() != null) {
            for (Output o : q.outputs()) {
                String n = o.name();
                Expr prev = outputExprs.get(n + "_previous").bind(placed, multi);
                columns.add(new OutputColumn(n + "_previous", ColumnKind.COMPARISON, -1, prev, "number", format(o)));
                columns.add(new OutputColumn(n + "_change", ColumnKind.COMPARISON, -1,
                        new Expr.Binary("-", new Expr.OutputRef(n), new Expr.OutputRef(n + "_previous")), "number", format(o)));
                columns.add(new OutputColumn(n + "_change_pct", ColumnKind.COMPARISON, -1,
                        new Expr.Div(new Expr.Binary("-", new Expr.OutputRef(n), new Expr.OutputRef(n + "_previous")),
                                new Expr.OutputRef(n + "_previous")), "number", Format.PERCENTAGE));
            }
        }
        List<ResultFilter> resultFilters = new ArrayList<>(visible);
        for (AnalysisSpec a : q.analysis()) {
            // Counting the groups wraps the whole result (see Plan#groupCount): no column of its own.
            if (a.type() == ResolvedQuery.AnalysisType.COUNT_GROUPS || a.type() == ResolvedQuery.AnalysisType.GROUP_AVERAGE) continue;
            try {
                columns.add(a.type() == ResolvedQuery.AnalysisType.SHARE
                        ? new OutputColumn(a.column(), ColumnKind.ANALYSIS, -1, new Expr.Div(parts.get(a.column()).bind(placed, multi),
                                outputExprs.get(a.metric()).bind(placed, multi)), "number", Format.PERCENTAGE)
                        : analysisColumn(q, a, outputExprs, placed, multi, resultFilters));
            } catch (QueryException x) {
                issues.addAll(x.errors());
            }
        }
        QueryException.throwIfAny(issues);
        for (MetricFilter f : q.metricFilters()) {
            resultFilters.add(new ResultFilter(f.metric(), f.operator().key(), List.copyOf(f.values())));
        }
        return new Plan(q, leaves, columns, resultFilters, q.order(), q.limit());
    }

    private static String dimType(DimRef d) {
        return d.type().name().toLowerCase(Locale.ROOT);
    }

    private static Format format(Output o) {
        return o instanceof MeasureOutput m ? m.measure().format() : ((MetricOutput) o).metric().format();
    }

    private ExprTemplate outputTemplate(Output o, Shift shift, List<Instance> instances) {
        if (o instanceof MeasureOutput m) return measureTemplate(m.measure(), shift, List.of(), null, instances);
        return metricTemplate(((MetricOutput) o).metric(), shift, instances, new LinkedHashSet<>());
    }

    private OutputColumn analysisColumn(ResolvedQuery q, AnalysisSpec a, Map<String, ExprTemplate> exprs,
                                        Map<Instance, String[]> placed, boolean multi, List<ResultFilter> resultFilters) {
        List<String> partition = a.partitionBy().stream().map(DimRef::name).toList();
        DimRef time = q.dimensions().stream().filter(d -> d.isTime() && d.grain() != null).findFirst().orElse(null);
        List<String> nonTime = q.dimensions().stream().filter(d -> d != time).map(DimRef::name).toList();
        Format fmt = q.outputs().stream().filter(o -> o.name().equals(a.metric())).findFirst().map(Planner::format).orElse(null);
        return switch (a.type()) {
            case SHARE -> throw new IllegalStateException("a share is planned with its part");
            case COUNT_GROUPS, GROUP_AVERAGE -> throw new IllegalStateException("counting or averaging groups wraps the result");
            case PERCENT_OF_TOTAL -> new OutputColumn(a.column(), ColumnKind.ANALYSIS, -1,
                    new Expr.Div(new Expr.OutputRef(a.metric()),
                            new Expr.Window(Expr.Window.Kind.SUM_ALL, new Expr.OutputRef(a.metric()), partition, null, null, 0)),
                    "number", Format.PERCENTAGE);
            case RANK -> {
                if (a.top() != null) resultFilters.add(new ResultFilter(a.column(), "lte", List.of(java.math.BigDecimal.valueOf(a.top()))));
                yield new OutputColumn(a.column(), ColumnKind.ANALYSIS, -1,
                        new Expr.Window(Expr.Window.Kind.RANK_DESC, new Expr.OutputRef(a.metric()), partition, null, null, 0),
                        "number", Format.INTEGER);
            }
            case ROLLING, CUMULATIVE -> {
                // Windows apply to each additive component, then the metric is recomputed: a rolling
                // ratio is the ratio of rolling sums, not an average of ratios.
                ExprTemplate t = exprs.get(a.metric());
                List<Issue> issues = new ArrayList<>();
                for (Instance inst : t.instances()) {
                    MeasureType mt = inst.measure().type();
                    boolean windowed = inst.window() != null || inst.conversion() != null;
                    if (mt != MeasureType.COUNT && mt != MeasureType.SUM || inst.measure().nonAdditive() != null || windowed) {
                        String why = windowed ? "already a window of its own" : inst.measure().nonAdditive() != null ? "a snapshot, not additive over time"
                                : mt.name().toLowerCase(Locale.ROOT);
                        issues.add(QueryCode.NON_ADDITIVE.at("analysis",
                                a.metric() + " reads " + inst.measure().fullName() + " (" + why
                                        + "), which cannot be summed over a window; rolling and cumulative need count or sum measures")
                                .about(a.metric()));
                    }
                }
                QueryException.throwIfAny(issues);
                Expr.Window.Kind kind = a.type() == ResolvedQuery.AnalysisType.ROLLING ? Expr.Window.Kind.ROLLING_SUM
                        : a.grain() == null ? Expr.Window.Kind.RUNNING_SUM : Expr.Window.Kind.TO_DATE_SUM;
                Expr windowed = t.bindWindowed(placed, multi, col -> new Expr.Window(kind, col, nonTime, time.name(),
                        a.grain() != null ? a.grain() : time.grain(), a.window() == null ? 0 : a.window()));
                yield new OutputColumn(a.column(), ColumnKind.ANALYSIS, -1, windowed, "number", fmt);
            }
        };
    }

    // ---- metric expressions -------------------------------------------------------------

    /** An expression whose measure columns are bound once leaves exist. */
    private record ExprTemplate(Node node, List<Instance> instances) {
        Expr bind(Map<Instance, String[]> placed, boolean multi) {
            return node.bind(placed, multi, c -> c);
        }

        Expr bindWindowed(Map<Instance, String[]> placed, boolean multi, java.util.function.UnaryOperator<Expr> wrap) {
            return node.bind(placed, multi, wrap);
        }
    }

    private sealed interface Node {
        Expr bind(Map<Instance, String[]> placed, boolean multi, java.util.function.UnaryOperator<Expr> wrapCol);
    }

    private record MeasureNode(Instance inst) implements Node {
        public Expr bind(Map<Instance, String[]> placed, boolean multi, java.util.function.UnaryOperator<Expr> wrap) {
            String[] at = placed.get(inst);
            MeasureType t = inst.measure().type();
            boolean zero = multi && (t == MeasureType.COUNT || t == MeasureType.COUNT_DISTINCT);
            return wrap.apply(new Expr.Col(at[0], at[1], zero));
        }
    }

    private record NumNode(String text) implements Node {
        public Expr bind(Map<Instance, String[]> p, boolean m, java.util.function.UnaryOperator<Expr> w) {
            return new Expr.Num(text);
        }
    }

    private record BinNode(String op, Node l, Node r) implements Node {
        public Expr bind(Map<Instance, String[]> p, boolean m, java.util.function.UnaryOperator<Expr> w) {
            Expr a = l.bind(p, m, w);
            Expr b = r.bind(p, m, w);
            return op.equals("/") ? new Expr.Div(a, b) : new Expr.Binary(op, a, b);
        }
    }

    private record NegNode(Node inner) implements Node {
        public Expr bind(Map<Instance, String[]> p, boolean m, java.util.function.UnaryOperator<Expr> w) {
            return new Expr.Neg(inner.bind(p, m, w));
        }
    }

    /**
     * The share's numerator: the metric's expression with every measure kept to the part's rows.
     * Only a count or sum splits into parts that add up to the whole, so anything else (an average,
     * a ratio of measures, a window or conversion) is refused rather than given a share that means
     * nothing.
     */
    private ExprTemplate partTemplate(AnalysisSpec a, String path, ExprTemplate whole, List<Instance> sink) {
        List<Issue> issues = new ArrayList<>();
        if (divides(whole.node())) {
            issues.add(QueryCode.NON_ADDITIVE.at(path, a.metric() + " divides one measure by another, so it has no part"
                    + " that is a share of it; ask for the share of a count or sum").about(a.metric()));
        }
        for (Instance inst : whole.instances()) {
            MeasureType t = inst.measure().type();
            if (inst.window() != null || inst.conversion() != null) {
                issues.add(QueryCode.NON_ADDITIVE.at(path, a.metric() + " reads " + inst.measure().fullName()
                        + " over a window of its own; a share applies to a plain count or sum").about(a.metric()));
            } else if (t != MeasureType.COUNT && t != MeasureType.COUNT_DISTINCT && t != MeasureType.SUM) {
                issues.add(QueryCode.NON_ADDITIVE.at(path, a.metric() + " reads " + inst.measure().fullName() + " ("
                        + t.name().toLowerCase(Locale.ROOT) + "), whose parts do not add up to it; a share applies to a count or sum")
                        .about(a.metric()));
            }
        }
        QueryException.throwIfAny(issues);
        List<Instance> used = new ArrayList<>();
        Node node = withPart(whole.node(), a.part(), used, sink);
        return new ExprTemplate(node, used);
    }

    private static boolean divides(Node n) {
        if (n instanceof BinNode b) return b.op().equals("/") || divides(b.l()) || divides(b.r());
        if (n instanceof NegNode g) return divides(g.inner());
        return false;
    }

    private static Node withPart(Node n, ResolvedQuery.Part part, List<Instance> used, List<Instance> sink) {
        if (n instanceof MeasureNode m) {
            Instance i = m.inst();
            Instance p = new Instance(i.measure(), i.shift(), i.extraFilters(), i.filterOwner(), i.window(), i.conversion(), part);
            if (!sink.contains(p)) sink.add(p);
            used.add(p);
            return new MeasureNode(p);
        }
        if (n instanceof BinNode b) return new BinNode(b.op(), withPart(b.l(), part, used, sink), withPart(b.r(), part, used, sink));
        if (n instanceof NegNode g) return new NegNode(withPart(g.inner(), part, used, sink));
        return n;
    }

    private ExprTemplate measureTemplate(Measure m, Shift shift, List<SqlTemplate> filters, String owner, List<Instance> sink) {
        Instance inst = new Instance(m, shift, filters, owner, null, null);
        if (!sink.contains(inst)) sink.add(inst);
        return new ExprTemplate(new MeasureNode(inst), List.of(inst));
    }

    private ExprTemplate metricTemplate(Metric metric, Shift shift, List<Instance> sink, Set<String> visiting) {
        if (!visiting.add(metric.name())) {
            throw new QueryException(QueryCode.METRIC_CYCLE.at("metrics", "metric " + metric.name() + " refers to itself"));
        }
        Shift s = shift;
        if (metric.offset() != null) {
            if (shift != Shift.NONE) {
                throw new QueryException(QueryCode.NESTED_OFFSET.at("metrics",
                        metric.name() + " is already offset in time and cannot be compared again"));
            }
            s = metric.offset() == PeriodOffset.PREVIOUS_PERIOD ? Shift.PREVIOUS : Shift.YEAR;
        }
        if (metric.cumulative() != null || metric.conversion() != null) {
            visiting.remove(metric.name());
            return windowTemplate(metric, s, sink);
        }
        List<Instance> used = new ArrayList<>();
        // A simple metric's filters and name apply to its one measure; other metrics combine measures as they are.
        boolean simple = metric.type() == MetricType.SIMPLE;
        Node node = node(metric.formula(), s, simple ? metric.filters() : List.of(), simple ? metric.name() : null, used, sink, visiting);
        visiting.remove(metric.name());
        return new ExprTemplate(node, used);
    }

    /** A cumulative metric's one measure over its window, or a conversion metric's converted base rows (over all base rows for a rate). */
    private ExprTemplate windowTemplate(Metric metric, Shift s, List<Instance> sink) {
        Conversion c = metric.conversion();
        Measure m = catalog.measure(metric.refs().get(0)).orElseThrow(() -> new QueryException(QueryCode.UNKNOWN_MEMBER.at("metrics",
                "the catalog refers to unknown measure " + metric.refs().get(0))));
        Instance inst = new Instance(m, s, c == null ? metric.filters() : List.of(), metric.name(), metric.cumulative(), c);
        Instance base = new Instance(m, s, List.of(), null, null, null);
        boolean rate = c != null && c.calculation() == Conversion.Calculation.CONVERSION_RATE;
        for (Instance i : rate ? List.of(inst, base) : List.of(inst)) if (!sink.contains(i)) sink.add(i);
        return rate ? new ExprTemplate(new BinNode("/", new MeasureNode(inst), new MeasureNode(base)), List.of(inst, base))
                : new ExprTemplate(new MeasureNode(inst), List.of(inst));
    }

    private Node ref(String name, Shift shift, List<SqlTemplate> filters, String owner, List<Instance> used,
                     List<Instance> sink, Set<String> visiting) {
        var metric = catalog.metric(name);
        if (metric.isPresent()) {
            ExprTemplate t = metricTemplate(metric.get(), shift, sink, visiting);
            used.addAll(t.instances());
            return t.node();
        }
        Measure m = catalog.measure(name).orElseThrow(() -> new QueryException(QueryCode.UNKNOWN_MEMBER.at("metrics",
                "the catalog refers to unknown member " + name)));
        ExprTemplate t = measureTemplate(m, shift, filters, owner, sink);
        used.addAll(t.instances());
        return t.node();
    }

    /** The formula the catalog parsed at load, with each name resolved to a measure instance or a metric's own formula. */
    private Node node(MetricFormula f, Shift shift, List<SqlTemplate> filters, String owner, List<Instance> used,
                      List<Instance> sink, Set<String> visiting) {
        if (f instanceof MetricFormula.Ref r) return ref(r.name(), shift, filters, owner, used, sink, visiting);
        if (f instanceof MetricFormula.Num n) return new NumNode(n.text());
        if (f instanceof MetricFormula.Negate n) return new NegNode(node(n.inner(), shift, filters, owner, used, sink, visiting));
        MetricFormula.Binary b = (MetricFormula.Binary) f;
        return new BinNode(b.op(), node(b.left(), shift, filters, owner, used, sink, visiting),
                node(b.right(), shift, filters, owner, used, sink, visiting));
    }

    // ---- leaves -------------------------------------------------------------------------

    private static boolean usesPeriod(Instance inst) {
        Measure m = inst.measure();
        List<SqlTemplate> all = new ArrayList<>(m.filters());
        all.addAll(inst.extraFilters());
        if (m.sql() != null) all.add(m.sql());
        return all.stream().anyMatch(t -> t.usesParam(SqlTemplate.ParamName.PERIOD_START) || t.usesParam(SqlTemplate.ParamName.PERIOD_END));
    }

    private Leaf leaf(ResolvedQuery q, String alias, Cube base, LeafKey key, List<LeafMeasure> measures) {
        Dimension timeDim = key.timeDim() == null ? null : base.dimension(key.timeDim()).orElseThrow();
        Grain timeGrain = q.dimensions().stream().filter(d -> d.isTime() && d.grain() != null
                && (d.isMetricTime() || d.dimension().equals(timeDim))).map(DimRef::grain).findFirst().orElse(null);

        // Time shift for comparisons and offset metrics.
        TimeBounds metricTime = q.metricTime();
        DateRange period = q.period();
        LabelShift labelShift = null;
        java.util.function.UnaryOperator<TimeBounds> shiftBounds = b -> b;
        if (key.shift() != Shift.NONE) {
            if (timeDim == null && !key.series()) {
                throw new QueryException(QueryCode.NO_TIME_DIMENSION.at("compare", measures.get(0).measure().fullName()
                        + " has no time dimension, so it has no previous period").about(measures.get(0).measure().fullName()));
            }
            if (timeGrain != null) {
                Grain g = key.shift() == Shift.YEAR ? Grain.YEAR : timeGrain;
                labelShift = new LabelShift(g, 1);
                shiftBounds = b -> b == null ? null : new TimeBounds(b.from() == null ? null : DateRange.add(b.from(), g, -1),
                        b.until() == null ? null : DateRange.add(b.until(), g, -1));
                period = new DateRange(DateRange.add(period.start(), g, -1), DateRange.add(period.end(), g, -1));
            } else {
                DateRange r = metricTime != null ? metricTime.asRange() : null;
                if (r == null) {
                    throw new QueryException(QueryCode.INVALID_COMPARE.at("compare",
                            "a comparison needs a bounded metric_time date range or a time grain"));
                }
                DateRange shifted = key.shift() == Shift.YEAR ? r.minusYears(1) : r.previous();
                shiftBounds = b -> b == null ? null : new TimeBounds(shifted.start(), shifted.end());
                period = shifted;
            }
            metricTime = shiftBounds.apply(metricTime);
        }

        Plan.Spine spine = null;
        if (key.window() != null) {
            CumulativeWindows.Applied w = CumulativeWindows.apply(key.window(), metricTime, timeGrain, q.referenceDate());
            metricTime = w.rows();
            spine = w.spine();
        }
        PeriodBinding binding = PeriodBinding.of(period);
        if (key.series()) {
            TimeBounds tb = metricTime;
            if (tb == null || tb.asRange() == null) {
                throw new QueryException(QueryCode.UNBOUNDED_PERIOD.at("filters", measures.get(0).measure().fullName()
                        + " is measured per period; grouping it by metric_time needs a metric_time date range")
                        .about(measures.get(0).measure().fullName()));
            }
            Grain g = q.dimensions().stream().filter(DimRef::isMetricTime).findFirst().map(DimRef::grain).orElse(Grain.MONTH);
            DateRange r = tb.asRange();
            binding = new PeriodBinding(period, g, new DateRange(DateRange.truncate(r.start(), g), r.end()));
        }

        List<LeafDim> dims = new ArrayList<>();
        Set<String> needed = new LinkedHashSet<>();
        for (int i = 0; i < q.dimensions().size(); i++) {
            DimRef d = q.dimensions().get(i);
            Dimension src = d.isMetricTime() ? timeDim : d.dimension();
            if (src != null) needed.add(src.cube());
            dims.add(new LeafDim("d" + i, d, src, d.grain()));
        }
        List<LeafFilter> filters = new ArrayList<>();
        for (DimFilter f : q.filters()) {
            needed.add(f.target().dimension().cube());
            TimeBounds b = f.bounds();
            if (b != null && f.target().dimension().equals(timeDim)) b = shiftBounds.apply(b);
            filters.add(new LeafFilter(f, b));
        }
        for (Segment s : q.segments()) needed.add(s.cube());
        // A measure or metric filter may read a dimension of any cube the join graph reaches
        // ("payments whose order's channel is ..."): that cube is joined like a query dimension's.
        Set<String> filterCubes = new LinkedHashSet<>();
        for (LeafMeasure lm : measures) {
            List<SqlTemplate> fs = new ArrayList<>(lm.measure().filters());
            fs.addAll(lm.extraFilters());
            for (SqlTemplate t : fs) t.memberRefs().stream().map(SqlTemplate.MemberRef::cube).filter(c -> c != null).forEach(filterCubes::add);
            if (lm.part() != null) {
                lm.part().filters().forEach(f -> filterCubes.add(f.target().dimension().cube()));
                lm.part().segments().forEach(sg -> filterCubes.add(sg.cube()));
            }
        }
        filterCubes.remove(base.name());
        needed.addAll(filterCubes);
        needed.remove(base.name());

        List<Join> joins = new ArrayList<>();
        Set<String> joined = new HashSet<>();
        joined.add(base.name());
        boolean fansOut = false;
        String manySide = null;
        List<Issue> unjoinable = new ArrayList<>();
        for (String target : needed) {
            try {
                for (Join j : graph.path(base.name(), target, q.joinPaths(), "dimensions")) {
                    if (j.relationship().fansOut() && !fansOut) manySide = j.to();
                    if (j.relationship().fansOut()) fansOut = true;
                    if (joined.add(j.to())) joins.add(j);
                }
            } catch (QueryException x) {
                unjoinable.addAll(x.errors());
            }
        }
        QueryException.throwIfAny(unjoinable);
        Strategy strategy = Strategy.DIRECT;
        if (fansOut && !measures.stream().allMatch(m -> m.measure().type().idempotent())) {
            if (base.primaryKey().isEmpty()) {
                // Without a key the rows repeated by the join cannot be told from rows that are alike: refuse, never overcount.
                String read = String.join(", ", measures.stream().map(m -> m.measure().fullName()).distinct().toList());
                throw new QueryException(QueryCode.FAN_OUT.at("dimensions", "grouping " + read + " by a cube joined one-to-many ("
                        + manySide + ") needs a primary key on " + base.name() + ": without one, each " + base.name()
                        + " row joined to several " + manySide + " rows would be counted once per joined row; declare primary_key on a unique"
                        + " dimension of " + base.name() + ", or group by dimensions reached many-to-one"));
            }
            strategy = Strategy.DISTINCT_KEYS;
            if (!filterCubes.isEmpty()) {
                // The once-per-key aggregation reads only the base cube, so a filter on a joined cube cannot apply there.
                throw new QueryException(QueryCode.FAN_OUT.at("dimensions", "a measure of " + base.name() + " filters on "
                        + String.join(", ", filterCubes) + " while the query joins a cube one-to-many; group by dimensions reached many-to-one"));
            }
        }
        return new Leaf(alias, base, strategy, joins, dims, measures, filters, q.segments(), timeDim, metricTime, binding,
                labelShift, key.shift() != Shift.NONE, spine);
    }

    /** A query with dimensions only: distinct rows, from the cube that reaches the others without fan-out. */
    private Leaf dimensionOnlyLeaf(ResolvedQuery q) {
        Set<String> cubes = new LinkedHashSet<>();
        q.dimensions().stream().filter(d -> !d.isMetricTime()).forEach(d -> cubes.add(d.dimension().cube()));
        q.filters().forEach(f -> cubes.add(f.target().dimension().cube()));
        q.segments().forEach(s -> cubes.add(s.cube()));
        if (q.dimensions().stream().anyMatch(DimRef::isMetricTime)) {
            throw new QueryException(QueryCode.NO_TIME_DIMENSION.at("dimensions", "metric_time needs a metric"));
        }
        QueryException last = null;
        for (String candidate : cubes) {
            try {
                Leaf l = leaf(q, "q0", catalog.cube(candidate).orElseThrow(), new LeafKey(candidate, Shift.NONE, null, false, null, null), List.of());
                if (l.joins().stream().noneMatch(j -> j.relationship().fansOut())) return l;
            } catch (QueryException e) {
                last = e;
            }
        }
        if (last != null) throw last;
        String first = cubes.iterator().next();
        return leaf(q, "q0", catalog.cube(first).orElseThrow(), new LeafKey(first, Shift.NONE, null, false, null, null), List.of());
    }

}
