package io.clarion.catalog;

import io.clarion.catalog.Declarations.RawMetric;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.PeriodOffset;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.clarion.catalog.yaml.YamlFields.text;

/**
 * The resolve phase for metrics, once every cube is built: each operand names a measure or a
 * metric (not a dimension), and a simple metric's filters refer to its measure's cube.
 */
final class MetricResolver {
    private final Declarations declared;
    private final MemberFields fields;
    private final Map<String, Cube> cubes;
    private final WindowRules windows;

    MetricResolver(Declarations declared, MemberFields fields, Map<String, Cube> cubes) {
        this.declared = declared;
        this.fields = fields;
        this.cubes = cubes;
        this.windows = new WindowRules(fields);
    }

    Map<String, Metric> resolve() {
        Map<String, Metric> built = new LinkedHashMap<>();
        for (RawMetric m : declared.metrics.values()) {
            Metric metric = buildMetric(m);
            if (metric != null) built.put(m.name(), metric);
        }
        return built;
    }

    private void missing(Location at, String message) {
        fields.report(Issue.of(YamlCode.MISSING_FIELD, at, message));
    }

    private Metric buildMetric(RawMetric raw) {
        YMap n = raw.node();
        MetricType type = fields.enumValue(n, "type", MetricType.class, Map.of(), raw.name());
        if (n.get("type") == null) {
            missing(raw.location(), "metric " + raw.name() + " needs a type (simple, ratio, derived, cumulative, conversion)");
            return null;
        }
        if (type == null) return null;
        String expression = text(n.get("expression"));
        String num = text(n.get("numerator"));
        String den = text(n.get("denominator"));
        List<String> refs = new ArrayList<>();
        switch (type) {
            case SIMPLE -> {
                if (expression == null) {
                    missing(raw.location(), "simple metric " + raw.name() + " needs expression (a measure, e.g. customers.total_count)");
                    return null;
                }
                refs.add(expression.strip());
            }
            case RATIO -> {
                if (num == null || den == null) {
                    missing(raw.location(), "ratio metric " + raw.name() + " needs numerator and denominator");
                    return null;
                }
                refs.add(num.strip());
                refs.add(den.strip());
            }
            case CUMULATIVE -> {
                if (expression == null) {
                    missing(raw.location(), "cumulative metric " + raw.name() + " needs expression (a measure, e.g. invoices.revenue)");
                    return null;
                }
                refs.add(expression.strip());
            }
            case CONVERSION -> {
                List<String> measures = WindowRules.conversionRefs(n);
                if (measures == null) {
                    missing(raw.location(), "conversion metric " + raw.name() + " needs base_measure and conversion_measure");
                    return null;
                }
                refs.addAll(measures);
                expression = measures.get(0);
            }
            case DERIVED -> {
                if (expression == null) {
                    missing(raw.location(), "derived metric " + raw.name() + " needs expression");
                    return null;
                }
                try {
                    refs.addAll(MetricExpression.parse(expression).refs());
                } catch (MetricExpression.SyntaxError e) {
                    fields.report(Issue.of(CatalogCode.INVALID_EXPRESSION, n.get("expression").location(), "metric " + raw.name()
                            + ": " + e.getMessage() + " at character " + (e.offset() + 1)));
                    return null;
                }
            }
        }
        // Operands must be measures or metrics: numbers, not dimensions.
        String key = type == MetricType.RATIO ? "numerator" : type == MetricType.CONVERSION ? WindowRules.BASE : "expression";
        for (int i = 0; i < refs.size(); i++) {
            if (type == MetricType.RATIO && i == 1) key = "denominator";
            if (type == MetricType.CONVERSION && i == 1) key = WindowRules.CONVERSION;
            Location at = n.get(key) == null ? raw.location() : n.get(key).location();
            checkOperand(raw.name(), refs.get(i), at);
        }
        List<SqlTemplate> filters = filters(n, type, refs);
        Grain grain = null;
        String g = text(n.get("time_grain"));
        if (g != null) {
            grain = Grain.parse(g).orElse(null);
            if (grain == null) {
                fields.report(Issue.of(YamlCode.INVALID_VALUE, n.get("time_grain").location(), "unknown time_grain \"" + g + "\"",
                        Suggestions.closest(g, MemberFields.GRAINS)));
            }
        }
        PeriodOffset offset = fields.enumValue(n, "offset", PeriodOffset.class, Map.of("previous", "previous_period",
                "prior_period", "previous_period", "previous_year", "same_period_last_year", "year_over_year", "same_period_last_year"), raw.name());
        return new Metric(raw.name(), type, expression, num, den, refs, filters, grain, offset, fields.format(n), fields.favorable(n),
                fields.info(n, null, false), raw.location(), MetricExpression.formula(type, expression, num, den),
                n.get(TimeRules.TIME_WINDOW_KEY) != null, windows.cumulative(raw.name(), type, n),
                windows.conversion(raw.name(), type, n));
    }

