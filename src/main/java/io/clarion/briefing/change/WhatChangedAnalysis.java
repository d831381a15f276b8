package io.clarion.briefing.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clarion.briefing.change.WhatChangedSpec.KeyMetric;
import io.clarion.catalog.MetricExpression;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.diagnostics.Suggestions;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Favorable;
import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.query.DateRange;
import io.clarion.query.MetricQuery;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.query.QueryValidator;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "What changed, and why it may have happened": for each key metric of a {@link WhatChangedSpec},
 * the last complete period against the one before, whether that change is unusual or turns the
 * trend, whether it is good news, and which groups of each breakdown drove it.
 *
 * <p>Every number comes from certified metric queries run through the {@link QueryService}; the
 * analysis itself only does arithmetic on their results, so it is deterministic for a given
 * data set and reference date.
 *
 * <p>Periods: the series holds the {@code history + 1} complete periods before the one containing
 * the reference date, plus that current period to date. The compared change is the last complete
 * period against the one before it; the {@code history − 1} changes before it are the metric's own
 * recent variation for the unusual-change test and the trend.
 *
 * <p>Why this class is over 400 lines: the analysis reads each key metric's series and breakdowns
 * through governed queries and then judges them (change, unusual, trend turn, contributors,
 * concentration); the statistics live in {@link ChangeStatistics} and the wording in
 * {@link ChangeText}, and what stays here is the query plan of one analysis, kept in one place.
 */
public final class WhatChangedAnalysis {
    private static final QueryService.Options CERTIFIED = new QueryService.Options(true);
    private static final String NONE = "(none)";

    private final QueryService queries;
    private final Catalog catalog;
    private final boolean sentencesOnly;
    private final boolean combine;

    public WhatChangedAnalysis(QueryService queries) {
        this(queries, false, true);
    }

