package io.clarion.catalog;

import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;

import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.NonAdditive;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.model.SqlTemplate.ParamName;
import io.clarion.catalog.model.TimeBinding;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalog's one rule for time: each measure is dated (declared or defaulted), bound to the
 * query's period, or timeless; and a metric whose inputs are bound differently must say how a
 * query's time window applies to them. Kept apart from the builder so the rule reads in one place.
 */
final class TimeRules {
    static final String TIMELESS_KEY = "timeless";
    static final String TIME_WINDOW_KEY = "time_window";
    static final String NON_ADDITIVE_KEY = "non_additive_dimension";
    /** The one way a metric may combine differently bound inputs: each takes the window its own way. */
    static final String PER_INPUT = "per_input";

    private TimeRules() {
    }

    record MeasureTime(String timeDimension, TimeBinding binding) {
    }

    /**
     * How a measure is placed in time. A measure reading {AS_OF} is never defaulted to a date:
     * it is a current-state number, and dating it would filter today's value by a past period.
     */
    static MeasureTime measure(String cube, String name, YMap n, String declared, SqlTemplate sql, List<SqlTemplate> filters,
                               List<String> cubeTimeDimensions, List<Issue> errors) {
        YNode t = n.get(TIMELESS_KEY);
        boolean timeless = false;
        if (t != null) {
            String v = io.clarion.catalog.yaml.YamlFields.text(t);
            if ("true".equalsIgnoreCase(v)) timeless = true;
            else if (!"false".equalsIgnoreCase(v)) {
                errors.add(Issue.of(YamlCode.INVALID_VALUE, t.location(), TIMELESS_KEY + " must be true or false", List.of()));
            }
        }
        if (timeless && declared != null) {
            errors.add(Issue.of(YamlCode.INVALID_VALUE, t.location(), "measure " + cube + "." + name
                    + " declares both time_dimension and timeless: true; a measure is dated or timeless, not both", List.of()));
        }
        if (timeless) return new MeasureTime(null, TimeBinding.TIMELESS);
        if (declared != null) return new MeasureTime(declared, TimeBinding.DATED);
        List<SqlTemplate> all = new ArrayList<>(filters);
        if (sql != null) all.add(sql);
        if (all.stream().anyMatch(x -> x.usesParam(ParamName.PERIOD_START) || x.usesParam(ParamName.PERIOD_END))) {
            return new MeasureTime(null, TimeBinding.PERIOD);
        }
        boolean current = all.stream().anyMatch(x -> x.usesParam(ParamName.AS_OF));
        if (!current && cubeTimeDimensions.size() == 1) return new MeasureTime(cubeTimeDimensions.get(0), TimeBinding.DEFAULTED);
        return new MeasureTime(null, TimeBinding.UNDECLARED);
    }

