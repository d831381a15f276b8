package io.clarion.catalog;

import io.clarion.catalog.model.Conversion;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Cumulative;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.clarion.catalog.yaml.YamlFields.text;

/**
 * The windows of cumulative and conversion metrics: {@code window: 28 days} (a whole number of
 * days, weeks, months, quarters or years), {@code grain_to_date: year}, and a conversion's
 * measures and entity. Read while metrics resolve; {@link #checkMeasures} then checks that the
 * measures they read can be placed in time, since a window over undated rows means nothing.
 */
final class WindowRules {
    static final String WINDOW = "window";
    static final String GRAIN_TO_DATE = "grain_to_date";
    static final String BASE = "base_measure";
    static final String CONVERSION = "conversion_measure";
    static final String ENTITY = "entity";
    static final String CALCULATION = "calculation";

    private static final Pattern WINDOW_TEXT = Pattern.compile("(\\d{1,4})\\s*(day|week|month|quarter|year)s?");
    private static final List<String> TO_DATE_GRAINS = List.of("week", "month", "quarter", "year");

    private final MemberFields fields;

    WindowRules(MemberFields fields) {
        this.fields = fields;
    }

    /** The base and conversion measure names of a conversion metric, or null when either is missing. */
    static List<String> conversionRefs(YMap n) {
        String base = text(n.get(BASE));
        String conv = text(n.get(CONVERSION));
        return base == null || conv == null ? null : List.of(base.strip(), conv.strip());
    }

    Cumulative cumulative(String metric, MetricType type, YMap n) {
        YNode w = n.get(WINDOW);
        YNode g = n.get(GRAIN_TO_DATE);
        if (type != MetricType.CUMULATIVE) {
            if (g != null) notHere(metric, GRAIN_TO_DATE, n, "cumulative");
            if (w != null && type != MetricType.CONVERSION) notHere(metric, WINDOW, n, "cumulative and conversion");
            return null;
        }
        if (w != null && g != null) {
            fields.report(Issue.of(YamlCode.INVALID_VALUE, n.keyLocation(GRAIN_TO_DATE), "metric " + metric
                    + " has both window and grain_to_date; a cumulative metric takes one of them (neither: a running total over all time)"));
            return null;
        }
        if (w != null) {
            Cumulative c = window(metric, w);
            return c == null ? null : new Cumulative(c.count(), c.unit(), null);
        }
        if (g != null) {
            String s = text(g);
            Grain grain = s == null ? null : Grain.parse(s.strip()).orElse(null);
            if (grain == null || grain == Grain.DAY) {
                fields.report(Issue.of(YamlCode.INVALID_VALUE, g.location(), "metric " + metric + ": grain_to_date must be one of "
                        + String.join(", ", TO_DATE_GRAINS) + ", not \"" + s + "\"", Suggestions.closest(s == null ? "" : s, TO_DATE_GRAINS)));
                return null;
            }
            return new Cumulative(0, null, grain);
        }
        return Cumulative.ALL_TIME;
    }

    Conversion conversion(String metric, MetricType type, YMap n) {
        for (String key : List.of(BASE, CONVERSION, ENTITY, CALCULATION)) {
            if (type != MetricType.CONVERSION && n.get(key) != null) notHere(metric, key, n, "conversion");
        }
        if (type != MetricType.CONVERSION) return null;
        List<String> refs = conversionRefs(n);
        String entity = text(n.get(ENTITY));
        if (entity == null) {
            fields.report(Issue.of(YamlCode.MISSING_FIELD, n.keyLocation("name"), "conversion metric " + metric
                    + " needs entity: the dimension that ties a base row to a conversion row (e.g. customer_id)"));
        }
        if (n.get(WINDOW) == null) {
            fields.report(Issue.of(YamlCode.MISSING_FIELD, n.keyLocation("name"), "conversion metric " + metric
                    + " needs window: how long after the base event a conversion counts (e.g. 30 days)"));
            return null;
        }
        Cumulative w = window(metric, n.get(WINDOW));
        Conversion.Calculation calc = fields.enumValue(n, CALCULATION, Conversion.Calculation.class,
                Map.of("rate", "conversion_rate", "count", "conversions"), metric);
        if (refs == null || entity == null || w == null) return null;
        String[] sides = entity.split("=", 2);
        String base = sides[0].strip();
        String conv = sides.length > 1 ? sides[1].strip() : base;
        return new Conversion(refs.get(0), refs.get(1), base, conv, w.count(), w.unit(),
                calc == null ? Conversion.Calculation.CONVERSION_RATE : calc);
    }