    private WhatChangedAnalysis(QueryService queries, boolean sentencesOnly, boolean combine) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.catalog = queries.catalog();
        this.sentencesOnly = sentencesOnly;
        this.combine = combine;
    }

    /** One query for the series and one per breakdown, never combined: what combined queries must equal. */
    static WhatChangedAnalysis queryByQuery(QueryService queries) {
        return new WhatChangedAnalysis(queries, false, false);
    }

    /**
     * An analysis read only for its sentences (a briefing's "what changed" lines): a metric whose
     * compared change is zero or unknown gets no breakdowns, since its sentence names no group.
     * A weekly cycle analyses once per recipient, and most of a small book's metrics do not move.
     */
    public static WhatChangedAnalysis forSentences(QueryService queries) {
        return new WhatChangedAnalysis(queries, true, true);
    }

    /**
     * One key metric, resolved and with its queries compiled.
     *
     * @param combined for a metric whose groups add up, the series by every breakdown at once
     *                 (null otherwise): one query instead of one per breakdown and the series
     */
    private record Prepared(KeyMetric key, Member member, String label, String time, QueryService.Compiled series,
                            List<QueryService.Compiled> breakdowns, QueryService.Compiled combined) {
    }

    /** The analysis periods as of a reference date. */
    record Periods(List<Period> complete, Period current) {
        Period compared() {
            return complete.get(complete.size() - 1);
        }

        Period previous() {
            return complete.get(complete.size() - 2);
        }
    }

    /**
     * Runs the analysis as of {@code referenceDate}. Throws {@link WhatChangedException} naming
     * every unknown, uncertified or unusable member before any query runs.
     */
    public WhatChanged analyse(WhatChangedSpec spec, LocalDate referenceDate) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(referenceDate, "referenceDate");
        List<String> problems = new ArrayList<>(checkSpec(spec));
        if (!problems.isEmpty()) throw new WhatChangedException(problems);

        QueryService qs = queries.withReferenceDate(referenceDate);
        Periods periods = periods(spec, referenceDate);
        Set<String> found = new LinkedHashSet<>();
        List<Prepared> prepared = new ArrayList<>();
        for (KeyMetric km : spec.metrics()) {
            prepare(qs, spec, km, periods, found).ifPresent(prepared::add);
        }
        if (!found.isEmpty()) throw new WhatChangedException(List.copyOf(found));

        List<MetricChange> out = new ArrayList<>();
        for (Prepared p : prepared) out.add(analyseMetric(qs, spec, p, periods));
        Period cur = periods.current();
        String comparison = periods.compared().label() + " (the last complete " + ChangeText.unit(spec.grain())
                + ") against " + periods.previous().label() + "; " + cur.label() + " is still running on "
                + referenceDate + ", so it is shown in each series but not compared";
        return new WhatChanged(referenceDate, spec.grain(), periods.compared(), periods.previous(), cur, comparison, out);
    }

    private static List<String> checkSpec(WhatChangedSpec spec) {
        List<String> p = new ArrayList<>();
        if (spec.grain() == null) p.add("the what-changed grain is missing (week or month)");
        if (spec.history() < 1) p.add("history must be at least 1 period, got " + spec.history());
        if (!(spec.unusualZ() > 0)) p.add("unusual_z must be greater than 0, got " + spec.unusualZ());
        if (!(spec.concentrationShare() > 0 && spec.concentrationShare() <= 1)) {
            p.add("concentration_share must be a fraction in (0, 1], got " + spec.concentrationShare());
        }
        if (spec.topN() < 1) p.add("top_n must be at least 1, got " + spec.topN());
        Set<String> seen = new HashSet<>();
        for (KeyMetric km : spec.metrics()) {
            if (km.member() == null || km.member().isBlank()) p.add("a key metric has no member");
            else if (!seen.add(km.member() + "@" + km.timeDimension())) p.add("key metric " + km.member() + " is listed twice");
        }
        return p;
    }

    static Periods periods(WhatChangedSpec spec, LocalDate referenceDate) {
        Grain g = spec.grain();
        LocalDate curStart = DateRange.truncate(referenceDate, g);
        List<Period> complete = new ArrayList<>();
        for (int i = spec.history() + 1; i >= 1; i--) complete.add(period(DateRange.add(curStart, g, -i), g));
        return new Periods(List.copyOf(complete), period(curStart, g));
    }

    private static Period period(LocalDate start, Grain g) {
        return new Period(start, DateRange.add(start, g, 1), ChangeText.period(start, g));
    }

    // ---- preparation: resolve names and compile every query before running any ---------------

    private Optional<Prepared> prepare(QueryService qs, WhatChangedSpec spec, KeyMetric km, Periods periods,
                                       Set<String> problems) {
        String label = km.label() == null || km.label().isBlank() ? km.member() : km.label().strip();
        String context = "key metric " + km.member() + (label.equals(km.member()) ? "" : " (" + label + ")");
        Member member = catalog.metric(km.member()).<Member>map(m -> m)
                .or(() -> catalog.measure(km.member()))
                .orElse(null);
        if (member == null) {
            problems.add(context + ": unknown metric or measure \"" + km.member() + "\""
                    + IssueRenderer.didYouMean(Suggestions.closest(km.member(), metricAndMeasureNames())));
            return Optional.empty();
        }
        String time = timeTarget(km);
        Period first = periods.complete().get(0);
        MetricQuery series = query(km.member(), time, spec.grain(), null, first.start(), periods.current().end().minusDays(1),
                null);
        // Compiled once here and run as compiled: a briefing cycle analyses once per recipient.
        Optional<QueryService.Compiled> compiledSeries = compile(qs, series, context, null, problems);
        if (compiledSeries.isEmpty()) return Optional.empty(); // the breakdown queries would repeat these problems

        List<QueryService.Compiled> breakdowns = new ArrayList<>();
        for (String dim : km.breakdowns()) {
            MetricQuery q = query(km.member(), time, spec.grain(), dim, periods.previous().start(),
                    periods.compared().end().minusDays(1), qs.maxLimit());
            compile(qs, q, context + ", breakdown " + dim, "dimensions[1]", problems).ifPresent(breakdowns::add);
        }
        QueryService.Compiled combined = null;
        if (combine && breakdowns.size() == km.breakdowns().size() && combinable(km)) {
            List<String> dims = new ArrayList<>();
            dims.add(time + "." + spec.grain().key());
            dims.addAll(km.breakdowns());
            MetricQuery all = new MetricQuery(List.of(km.member()), dims, series.filters(), null, null, qs.maxLimit(), null, null, null,
                    null, true);
            combined = compile(qs, all, context, null, new HashSet<>()).orElse(null);
        }
        return Optional.of(new Prepared(km, member, label, time, compiledSeries.get(), breakdowns, combined));
    }

    /** The compiled query, or its problems (with {@code onlyPath}, only those about that part of it) and empty. */
    private static Optional<QueryService.Compiled> compile(QueryService qs, MetricQuery q, String context, String onlyPath,
                                                           Set<String> problems) {
        try {
            return Optional.of(qs.compile(q, CERTIFIED));
        } catch (QueryException e) {
            List<Issue> about = e.errors().stream()
                    .filter(err -> onlyPath == null || (err.path() != null && err.path().startsWith(onlyPath))).toList();
            // A query with no problem of its own part still cannot run: say all of them rather than none.
            for (Issue err : about.isEmpty() ? e.errors() : about) {
                String hint = err.code() == QueryCode.UNKNOWN_MEMBER ? IssueRenderer.didYouMean(err.suggestions())
                        : err.suggestions().isEmpty() ? "" : " (one of " + String.join(", ", err.suggestions()) + ")";
                problems.add(context + ": " + err.message() + hint);
            }
            return Optional.empty();
        }
    }

    private List<String> metricAndMeasureNames() {
        List<String> names = new ArrayList<>(catalog.metrics().keySet());
        for (Cube c : catalog.cubes().values()) c.measures().forEach(m -> names.add(m.fullName()));
        return names;
    }

    /**
     * The metric grouped by period (and a breakdown), over [from, to] inclusive. Certified-only
     * is asked for in the query too, so the compiled query says so when it is explained.
     */
    private static MetricQuery query(String member, String time, Grain grain, String breakdown, LocalDate from,
                                     LocalDate to, Integer limit) {
        List<String> dims = new ArrayList<>();
        dims.add(time + "." + grain.key());
        if (breakdown != null) dims.add(breakdown);
        List<JsonNode> range = List.of(TextNode.valueOf(from.toString()), TextNode.valueOf(to.toString()));
        MetricQuery.Filter f = new MetricQuery.Filter(time, null, "in_date_range", null, range);
        return new MetricQuery(List.of(member), dims, List.of(f), null, null, limit, null, null, null, null, true);
    }

    /**
     * What to cut periods on. metric_time places each measure by its own time dimension and
     * gives period measures (customers churned in P, active at the start of P) their period, so
     * it is used whenever the named dimension is what metric_time would read anyway; otherwise
     * the named dimension itself is grouped and filtered.
     */
    private String timeTarget(KeyMetric km) {
        String td = km.timeDimension();
        if (td == null || td.isBlank() || td.equals(QueryValidator.METRIC_TIME)) return QueryValidator.METRIC_TIME;
        List<Measure> measures = new ArrayList<>();
        measuresOf(km.member(), measures, new HashSet<>());
        boolean placedByIt = !measures.isEmpty() && measures.stream().allMatch(m -> m.timeDimension() != null
                ? (m.cube() + "." + m.timeDimension()).equals(td) : periodMeasure(m));
        return placedByIt ? QueryValidator.METRIC_TIME : td;
    }

    private void measuresOf(String name, List<Measure> out, Set<String> visiting) {
        Optional<Metric> metric = catalog.metric(name);
        if (metric.isPresent()) {
            if (!visiting.add(name)) return;
            for (String ref : metric.get().refs()) measuresOf(ref, out, visiting);
            return;
        }
        catalog.measure(name).ifPresent(out::add);
    }

    private static boolean periodMeasure(Measure m) {
        List<SqlTemplate> all = new ArrayList<>(m.filters());
        if (m.sql() != null) all.add(m.sql());
        return all.stream().anyMatch(t -> t.usesParam(SqlTemplate.ParamName.PERIOD_START)
                || t.usesParam(SqlTemplate.ParamName.PERIOD_END));
    }

    /**
     * Counts and sums (and sums and differences of them) split into groups whose values add up
     * to the total; rates, averages and custom aggregates do not.
     */
    boolean additive(String name) {
        return additive(name, new HashSet<>());
    }

    private boolean additive(String name, Set<String> visiting) {
        Optional<Metric> metric = catalog.metric(name);
        if (metric.isPresent()) {
            Metric m = metric.get();
            if (!visiting.add(name)) return false;
            return switch (m.type()) {
                case SIMPLE -> additive(m.expression().strip(), visiting);
                case RATIO, CUMULATIVE, CONVERSION -> false;
                case DERIVED -> MetricExpression.parse(m.expression()).tokens().stream()
                        .noneMatch(t -> t instanceof MetricExpression.Op op && (op.symbol().equals("*") || op.symbol().equals("/")))
                        && m.refs().stream().allMatch(r -> additive(r, visiting));
            };
        }
        return catalog.measure(name).map(m -> m.type() == MeasureType.COUNT || m.type() == MeasureType.SUM).orElse(false);
    }

    // ---- analysis -----------------------------------------------------------------------------

    private MetricChange analyseMetric(QueryService qs, WhatChangedSpec spec, Prepared p, Periods periods) {
        Grain g = spec.grain();
        boolean additive = additive(p.key().member());
        Favorable favorable = p.member() instanceof Metric m ? m.favorable() : ((Measure) p.member()).favorable();
        Format format = p.member() instanceof Metric m ? m.format() : ((Measure) p.member()).format();

        // Series: one value per period; a period with no rows is 0 for a count or sum, unknown for a rate.
        QueryResult all = p.combined() == null ? null : qs.execute(p.combined());
        if (all != null && all.truncated()) all = null; // more groups than a result holds: one query per breakdown
        String timeColumn = p.time() + "." + g.key();
        QueryResult sr = all == null ? qs.execute(p.series()) : summed(all, List.of(timeColumn), p.key().member());
        Map<LocalDate, Double> byPeriod = new LinkedHashMap<>();
        int t = column(sr, timeColumn);
        int v = column(sr, p.key().member());
        for (List<Object> row : sr.rows()) {
            LocalDate d = DateRange.date(String.valueOf(row.get(t)));
            if (d != null) byPeriod.put(DateRange.truncate(d, g), number(row.get(v)));
        }
        Double missing = additive ? 0.0 : null;
        List<SeriesPoint> series = new ArrayList<>();
        List<Double> completeValues = new ArrayList<>();
        for (Period per : periods.complete()) {
            Double val = byPeriod.getOrDefault(per.start(), missing);
            series.add(new SeriesPoint(per, val, true));
            completeValues.add(val);
        }
        series.add(new SeriesPoint(periods.current(), byPeriod.getOrDefault(periods.current().start(), missing), false));

        Change change = Change.between(completeValues.get(completeValues.size() - 1), completeValues.get(completeValues.size() - 2));
        List<Double> earlier = ChangeStatistics.changes(completeValues.subList(0, completeValues.size() - 1));
        Unusual unusual = ChangeStatistics.unusual(earlier, change.change(), spec.unusualZ());
        Trend trend = ChangeStatistics.trend(earlier, change.change());
        Judgement judgement = judge(change.change(), favorable);

        List<Breakdown> breakdowns = new ArrayList<>();
        boolean explained = !sentencesOnly || (change.change() != null && change.change() != 0);
        for (int i = 0; explained && i < p.breakdowns().size(); i++) {
            String dim = p.key().breakdowns().get(i);
            QueryResult br = all == null ? qs.execute(p.breakdowns().get(i)) : summed(all, List.of(timeColumn, dim), p.key().member());
            breakdowns.add(breakdown(spec, p, dim, br, periods, additive, favorable, change));
        }
        Concentration top = null;
        for (Breakdown b : breakdowns) {
            if (b.concentration() != null && (top == null || b.concentration().share() > top.share())) top = b.concentration();
        }
        String sentence = sentence(p.label(), format, periods, change, unusual, trend, breakdowns, top);
        return new MetricChange(p.key().member(), p.label(), p.key().timeDimension(), format, favorable, additive, series,
                change, unusual, trend, judgement, breakdowns, top, sentence);
    }

    static Judgement judge(Double change, Favorable favorable) {
        if (change == null || change == 0 || favorable == null) return Judgement.NEUTRAL;
        boolean up = change > 0;
        return up == (favorable == Favorable.UP) ? Judgement.GOOD : Judgement.BAD;
    }

    private Breakdown breakdown(WhatChangedSpec spec, Prepared p, String dim, QueryResult r, Periods periods,
                                boolean additive, Favorable favorable, Change total) {
        Grain g = spec.grain();
        int t = column(r, p.time() + "." + g.key());
        int d = column(r, dim);
        int v = column(r, p.key().member());
        LocalDate cur = periods.compared().start();
        LocalDate prev = periods.previous().start();
        Map<String, Double[]> values = new java.util.TreeMap<>(); // group -> {previous, value}; sorted for stable output
        for (List<Object> row : r.rows()) {
            LocalDate day = DateRange.date(String.valueOf(row.get(t)));
            if (day == null) continue;
            LocalDate ps = DateRange.truncate(day, g);
            int slot = ps.equals(prev) ? 0 : ps.equals(cur) ? 1 : -1;
            if (slot < 0) continue;
            String group = row.get(d) == null ? NONE : String.valueOf(row.get(d));
            values.computeIfAbsent(group, k -> new Double[2])[slot] = number(row.get(v));
        }
        Double totalChange = total.change();
        List<GroupChange> groups = new ArrayList<>();
        for (var e : values.entrySet()) {
            Double before = e.getValue()[0];
            Double after = e.getValue()[1];
            if (additive) {
                before = before == null ? 0.0 : before;
                after = after == null ? 0.0 : after;
            }
            Change c = Change.between(after, before);
            Double share = additive && c.change() != null && totalChange != null && totalChange != 0
                    ? c.change() / totalChange + 0.0 : null; // + 0.0: no negative zero in the output
            groups.add(new GroupChange(e.getKey(), after, before, c.change(), c.changePct(), share));
        }
        // Largest movers first; groups with no change to measure last; ties by name.
        groups.sort(Comparator.comparing((GroupChange x) -> x.change() == null)
                .thenComparing(x -> x.change() == null ? 0 : -Math.abs(x.change()))
                .thenComparing(GroupChange::group));

        int sign = favorable == Favorable.DOWN ? -1 : 1;
        List<GroupChange> contributors = groups.stream().filter(x -> x.change() != null && x.change() * sign > 0)
                .sorted(Comparator.comparing((GroupChange x) -> -x.change() * sign).thenComparing(GroupChange::group))
                .limit(spec.topN()).toList();
        List<GroupChange> detractors = groups.stream().filter(x -> x.change() != null && x.change() * sign < 0)
                .sorted(Comparator.comparing((GroupChange x) -> x.change() * sign).thenComparing(GroupChange::group))
                .limit(spec.topN()).toList();

        Concentration conc = null;
        if (additive && totalChange != null && totalChange != 0) {
            GroupChange best = groups.stream().filter(x -> x.share() != null)
                    .max(Comparator.comparing(GroupChange::share)).orElse(null);
            // Over 100% means other groups moved the other way: that is offsetting, not concentration.
            if (best != null && best.share() >= spec.concentrationShare() && best.share() <= 1.0) {
                String text = best.group() + " carries " + ChangeText.wholePercent(best.share()) + " of the "
                        + inSentence(p.label()) + " " + (totalChange > 0 ? "rise" : "drop");
                conc = new Concentration(dim, best.group(), best.share(), best.change(), text);
            }
        }
        String note = additive
                ? "each group's change is its contribution: the groups' changes add up to the total change"
                : "for a rate or average each group's change is its own change in the metric; they do not add up to the total change";
        return new Breakdown(dim, dimensionLabel(dim), additive, groups, contributors, detractors, conc, r.truncated(), note);
    }

    // ---- the sentence -----------------------------------------------------------------------

    /**
     * One line, e.g. "MRR fell 3.2% in May 2026 (−$12,400), an unusual drop; enterprise carries
     * 72% of it (by region: EMEA −$9,100)." Built only from the analysis, so it is deterministic.
     */
    static String sentence(String label, Format f, Periods periods, Change c, Unusual unusual, Trend trend,
                           List<Breakdown> breakdowns, Concentration top) {
        String when = periods.compared().label();
        StringBuilder s = new StringBuilder(label);
        if (c.value() == null) {
            return s.append(" has no value for ").append(when).append('.').toString();
        }
        if (c.previous() == null) {
            return s.append(" was ").append(ChangeText.value(c.value(), f)).append(" in ").append(when)
                    .append(", with no value for ").append(periods.previous().label()).append(" to compare").append('.').toString();
        }
        if (c.change() == 0) {
            s.append(" was unchanged in ").append(when).append(" (").append(ChangeText.value(c.value(), f)).append(')');
        } else {
            // A relative change reads well for money and counts; for scores and rates ("NPS rose 42%")
            // it misleads, so those get the absolute change and where it started.
            boolean relative = c.changePct() != null && (f == Format.CURRENCY || f == Format.INTEGER);
            s.append(c.change() > 0 ? " rose" : " fell");
            if (relative) s.append(' ').append(ChangeText.percent(c.changePct()));
            s.append(" in ").append(when).append(" (").append(ChangeText.change(c.change(), f));
            if (!relative) s.append(", from ").append(ChangeText.value(c.previous(), f));
            s.append(')');
        }
        String move = c.change() > 0 ? "rise" : "drop";
        if (unusual.flagged()) s.append(", an unusual ").append(move);
        if (trend.reversed()) s.append("; ").append(trend.note());
        if (c.change() != 0) {
            if (top != null) {
                s.append("; ").append(top.group()).append(" carries ").append(ChangeText.wholePercent(top.share())).append(" of it");
                breakdowns.stream().filter(b -> !b.dimension().equals(top.dimension())).map(b -> largestMove(b, c.change()))
                        .filter(Objects::nonNull).findFirst()
                        .ifPresent(x -> s.append(" (by ").append(x.dimension()).append(": ").append(x.group().group()).append(' ')
                                .append(ChangeText.change(x.group().change(), f)).append(')'));
            } else {
                breakdowns.stream().map(b -> largestMove(b, c.change())).filter(Objects::nonNull).findFirst()
                        .ifPresent(x -> s.append("; largest ").append(move).append(" by ").append(x.dimension()).append(": ")
                                .append(x.group().group()).append(" (").append(ChangeText.change(x.group().change(), f)).append(')'));
            }
        }
        return s.append('.').toString();
    }

    private record Move(String dimension, GroupChange group) {
    }

    /** The group of a breakdown moving most in the total's direction (ties: first by name), or null. */
    private static Move largestMove(Breakdown b, double total) {
        return b.groups().stream().filter(g -> g.change() != null && g.change() * total > 0)
                .max(Comparator.comparing((GroupChange g) -> Math.abs(g.change())).thenComparing(GroupChange::group, Comparator.reverseOrder()))
                .map(g -> new Move(b.label(), g)).orElse(null);
    }

    /** "MRR" stays as written; "New customers" reads "new customers" mid-sentence. */
    static String inSentence(String label) {
        String first = label.split("\\s+", 2)[0];
        boolean acronym = first.length() > 1 && first.equals(first.toUpperCase(Locale.ROOT));
        return acronym ? label : label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }

    private static String dimensionLabel(String dim) {
        String base = dim.contains(".") ? dim.substring(dim.lastIndexOf('.') + 1) : dim;
        return base.replace('_', ' ');
    }

    // ---- result reading -----------------------------------------------------------------------

    /**
     * A metric whose groups add up (counts and sums), every breakdown reached from its cube without
     * fan-out: the finest grouping summed over the other breakdowns gives each coarser one exactly.
     */
    private boolean combinable(KeyMetric km) {
        if (km.breakdowns().isEmpty() || !additive(km.member())) return false;
        List<Measure> measures = new ArrayList<>();
        measuresOf(km.member(), measures, new HashSet<>());
        Set<String> cubes = new HashSet<>();
        measures.forEach(m -> cubes.add(m.cube()));
        if (cubes.size() != 1) return false;
        Set<String> reached = catalog.reachedWithoutFanOut(cubes.iterator().next());
        for (String dim : km.breakdowns()) {
            int dot = dim.indexOf('.');
            if (dot < 0 || !reached.contains(dim.substring(0, dot))) return false;
        }
        return true;
    }

    /** {@code r} grouped by {@code keys} only, {@code value} summed (null when every part is null, as SQL's sum). */
    private static QueryResult summed(QueryResult r, List<String> keys, String value) {
        List<Integer> at = keys.stream().map(k -> column(r, k)).toList();
        int v = column(r, value);
        Map<List<Object>, java.math.BigDecimal> sums = new LinkedHashMap<>();
        for (List<Object> row : r.rows()) {
            List<Object> key = new ArrayList<>(at.size());
            for (int i : at) key.add(row.get(i));
            Object x = row.get(v);
            java.math.BigDecimal add = x == null ? null : new java.math.BigDecimal(x.toString());
            java.math.BigDecimal had = sums.get(key);
            sums.put(key, had == null ? add : add == null ? had : had.add(add));
        }
        List<QueryResult.Column> columns = new ArrayList<>();
        for (int i : at) columns.add(r.columns().get(i));
        columns.add(r.columns().get(v));
        List<List<Object>> rows = new ArrayList<>();
        sums.forEach((key, sum) -> {
            List<Object> row = new ArrayList<>(key);
            row.add(sum);
            rows.add(java.util.Collections.unmodifiableList(row));
        });
        return new QueryResult(columns, rows, false, r.durationMs());
    }

    private static int column(QueryResult r, String name) {
        for (int i = 0; i < r.columns().size(); i++) {
            if (r.columns().get(i).name().equals(name)) return i;
        }
        throw new IllegalStateException("the result has no column " + name);
    }

    private static Double number(Object o) {
        if (o == null) return null;
        if (o instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(o.toString());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("expected a number, got " + o);
        }
    }
}