    /**
     * {@code non_additive_dimension: {name: month, window: last, entity: customer_id}} (or just the
     * dimension's name): the time dimension a snapshot measure must not be summed across.
     */
    static NonAdditive nonAdditive(String cube, String name, YMap n, List<String> cubeTimeDimensions, Set<String> cubeDimensions,
                                   List<Issue> errors) {
        YNode v = n.get(NON_ADDITIVE_KEY);
        if (v == null) return null;
        String what = "non_additive_dimension of measure " + cube + "." + name;
        YMap spec = v instanceof YMap map ? map : null;
        String dim = spec == null ? io.clarion.catalog.yaml.YamlFields.text(v) : io.clarion.catalog.yaml.YamlFields.text(spec.get("name"));
        if (spec != null) {
            for (String k : spec.values().keySet()) {
                if (!Set.of("name", "window", "window_choice", "entity", "window_groupings").contains(k)) {
                    errors.add(Issue.of(YamlCode.UNKNOWN_KEY, spec.keyLocation(k), what + " has unknown key \"" + k + "\"",
                            io.clarion.diagnostics.Suggestions.closest(k, List.of("name", "window", "entity"))));
                }
            }
        }
        if (dim == null || !cubeTimeDimensions.contains(dim)) {
            errors.add(Issue.of(dim == null ? YamlCode.MISSING_FIELD : CatalogCode.UNKNOWN_REFERENCE, v.location(), what
                    + (dim == null ? " needs name (a time dimension of the cube)" : " names \"" + dim + "\", which is not a time dimension of " + cube),
                    dim == null ? List.of() : io.clarion.diagnostics.Suggestions.closest(dim, cubeTimeDimensions)));
            return null;
        }
        NonAdditive.Window window = NonAdditive.Window.LAST;
        YNode w = spec == null ? null : spec.get("window") != null ? spec.get("window") : spec.get("window_choice");
        if (w != null) {
            String t = String.valueOf(io.clarion.catalog.yaml.YamlFields.text(w)).toLowerCase(java.util.Locale.ROOT);
            // MetricFlow's window_choice names the aggregate of the time dimension: max is the last point, min the first.
            if (t.equals("last") || t.equals("max")) window = NonAdditive.Window.LAST;
            else if (t.equals("first") || t.equals("min")) window = NonAdditive.Window.FIRST;
            else errors.add(Issue.of(YamlCode.INVALID_VALUE, w.location(), what + ": window must be last or first (max or min)",
                    io.clarion.diagnostics.Suggestions.closest(t, List.of("last", "first"))));
        }
        YNode groupings = spec == null ? null : spec.get("entity") != null ? spec.get("entity") : spec.get("window_groupings");
        String entity = null;
        if (groupings != null) {
            entity = groupings instanceof YNode.YList l && l.items().size() == 1 ? io.clarion.catalog.yaml.YamlFields.text(l.items().get(0)) : io.clarion.catalog.yaml.YamlFields.text(groupings);
            if (entity == null || !cubeDimensions.contains(entity)) {
                errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, groupings.location(), what + ": entity must be one dimension of " + cube,
                        io.clarion.diagnostics.Suggestions.closest(String.valueOf(entity), cubeDimensions)));
                entity = null;
            }
        }
        return new NonAdditive(dim, window, entity);
    }

    /** Ratio and derived metrics: inputs bound to time differently need {@code time_window: per_input}. */
    static void checkMetrics(Map<String, Cube> cubes, Map<String, Metric> metrics, Function<String, YMap> nodes,
                             List<Issue> errors) {
        for (Metric m : metrics.values()) {
            YMap n = nodes.apply(m.name());
            YNode w = n == null ? null : n.get(TIME_WINDOW_KEY);
            if (w != null && !PER_INPUT.equals(io.clarion.catalog.yaml.YamlFields.text(w))) {
                errors.add(Issue.of(YamlCode.INVALID_VALUE, w.location(), TIME_WINDOW_KEY + " must be " + PER_INPUT
                        + " (each input takes the query's time window its own way)", List.of(PER_INPUT)));
            }
            Map<String, TimeBinding> inputs = new LinkedHashMap<>();
            collect(m, metrics, cubes, inputs, new LinkedHashSet<>());
            if (m.offset() != null) {
                inputs.forEach((measure, b) -> {
                    if (b.timeless()) errors.add(Issue.of(CatalogCode.TIME_MISMATCH, m.location(), "metric " + m.name()
                            + " is offset in time, but " + measure + " is timeless (it has no date to shift)", List.of()));
                });
            }
            // Cumulative and conversion metrics are checked by WindowRules: they read dated measures only.
            if (m.type() != MetricType.RATIO && m.type() != MetricType.DERIVED || w != null) continue;
            Set<String> kinds = new LinkedHashSet<>();
            inputs.values().forEach(b -> kinds.add(kind(b)));
            if (kinds.size() > 1) {
                List<String> described = new ArrayList<>();
                inputs.forEach((measure, b) -> described.add(measure + " (" + kind(b) + ")"));
                errors.add(Issue.of(CatalogCode.TIME_MISMATCH, m.location(), m.type().name().toLowerCase(java.util.Locale.ROOT)
                        + " metric " + m.name() + " combines inputs bound to time differently: " + String.join(", ", described)
                        + "; a period filter would apply to some inputs only. Use inputs bound the same way, or declare "
                        + TIME_WINDOW_KEY + ": " + PER_INPUT + " to say each input takes the window its own way", List.of()));
            }
        }
    }

    private static String kind(TimeBinding b) {
        return b.dated() ? "dated" : b == TimeBinding.PERIOD ? "bound to the query's period" : "timeless";
    }

    private static void collect(Metric m, Map<String, Metric> metrics, Map<String, Cube> cubes, Map<String, TimeBinding> into,
                                Set<String> visiting) {
        if (!visiting.add(m.name())) return; // cycles are reported by the builder
        for (String r : m.refs()) {
            Metric inner = metrics.get(r);
            if (inner != null) {
                collect(inner, metrics, cubes, into, visiting);
                continue;
            }
            int dot = r.indexOf('.');
            if (dot <= 0) continue;
            Cube c = cubes.get(r.substring(0, dot));
            Measure measure = c == null ? null : c.measure(r.substring(dot + 1)).orElse(null);
            if (measure != null) into.put(measure.fullName(), measure.time());
        }
    }
}