    /** "28 days" as a count and unit (in a {@link Cumulative}), or null after reporting why not. */
    private Cumulative window(String metric, YNode w) {
        String s = text(w);
        Matcher m = s == null ? null : WINDOW_TEXT.matcher(s.strip().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) == 0) {
            fields.report(Issue.of(YamlCode.INVALID_VALUE, w.location(), "metric " + metric + ": window \"" + s
                    + "\" is not a positive number of days, weeks, months, quarters or years (e.g. 28 days, 12 months)"));
            return null;
        }
        return new Cumulative(Integer.parseInt(m.group(1)), Grain.parse(m.group(2)).orElseThrow(), null);
    }

    private void notHere(String metric, String key, YMap n, String types) {
        fields.report(Issue.of(YamlCode.INVALID_VALUE, n.keyLocation(key), "metric " + metric + ": " + key
                + " applies to " + types + " metrics only"));
    }

    /** Cumulative and conversion metrics read dated, additive-over-time measures; a conversion's entity is a dimension of both cubes. */
    static void checkMeasures(Map<String, Cube> cubes, Map<String, Metric> metrics, Function<String, YMap> nodes, List<Issue> errors) {
        for (Metric m : metrics.values()) {
            YMap n = nodes.apply(m.name());
            if (n == null) continue;
            if (m.type() == MetricType.CUMULATIVE) {
                dated(m, m.refs().get(0), at(n, "expression", m), cubes, metrics, errors);
            } else if (m.type() == MetricType.CONVERSION && m.conversion() != null) {
                Conversion c = m.conversion();
                if (c.baseMeasure().equals(c.conversionMeasure()) && c.baseEntity().equals(c.conversionEntity())) {
                    // Every base row would be its own conversion (at its own time, within any window): always 100%.
                    errors.add(Issue.of(CatalogCode.TYPE_MISMATCH, at(n, CONVERSION, m), "conversion metric " + m.name()
                            + " converts " + c.baseMeasure() + " into itself: every row would count as its own conversion; "
                            + "use a conversion measure whose filters pick the later event (e.g. a paid stage after a signup)"));
                    continue;
                }
                Measure base = dated(m, c.baseMeasure(), at(n, BASE, m), cubes, metrics, errors);
                Measure conv = dated(m, c.conversionMeasure(), at(n, CONVERSION, m), cubes, metrics, errors);
                if (base != null) entity(m, cubes.get(base.cube()), c.baseEntity(), at(n, ENTITY, m), errors);
                if (conv != null) entity(m, cubes.get(conv.cube()), c.conversionEntity(), at(n, ENTITY, m), errors);
            }
        }
    }

    private static Location at(YMap n, String key, Metric m) {
        return n.get(key) != null ? n.get(key).location() : m.location();
    }

    private static Measure dated(Metric m, String ref, Location at, Map<String, Cube> cubes, Map<String, Metric> metrics,
                                 List<Issue> errors) {
        String kind = m.type().name().toLowerCase(Locale.ROOT);
        if (metrics.containsKey(ref)) {
            errors.add(Issue.of(CatalogCode.TYPE_MISMATCH, at, kind + " metric " + m.name() + " reads " + ref
                    + ", a metric; it takes a measure (cube.measure) so that each window aggregates raw rows"));
            return null;
        }
        int dot = ref.indexOf('.');
        Cube c = dot > 0 ? cubes.get(ref.substring(0, dot)) : null;
        Measure measure = c == null ? null : c.measure(ref.substring(dot + 1)).orElse(null);
        if (measure == null) return null; // unknown references are reported by the resolver
        String why = measure.nonAdditive() != null ? "a snapshot (its rows are balances, not events)"
                : !measure.time().dated() ? (measure.timeless() ? "timeless" : "bound to the query's period") + " (it has no date of its own)"
                : null;
        if (why != null) {
            errors.add(Issue.of(CatalogCode.TIME_MISMATCH, at, kind + " metric " + m.name() + " reads " + ref + ", which is " + why
                    + "; a window needs a measure dated by a time dimension"));
            return null;
        }
        return measure;
    }

    private static void entity(Metric m, Cube cube, String name, Location at, List<Issue> errors) {
        if (cube == null || cube.dimension(name).isPresent()) return;
        errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "conversion metric " + m.name() + ": entity " + name
                + " is not a dimension of " + cube.name(), Suggestions.closest(name, cube.dimensions().stream().map(Dimension::name).toList())));
    }
}