    private List<SqlTemplate> filters(YMap n, MetricType type, List<String> refs) {
        List<SqlTemplate> filters = new ArrayList<>();
        if (n.get("filters") == null) return filters;
        if (type != MetricType.SIMPLE && type != MetricType.CUMULATIVE) {
            fields.report(Issue.of(YamlCode.INVALID_VALUE, n.keyLocation("filters"), "metric " + text(n.get("name"))
                    + ": only simple and cumulative metrics take filters; filter the measures it reads instead"));
            return filters;
        }
        int dot = refs.get(0).indexOf('.');
        String owner = dot > 0 ? refs.get(0).substring(0, dot) : null;
        if (owner == null || !cubes.containsKey(owner)) {
            fields.report(Issue.of(YamlCode.INVALID_VALUE, n.keyLocation("filters"),
                    "metric filters apply to a measure's cube; the expression must be cube.measure"));
            return filters;
        }
        for (YNode f : n.get("filters") instanceof YList l ? l.items() : List.of(n.get("filters"))) {
            String ftext = f instanceof YMap fm ? text(fm.get("sql")) : text(f);
            if (ftext == null) continue;
            filters.add(bind(owner, fields.template(ftext, owner, f.location()), f.location()));
        }
        return filters;
    }

    private void checkOperand(String metric, String ref, Location at) {
        if (declared.metrics.containsKey(ref)) return;
        int dot = ref.indexOf('.');
        if (dot > 0) {
            Cube c = cubes.get(ref.substring(0, dot));
            String member = ref.substring(dot + 1);
            if (c != null && c.measure(member).isPresent()) return;
            if (c != null && (c.dimension(member).isPresent() || c.segment(member).isPresent())) {
                fields.report(Issue.of(CatalogCode.TYPE_MISMATCH, at, "metric " + metric + " uses " + ref + ", which is a "
                        + (c.dimension(member).isPresent() ? "dimension" : "segment") + ", not a measure: metrics combine measures"));
                return;
            }
        }
        List<String> candidates = new ArrayList<>(declared.metrics.keySet());
        for (Cube c : cubes.values()) c.measures().forEach(m -> candidates.add(m.fullName()));
        fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "metric " + metric + " refers to unknown measure or metric \""
                + ref + "\"", Suggestions.closest(ref, candidates)));
    }

    /** A metric filter's {dim} or {cube.dim}, bound to a dimension of a built cube. */
    private SqlTemplate bind(String cube, SqlTemplate t, Location at) {
        return t.mapParts(p -> {
            if (!(p instanceof SqlTemplate.MemberRef r)) return p;
            String c = r.cube() == null ? cube : r.cube();
            Cube target = cubes.get(c);
            if (target == null || target.dimension(r.member()).isEmpty()) {
                fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "unknown dimension {" + c + "." + r.member() + "}",
                        target == null ? List.of() : Suggestions.closest(r.member(), target.dimensions().stream().map(Dimension::name).toList())));
                return p;
            }
            return new SqlTemplate.MemberRef(c, r.member());
        });
    }
}
