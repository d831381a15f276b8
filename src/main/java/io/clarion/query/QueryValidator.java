package io.clarion.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.Segment;
import io.clarion.query.ResolvedQuery.AnalysisSpec;
import io.clarion.query.ResolvedQuery.AnalysisType;
import io.clarion.query.ResolvedQuery.DimFilter;
import io.clarion.query.ResolvedQuery.DimRef;
import io.clarion.query.ResolvedQuery.MeasureOutput;
import io.clarion.query.ResolvedQuery.MetricFilter;
import io.clarion.query.ResolvedQuery.MetricOutput;
import io.clarion.query.ResolvedQuery.Order;
import io.clarion.query.ResolvedQuery.Output;
import io.clarion.query.ResolvedQuery.TimeBounds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a metric query against the catalog before anything runs, and resolves it. Every
 * problem is collected (unknown names with suggestions, operator against type, value types,
 * date formats, grains, limits, certification) and thrown together.
 *
 * <p>Why this class is over 400 lines: validation is a single pass over every part of a query
 * (outputs, dimensions, filters, segments, order, analysis, access) sharing the members it has
 * resolved so far, so each part can refer to the others and every issue is collected in order of
 * the query's JSON. Its filter resolution is the next piece to move out when it grows.
 */
public final class QueryValidator {
    public static final String METRIC_TIME = "metric_time";

    /**
     * Limits and policy for one validation.
     *
     * @param referenceDateProblem why the reference date the catalog or data set meant to give could
     *                             not be read (null when it was): a relative date is then refused
     */
    public record Options(LocalDate referenceDate, int defaultLimit, int maxLimit, boolean certifiedOnly, AccessRules access,
                          String referenceDateProblem) {
        public Options {
            access = access == null ? AccessRules.UNRESTRICTED : access;
        }

        public Options(LocalDate referenceDate, int defaultLimit, int maxLimit, boolean certifiedOnly, AccessRules access) {
            this(referenceDate, defaultLimit, maxLimit, certifiedOnly, access, null);
        }

        public Options(LocalDate referenceDate, int defaultLimit, int maxLimit, boolean certifiedOnly) {
            this(referenceDate, defaultLimit, maxLimit, certifiedOnly, AccessRules.UNRESTRICTED);
        }
    }

    private final Catalog catalog;

    public QueryValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    Catalog catalog() {
        return catalog;
    }

    public ResolvedQuery validate(MetricQuery q, Options opt) {
        List<Issue> errors = new ArrayList<>();
        boolean certifiedOnly = opt.certifiedOnly() || Boolean.TRUE.equals(q.certifiedOnly());

        List<Output> outputs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < q.metrics().size(); i++) {
            String name = q.metrics().get(i);
            String path = "metrics[" + i + "]";
            if (!seen.add(name)) {
                errors.add(QueryCode.DUPLICATE_MEMBER.at(path, name + " is listed twice"));
                continue;
            }
            resolveOutput(name, path, errors).ifPresent(o -> {
                outputs.add(o);
                if (certifiedOnly) requireCertified(o instanceof MeasureOutput m ? m.measure() : ((MetricOutput) o).metric(), path, errors);
            });
        }

        List<DimRef> dims = new ArrayList<>();
        for (int i = 0; i < q.dimensions().size(); i++) {
            String name = q.dimensions().get(i);
            String path = "dimensions[" + i + "]";
            if (!seen.add(name)) {
                errors.add(QueryCode.DUPLICATE_MEMBER.at(path, name + " is listed twice"));
                continue;
            }
            resolveDimension(name, path, errors).ifPresent(d -> {
                dims.add(d);
                if (certifiedOnly && d.dimension() != null) requireCertified(d.dimension(), path, errors);
            });
        }
        if (outputs.isEmpty() && dims.isEmpty()) {
            errors.add(QueryCode.EMPTY_QUERY.at("metrics", "the query asks for nothing: name at least one metric or dimension"));
        }

        LocalDate today = opt.referenceDate();
        if (opt.referenceDateProblem() != null) refuseRelativeDates(q, opt.referenceDateProblem(), errors);
        List<DimFilter> filters = new ArrayList<>();
        List<MetricFilter> metricFilters = new ArrayList<>();
        TimeBounds metricTime = null;
        for (int i = 0; i < q.filters().size(); i++) {
            MetricQuery.Filter f = q.filters().get(i);
            String path = "filters[" + i + "]";
            Optional<Operator> op = Operator.parse(f.operator());
            if (f.operator() != null && op.isEmpty()) {
                errors.add(QueryCode.UNKNOWN_OPERATOR.at(path + ".operator", "unknown operator \"" + f.operator() + "\"",
                        Suggestions.closest(f.operator(), Operator.keys())));
            }
            if (f.metric() != null) {
                resolveMetricFilter(f, path, op.orElse(null), outputs, errors).ifPresent(metricFilters::add);
                continue;
            }
            if (f.dimension() == null) continue;
            Optional<DimRef> target = resolveDimension(f.dimension(), path + ".dimension", errors);
            if (target.isEmpty() || op.isEmpty()) continue;
            if (certifiedOnly && target.get().dimension() != null) requireCertified(target.get().dimension(), path, errors);
            Optional<DimFilter> df = resolveFilter(f, path, target.get(), op.get(), today, errors);
            if (df.isEmpty()) continue;
            if (df.get().target().isMetricTime()) {
                if (metricTime != null) {
                    errors.add(QueryCode.INVALID_FILTER.at(path, "metric_time is filtered twice; give one date range"));
                }
                metricTime = df.get().bounds();
            } else {
                filters.add(df.get());
            }
        }

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < q.segments().size(); i++) {
            String name = q.segments().get(i);
            Optional<Segment> s = catalog.segment(name);
            if (s.isEmpty()) {
                errors.add(QueryCode.UNKNOWN_MEMBER.at("segments[" + i + "]", "unknown segment \"" + name + "\"",
                        Suggestions.closest(name, allSegments())));
            } else {
                segments.add(s.get());
                if (certifiedOnly) requireCertified(s.get(), "segments[" + i + "]", errors);
            }
        }

        ResolvedQuery.Compare compare = null;
        if (q.compare() != null) {
            compare = switch (q.compare().toLowerCase(Locale.ROOT).replace(' ', '_')) {
                case "previous_period", "prior_period", "period_over_period", "previous" -> ResolvedQuery.Compare.PREVIOUS_PERIOD;
                case "same_period_last_year", "previous_year", "year_over_year", "yoy" -> ResolvedQuery.Compare.SAME_PERIOD_LAST_YEAR;
                default -> {
                    errors.add(QueryCode.INVALID_VALUE.at("compare", "unknown comparison \"" + q.compare() + "\"",
                            List.of("previous_period", "same_period_last_year")));
                    yield null;
                }
            };
        }

        List<AnalysisSpec> analysis = resolveAnalysis(q, outputs, dims, new ShareParts(this, today, certifiedOnly, opt.access()), errors);

        // Columns the result will have, for order_by.
        Set<String> columns = new LinkedHashSet<>();
        outputs.forEach(o -> columns.add(o.name()));
        dims.forEach(d -> columns.add(d.name()));
        analysis.forEach(a -> columns.add(a.column()));
        if (compare != null) {
            for (Output o : outputs) {
                columns.add(o.name() + "_previous");
                columns.add(o.name() + "_change");
                columns.add(o.name() + "_change_pct");
            }
        }
        List<Order> order = new ArrayList<>();
        for (int i = 0; i < q.orderBy().size(); i++) {
            MetricQuery.OrderBy ob = q.orderBy().get(i);
            String path = "order_by[" + i + "]";
            if (ob.field() == null) continue;
            if (!columns.contains(ob.field())) {
                errors.add(QueryCode.INVALID_ORDER.at(path + ".field",
                        "cannot order by \"" + ob.field() + "\": it is not a metric or dimension of this query",
                        Suggestions.closest(ob.field(), columns)));
                continue;
            }
            String dir = ob.direction() == null ? "asc" : ob.direction().toLowerCase(Locale.ROOT);
            if (!dir.equals("asc") && !dir.equals("desc")) {
                errors.add(QueryCode.INVALID_VALUE.at(path + ".direction", "direction must be asc or desc", List.of("asc", "desc")));
                continue;
            }
            order.add(new Order(ob.field(), dir.equals("desc")));
        }
        if (order.isEmpty()) order = defaultOrder(outputs, dims);

        int limit = opt.defaultLimit();
        if (q.limit() != null) {
            if (q.limit() <= 0) {
                errors.add(QueryCode.INVALID_LIMIT.at("limit", "limit must be at least 1"));
            } else if (q.limit() > opt.maxLimit()) {
                errors.add(QueryCode.INVALID_LIMIT.at("limit",
                        "limit " + q.limit() + " is over the maximum of " + opt.maxLimit() + " rows"));
            } else {
                limit = q.limit();
            }
        }
        if (q.timezone() != null && !q.timezone().equalsIgnoreCase("UTC") && !q.timezone().equalsIgnoreCase("Etc/UTC")) {
            errors.add(QueryCode.UNSUPPORTED_TIMEZONE.at("timezone",
                    "the warehouse records times in UTC; timezone \"" + q.timezone() + "\" is not supported yet", List.of("UTC")));
        }
        if (compare != null && !hasTimeContext(dims, metricTime)) {
            errors.add(QueryCode.INVALID_COMPARE.at("compare",
                    "a comparison needs a period: filter metric_time with a date range or group by metric_time"));
        }
        WindowsEndingToday.refuse(catalog, outputs, dims, metricTime, opt.referenceDateProblem(), errors);
        checkAccess(opt.access(), outputs, dims, filters, segments, errors);
        if (!errors.isEmpty()) throw new QueryException(errors);

        DateRange period = metricTime != null && metricTime.asRange() != null
                ? metricTime.asRange() : DateRange.periodContaining(today, Grain.MONTH);
        return new ResolvedQuery(outputs, dims, filters, metricFilters, segments, order, limit, today, period, metricTime,
                compare, analysis, q.joinPaths(), q, opt.access());
    }

    /**
     * Denied members (by role, or a cube whose rows the principal cannot reach) and filters on
     * masked PII, which would let a caller test a raw value ("where email = ...").
     */
    private static void checkAccess(AccessRules access, List<Output> outputs, List<DimRef> dims, List<DimFilter> filters,
                                    List<Segment> segments, List<Issue> errors) {
        for (int i = 0; i < outputs.size(); i++) {
            Output o = outputs.get(i);
            Optional<String> why = o instanceof MetricOutput m ? access.metricDenial(m.metric())
                    : access.denial(((MeasureOutput) o).measure().fullName());
            int index = i;
            why.ifPresent(w -> errors.add(QueryCode.ACCESS_DENIED.at("metrics[" + index + "]", o.name() + " is not available to "
                    + access.describe() + ": " + w)));
        }
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i).dimension();
            if (d == null) continue;
            int index = i;
            access.denial(d.fullName()).ifPresent(w -> errors.add(QueryCode.ACCESS_DENIED.at("dimensions[" + index + "]",
                    d.fullName() + " is not available to " + access.describe() + ": " + w)));
        }
        for (DimFilter f : filters) {
            Dimension d = f.target().dimension();
            if (d == null) continue;
            Optional<String> why = access.denial(d.fullName());
            if (why.isPresent()) {
                errors.add(QueryCode.ACCESS_DENIED.at(f.path() + ".dimension", d.fullName() + " is not available to "
                        + access.describe() + ": " + why.get()));
            } else if (access.masks(d)) {
                errors.add(QueryCode.MASKED_MEMBER.at(f.path() + ".dimension", d.fullName() + " is personal data, masked for "
                        + access.describe() + "; it cannot be used in a filter"));
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            int index = i;
            access.denial(s.fullName()).ifPresent(w -> errors.add(QueryCode.ACCESS_DENIED.at("segments[" + index + "]",
                    s.fullName() + " is not available to " + access.describe() + ": " + w)));
        }
    }

    private static boolean hasTimeContext(List<DimRef> dims, TimeBounds metricTime) {
        return (metricTime != null && metricTime.asRange() != null) || dims.stream().anyMatch(DimRef::isMetricTime);
    }

    private static List<Order> defaultOrder(List<Output> outputs, List<DimRef> dims) {
        List<Order> order = new ArrayList<>();
        dims.stream().filter(DimRef::isTime).findFirst().ifPresent(d -> order.add(new Order(d.name(), false)));
        if (order.isEmpty() && !outputs.isEmpty()) order.add(new Order(outputs.get(0).name(), true));
        // Ties broken by every dimension, so results are deterministic.
        for (DimRef d : dims) {
            if (order.stream().noneMatch(o -> o.field().equals(d.name()))) order.add(new Order(d.name(), false));
        }
        return order;
    }

    private Optional<Output> resolveOutput(String name, String path, List<Issue> errors) {
        Optional<Metric> metric = catalog.metric(name);
        if (metric.isPresent()) return Optional.of(new MetricOutput(name, metric.get()));
        Optional<Measure> measure = catalog.measure(name);
        if (measure.isPresent()) return Optional.of(new MeasureOutput(name, measure.get()));
        if (catalog.dimension(stripGrain(name)).isPresent()) {
            errors.add(QueryCode.NOT_A_METRIC.at(path, name + " is a dimension: list it under \"dimensions\"", List.of()));
        } else {
            errors.add(QueryCode.UNKNOWN_MEMBER.at(path, "unknown metric or measure \"" + name + "\"",
                    Suggestions.closest(name, metricAndMeasureNames())));
        }
        return Optional.empty();
    }

    private static String stripGrain(String name) {
        int last = name.lastIndexOf('.');
        if (last > 0 && Grain.parse(name.substring(last + 1)).isPresent()) return name.substring(0, last);
        return name;
    }

    Optional<DimRef> resolveDimension(String name, String path, List<Issue> errors) {
        if (name.equals(METRIC_TIME) || name.startsWith(METRIC_TIME + ".")) {
            if (name.equals(METRIC_TIME)) return Optional.of(new DimRef(name, null, null));
            String g = name.substring(METRIC_TIME.length() + 1);
            Optional<Grain> grain = Grain.parse(g);
            if (grain.isEmpty()) {
                errors.add(QueryCode.INVALID_GRAIN.at(path, "unknown grain \"" + g + "\"", grainKeys(List.of(Grain.values()))));
                return Optional.empty();
            }
            return Optional.of(new DimRef(name, null, grain.get()));
        }
        Optional<Dimension> d = catalog.dimension(name);
        if (d.isPresent()) return Optional.of(new DimRef(name, d.get(), null));
        int last = name.lastIndexOf('.');
        if (last > 0) {
            Optional<Dimension> base = catalog.dimension(name.substring(0, last));
            if (base.isPresent()) {
                String g = name.substring(last + 1);
                Dimension dim = base.get();
                if (dim.type() != DimensionType.TIME) {
                    errors.add(QueryCode.INVALID_GRAIN.at(path, dim.fullName() + " is not a time dimension, so it takes no grain"));
                    return Optional.empty();
                }
                Optional<Grain> grain = Grain.parse(g).filter(dim.granularities()::contains);
                if (grain.isEmpty()) {
                    errors.add(QueryCode.INVALID_GRAIN.at(path, dim.fullName() + " has no grain \"" + g + "\"",
                            grainKeys(dim.granularities())));
                    return Optional.empty();
                }
                return Optional.of(new DimRef(name, dim, grain.get()));
            }
        }
        if (catalog.measure(name).isPresent() || catalog.metric(name).isPresent()) {
            errors.add(QueryCode.NOT_A_DIMENSION.at(path, name + " is a metric: list it under \"metrics\" (or filter it with \"metric\")"));
        } else {
            errors.add(QueryCode.UNKNOWN_MEMBER.at(path, "unknown dimension \"" + name + "\"",
                    Suggestions.closest(name, dimensionNames())));
        }
        return Optional.empty();
    }

    private static List<String> grainKeys(List<Grain> grains) {
        return grains.stream().map(Grain::key).toList();
    }

    Optional<DimFilter> resolveFilter(MetricQuery.Filter f, String path, DimRef target, Operator op,
                                              LocalDate today, List<Issue> errors) {
        DimensionType type = target.type();
        if (!op.appliesTo(type)) {
            List<String> ok = java.util.Arrays.stream(Operator.values()).filter(o -> o.appliesTo(type)).map(Operator::key).toList();
            errors.add(QueryCode.OPERATOR_TYPE_MISMATCH.at(path + ".operator",
                    "operator " + op.key() + " does not apply to " + type.name().toLowerCase(Locale.ROOT) + " dimension " + target.name(), ok));
            return Optional.empty();
        }
        List<JsonNode> raw = rawValues(f);
        String vpath = path + (f.values() != null ? ".values" : ".value");
        switch (op.arity()) {
            case NONE -> {
                if (!raw.isEmpty()) {
                    errors.add(QueryCode.INVALID_VALUE.at(vpath, "operator " + op.key() + " takes no value"));
                    return Optional.empty();
                }
                return Optional.of(new DimFilter(path, target, op, List.of(), null));
            }
            case ONE -> {
                if (raw.size() != 1) {
                    errors.add(QueryCode.INVALID_VALUE.at(vpath, "operator " + op.key() + " takes exactly one value"));
                    return Optional.empty();
                }
            }
            case TWO -> {
                if (raw.size() != 2) {
                    errors.add(QueryCode.INVALID_VALUE.at(vpath, "operator " + op.key() + " takes two values [from, to]"));
                    return Optional.empty();
                }
            }
            case MANY -> {
                if (raw.isEmpty()) {
                    errors.add(QueryCode.INVALID_VALUE.at(vpath, "operator " + op.key() + " needs at least one value"));
                    return Optional.empty();
                }
                if (raw.size() > 1000) {
                    errors.add(QueryCode.INVALID_VALUE.at(vpath, "at most 1000 values in a list"));
                    return Optional.empty();
                }
            }
            case RANGE -> {
                if (raw.size() != 1 && raw.size() != 2) {
                    errors.add(QueryCode.INVALID_VALUE.at(vpath, "in_date_range takes a phrase (\"last 30 days\") or two dates"));
                    return Optional.empty();
                }
            }
        }
        if (type == DimensionType.TIME) {
            if (op == Operator.IN_PERIODS) {
                // The engine answers it period by period before validation; anywhere else it has no meaning.
                errors.add(QueryCode.INVALID_VALUE.at(path + ".operator", "in_periods applies to one of the query's own date filters, not here"));
                return Optional.empty();
            }
            TimeBounds b = timeBounds(op, raw, vpath, today, errors);
            return b == null ? Optional.empty() : Optional.of(new DimFilter(path, target, op, List.of(), b));
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Object v = typed(raw.get(i), type, raw.size() > 1 ? vpath + "[" + i + "]" : vpath, errors);
            if (v == null) return Optional.empty();
            values.add(v);
        }
        return Optional.of(new DimFilter(path, target, op, values, null));
    }

    private static List<JsonNode> rawValues(MetricQuery.Filter f) {
        if (f.values() != null) return f.values();
        if (f.value() == null || f.value().isNull()) return List.of();
        if (f.value().isArray()) {
            List<JsonNode> out = new ArrayList<>();
            f.value().forEach(out::add);
            return out;
        }
        return List.of(f.value());
    }

    private static Object typed(JsonNode v, DimensionType type, String path, List<Issue> errors) {
        switch (type) {
            case STRING -> {
                if (v.isTextual() || v.isNumber() || v.isBoolean()) return v.asText();
                errors.add(QueryCode.INVALID_VALUE.at(path, "expected text"));
            }
            case NUMBER -> {
                if (v.isNumber()) return v.decimalValue();
                if (v.isTextual()) {
                    try {
                        return new BigDecimal(v.asText().strip());
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                errors.add(QueryCode.INVALID_VALUE.at(path, "expected a number, got " + v));
            }
            case BOOLEAN -> {
                if (v.isBoolean()) return v.booleanValue();
                if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(v.asText());
                }
                errors.add(QueryCode.INVALID_VALUE.at(path, "expected true or false, got " + v));
            }
            case TIME -> throw new IllegalStateException("time values are bounds");
        }
        return null;
    }

    /** Each filter value that is a relative date ("last quarter"), refused: there is no "today" to read it from. */
    private static void refuseRelativeDates(MetricQuery q, String problem, List<Issue> errors) {
        for (int i = 0; i < q.filters().size(); i++) {
            MetricQuery.Filter f = q.filters().get(i);
            List<JsonNode> values = new ArrayList<>();
            if (f.value() != null) values.add(f.value());
            if (f.values() != null) values.addAll(f.values());
            for (JsonNode v : values) {
                if (v != null && v.isTextual() && DateRange.isRelative(v.asText())) {
                    errors.add(QueryCode.REFERENCE_DATE_UNKNOWN.at("filters[" + i + "]", "\"" + v.asText()
                            + "\" is relative to a reference date, and none can be determined: " + problem + ". To fix it, "
                            + io.clarion.query.DateRange.REFERENCE_DATE_FIXES));
                    break;
                }
            }
        }
    }

    /** Reduces every time operator to day bounds [from, until). */
    private static TimeBounds timeBounds(Operator op, List<JsonNode> raw, String path, LocalDate today, List<Issue> errors) {
        if (op == Operator.IN_DATE_RANGE && raw.size() == 1) {
            JsonNode v = raw.get(0);
            Optional<DateRange> r = v.isTextual() ? DateRange.parse(v.asText(), today) : Optional.empty();
            Optional<String> rightWayRound = r.isEmpty() && v.isTextual() ? DateRange.reversedSpan(v.asText(), today) : Optional.empty();
            if (rightWayRound.isPresent()) {
                errors.add(QueryCode.INVALID_DATE_RANGE.at(path, "the date range " + v + " ends before it starts: its second period begins before the first",
                        List.of(rightWayRound.get())));
                return null;
            }
            if (r.isEmpty()) {
                errors.add(QueryCode.INVALID_DATE_RANGE.at(path, "cannot read the date range " + v + "; use " + DateRange.PHRASES, List.of()));
                return null;
            }
            return new TimeBounds(r.get().start(), r.get().end());
        }
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            JsonNode v = raw.get(i);
            LocalDate d = v.isTextual() ? DateRange.date(v.asText()) : null;
            if (d == null && v.isTextual() && (op == Operator.BEFORE || op == Operator.AFTER)) {
                // "before last month" reads as before the start of that range
                Optional<DateRange> r = DateRange.parse(v.asText(), today);
                if (r.isPresent()) d = op == Operator.BEFORE ? r.get().start() : r.get().end().minusDays(1);
            }
            if (d == null) {
                errors.add(QueryCode.INVALID_DATE.at(raw.size() > 1 ? path + "[" + i + "]" : path,
                        "expected a date as YYYY-MM-DD, got " + v));
                return null;
            }
            dates.add(d);
        }
        LocalDate d = dates.get(0);
        TimeBounds b = switch (op) {
            case EQUALS -> new TimeBounds(d, d.plusDays(1));
            case GT, AFTER -> new TimeBounds(d.plusDays(1), null);
            case GTE -> new TimeBounds(d, null);
            case LT, BEFORE -> new TimeBounds(null, d);
            case LTE -> new TimeBounds(null, d.plusDays(1));
            case BETWEEN, IN_DATE_RANGE -> new TimeBounds(d, dates.get(1).plusDays(1));
            default -> null; // NOT_EQUALS on time: handled as an exclusion below
        };
        if (op == Operator.NOT_EQUALS) {
            errors.add(QueryCode.OPERATOR_TYPE_MISMATCH.at(path, "not_equals on a date is not supported; use before/after"));
            return null;
        }
        if (b != null && b.from() != null && b.until() != null && !b.until().isAfter(b.from())) {
            errors.add(QueryCode.INVALID_DATE_RANGE.at(path, "the range ends before it starts"));
            return null;
        }
        return b;
    }

    private Optional<MetricFilter> resolveMetricFilter(MetricQuery.Filter f, String path, Operator op, List<Output> outputs,
                                                       List<Issue> errors) {
        String name = f.metric();
        boolean inQuery = outputs.stream().anyMatch(o -> o.name().equals(name));
        if (!inQuery) {
            if (catalog.metric(name).isEmpty() && catalog.measure(name).isEmpty()) {
                errors.add(QueryCode.UNKNOWN_MEMBER.at(path + ".metric", "unknown metric \"" + name + "\"",
                        Suggestions.closest(name, metricAndMeasureNames())));
            } else {
                errors.add(QueryCode.INVALID_FILTER.at(path + ".metric",
                        "a metric filter applies to a metric of the query: add " + name + " to \"metrics\""));
            }
            return Optional.empty();
        }
        if (op == null) return Optional.empty();
        if (!op.appliesToMetric()) {
            errors.add(QueryCode.OPERATOR_TYPE_MISMATCH.at(path + ".operator", "operator " + op.key() + " does not apply to a metric value",
                    List.of("equals", "not_equals", "gt", "gte", "lt", "lte", "between", "set", "not_set")));
            return Optional.empty();
        }
        List<JsonNode> raw = rawValues(f);
        int expected = switch (op.arity()) {
            case NONE -> 0;
            case TWO -> 2;
            default -> 1;
        };
        if (raw.size() != expected) {
            errors.add(QueryCode.INVALID_VALUE.at(path + ".value", "operator " + op.key() + " takes " + expected + " value(s)"));
            return Optional.empty();
        }
        List<BigDecimal> values = new ArrayList<>();
        for (JsonNode v : raw) {
            Object n = typed(v, DimensionType.NUMBER, path + ".value", errors);
            if (n == null) return Optional.empty();
            values.add((BigDecimal) n);
        }
        return Optional.of(new MetricFilter(path, name, op, values));
    }

    private List<AnalysisSpec> resolveAnalysis(MetricQuery q, List<Output> outputs, List<DimRef> dims, ShareParts shares,
                                               List<Issue> errors) {
        List<AnalysisSpec> out = new ArrayList<>();
        for (int i = 0; i < q.analysis().size(); i++) {
            MetricQuery.Analysis a = q.analysis().get(i);
            String path = "analysis[" + i + "]";
            AnalysisType type = null;
            if (a.type() != null) {
                for (AnalysisType t : AnalysisType.values()) {
                    if (t.name().equalsIgnoreCase(a.type().replace(' ', '_'))) type = t;
                }
            }
            if (type == null) {
                errors.add(QueryCode.INVALID_VALUE.at(path + ".type", "unknown analysis \"" + a.type() + "\"",
                        Stream.of(AnalysisType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList()));
                continue;
            }
            String metric = a.metric() != null ? a.metric() : outputs.isEmpty() ? null : outputs.get(0).name();
            if (metric == null || outputs.stream().noneMatch(o -> o.name().equals(metric))) {
                errors.add(QueryCode.INVALID_VALUE.at(path + ".metric", "an analysis applies to a metric of the query",
                        outputs.stream().map(Output::name).toList()));
                continue;
            }
            List<DimRef> partition = new ArrayList<>();
            for (String p : a.partitionBy() == null ? List.<String>of() : a.partitionBy()) {
                Optional<DimRef> d = dims.stream().filter(x -> x.name().equals(p)).findFirst();
                if (d.isEmpty()) {
                    errors.add(QueryCode.INVALID_VALUE.at(path + ".partition_by", p + " is not a dimension of the query",
                            dims.stream().map(DimRef::name).toList()));
                } else {
                    partition.add(d.get());
                }
            }
            Grain grain = null;
            if (a.grain() != null) {
                grain = Grain.parse(a.grain()).orElse(null);
                if (grain == null) errors.add(QueryCode.INVALID_GRAIN.at(path + ".grain", "unknown grain " + a.grain(), grainKeys(List.of(Grain.values()))));
            }
            if (a.top() != null && (a.top() < 1 || a.top() > 10_000)) {
                errors.add(QueryCode.INVALID_VALUE.at(path + ".top", "top must be between 1 and 10000"));
            }
            if (type == AnalysisType.ROLLING) {
                if (a.window() == null || a.window() < 1 || a.window() > 1000) {
                    errors.add(QueryCode.INVALID_VALUE.at(path + ".window", "a rolling window needs \"window\": the number of periods (1 to 1000)"));
                }
            }
            if ((type == AnalysisType.ROLLING || type == AnalysisType.CUMULATIVE) && dims.stream().noneMatch(d -> d.isTime() && d.grain() != null)) {
                errors.add(QueryCode.INVALID_VALUE.at(path, type.name().toLowerCase(Locale.ROOT) + " needs a time dimension with a grain (e.g. metric_time.month)"));
            }
            String column = type == AnalysisType.COUNT_GROUPS ? groupsColumn(dims) : metric + "_" + switch (type) {
                case GROUP_AVERAGE -> "average_per_" + groupsColumn(dims).substring("count_of_".length());
                case PERCENT_OF_TOTAL -> "pct_of_total";
                case SHARE -> "share" + ShareParts.suffix(metric, out);
                case RANK -> "rank";
                case ROLLING -> "rolling_" + (a.window() == null ? 0 : a.window());
                case CUMULATIVE -> grain == null ? "cumulative" : grain.key() + "_to_date";
                case COUNT_GROUPS -> throw new IllegalStateException("named after its groups");
            };
            if (type == AnalysisType.COUNT_GROUPS && dims.isEmpty()) {
                errors.add(QueryCode.INVALID_VALUE.at(path, "count_groups counts the groups of the query's dimensions: add one (e.g. customers.customer_id)"));
            }
            if (type == AnalysisType.COUNT_GROUPS && q.analysis().size() > 1) {
                errors.add(QueryCode.INVALID_VALUE.at(path, "count_groups returns one number and cannot be combined with other analysis"));
            }
            if (type == AnalysisType.GROUP_AVERAGE && dims.isEmpty()) {
                errors.add(QueryCode.INVALID_VALUE.at(path, "group_average averages the metric over the groups of the query's dimensions: add one (e.g. customers.customer_id)"));
            }
            if (type == AnalysisType.GROUP_AVERAGE && (q.analysis().size() > 1 || q.compare() != null)) {
                errors.add(QueryCode.INVALID_VALUE.at(path, "group_average returns one number and cannot be combined with other analysis or a comparison"));
            }
            ResolvedQuery.Part part = shares.part(a, type, path, errors);
            out.add(new AnalysisSpec(type, metric, partition, a.top(), a.window(), grain, column, part));
        }
        return out;
    }

    /** "count_of_customer" for groups of customers (by name or id), "count_of_country" by country. */
    private static String groupsColumn(List<DimRef> dims) {
        if (dims.isEmpty()) return "count_of_groups";
        String n = dims.get(0).name();
        String base = n.substring(n.lastIndexOf('.') + 1);
        if (base.endsWith("_name") || base.endsWith("_id")) base = base.substring(0, base.lastIndexOf('_'));
        return "count_of_" + base;
    }

    void requireCertified(Member m, String path, List<Issue> errors) {
        if (!m.info().certified()) {
            errors.add(QueryCode.NOT_CERTIFIED.at(path, m.fullName() + " is not certified; only certified members may be used here"));
        }
    }

    private List<String> metricAndMeasureNames() {
        List<String> names = new ArrayList<>(catalog.metrics().keySet());
        for (Cube c : catalog.cubes().values()) c.measures().forEach(m -> names.add(m.fullName()));
        return names;
    }

    private List<String> dimensionNames() {
        List<String> names = new ArrayList<>();
        names.add(METRIC_TIME);
        for (Cube c : catalog.cubes().values()) c.dimensions().forEach(d -> names.add(d.fullName()));
        return names;
    }

    List<String> allSegments() {
        List<String> names = new ArrayList<>();
        for (Cube c : catalog.cubes().values()) c.segments().forEach(s -> names.add(s.fullName()));
        return names;
    }
}
