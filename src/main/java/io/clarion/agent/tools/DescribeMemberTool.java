package io.clarion.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.diagnostics.Suggestions;
import io.clarion.catalog.model.Conversion;
import io.clarion.catalog.model.Cumulative;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.Segment;
import io.clarion.query.MetricQuery;
import io.clarion.query.Operator;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.engine.QueryService;
import io.clarion.warehouse.WarehouseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code describe_member} tool: what the model needs to use one certified member correctly
 * (type, format, grains, operators, its definition, and for string dimensions values read
 * through a governed metric query).
 */
final class DescribeMemberTool {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final QueryService queries;
    private final Function<String, Optional<Member>> member;

    DescribeMemberTool(QueryService queries, Function<String, Optional<Member>> member) {
        this.queries = queries;
        this.member = member;
    }

    /** Type, format, grains, operators and (string dimensions) sample values read through a metric query. */
    String describe(String rawName) {
        String name = rawName.strip();
        if (name.equals("metric_time") || name.startsWith("metric_time.")) return metricTime().toString();
        Optional<Member> found = member.apply(name);
        String grain = null;
        if (found.isEmpty() && name.chars().filter(c -> c == '.').count() == 2) {
            // "customers.created_date.month": the time dimension with a grain
            String base = name.substring(0, name.lastIndexOf('.'));
            String g = name.substring(name.lastIndexOf('.') + 1);
            if (Grain.parse(g).isPresent()) {
                found = member.apply(base);
                grain = g;
            }
        }
        if (found.isEmpty() || !found.get().info().certified()) {
            List<String> near = Suggestions.closest(name, ToolJson.certified(queries.catalog()).stream().map(Member::fullName).toList());
            return ToolJson.errors(List.of(QueryCode.UNKNOWN_MEMBER.at("name", "no certified member \"" + name + "\"", near)));
        }
        Member m = found.get();
        ObjectNode out = ToolJson.summary(m);
        if (grain != null) out.put("grain_asked", grain);
        if (m instanceof Dimension) {
            Dimension d = (Dimension) m;
            if (d.type() == DimensionType.TIME) {
                out.set("grains", ToolJson.strings(d.granularities().stream().map(Grain::key).toList()));
                out.put("usage", "group by " + d.fullName() + ".<grain>; filter with in_date_range, e.g. \"last 6 months\"");
            }
            out.set("operators", ToolJson.strings(Arrays.stream(Operator.values()).filter(o -> o.appliesTo(d.type())).map(Operator::key).toList()));
            if (d.primaryKey()) out.put("primary_key", true);
            if (d.type() == DimensionType.STRING) {
                if (d.info().pii()) {
                    out.put("sample_values", "withheld: personal data");
                } else {
                    out.set("sample_values", sampleValues(d));
                }
            }
        } else if (m instanceof Measure) {
            Measure ms = (Measure) m;
            if (ms.timeDimension() != null) out.put("metric_time_is", ms.cube() + "." + ms.timeDimension());
            if (ms.favorable() != null) out.put("favorable", ms.favorable().name().toLowerCase(Locale.ROOT));
            out.set("filter_operators", metricOperators());
        } else if (m instanceof Metric) {
            Metric mt = (Metric) m;
            ObjectNode def = out.putObject("definition");
            if (mt.conversion() != null) {
                Conversion c = mt.conversion();
                def.put("base_measure", c.baseMeasure()).put("conversion_measure", c.conversionMeasure());
                def.put("entity", c.baseEntity().equals(c.conversionEntity()) ? c.baseEntity() : c.baseEntity() + " = " + c.conversionEntity());
                def.put("calculation", c.calculation().name().toLowerCase(Locale.ROOT));
                out.put("usage", "base rows counted by their own date in the period; each converts when the entity has a conversion row within "
                        + out.path("window").asText() + " after it");
            } else if (mt.numerator() != null) {
                def.put("numerator", mt.numerator()).put("denominator", mt.denominator());
            } else {
                def.put("expression", mt.expression());
            }
            if (mt.cumulative() != null) {
                Cumulative w = mt.cumulative();
                String over = w.trailing() ? "the " + w.describe() + " ending at the period's end"
                        : w.toDate() != null ? "the start of the " + w.toDate().key() + " to the period's end" : "all rows up to the period's end";
                out.put("usage", "each period's value is " + mt.expression() + " over " + over
                        + "; without a period, up to today; the window is built in, so do not add a date range to get it");
            }
            if (mt.offset() != null) def.put("offset", mt.offset().name().toLowerCase(Locale.ROOT));
            if (mt.favorable() != null) out.put("favorable", mt.favorable().name().toLowerCase(Locale.ROOT));
            out.set("filter_operators", metricOperators());
        } else if (m instanceof Segment) {
            out.put("usage", "add \"" + m.fullName() + "\" to \"segments\" to keep only these rows");
        }
        if (m.info().owner() != null) out.put("owner", m.info().owner());
        return out.toString();
    }

    /** Up to 20 values of a string dimension, read with a metric query over that dimension alone. */
    private JsonNode sampleValues(Dimension d) {
        MetricQuery q = new MetricQuery(List.of(), List.of(d.fullName()), null, null,
                List.of(new MetricQuery.OrderBy(d.fullName(), "asc")), CatalogTools.SAMPLE_VALUES, null, null, null, null, true);
        ArrayNode values = NODES.arrayNode();
        try {
            for (List<Object> row : queries.run(q, new QueryService.Options(true)).result().rows()) {
                if (!row.isEmpty() && row.get(0) != null) values.add(String.valueOf(row.get(0)));
            }
        } catch (QueryException | WarehouseException e) {
            return NODES.textNode("not available");
        }
        return values;
    }

    private static ObjectNode metricTime() {
        ObjectNode out = NODES.objectNode();
        out.put("name", "metric_time").put("kind", "dimension").put("type", "time");
        out.put("description", "Each measure's own date (signup date for new customers, churn date for churned customers, "
                + "invoice date for revenue, ...). Filtering it also sets the period of state measures such as customers "
                + "active at the start of the period.");
        out.set("grains", ToolJson.strings(Arrays.stream(Grain.values()).map(Grain::key).toList()));
        out.set("operators", ToolJson.strings(Arrays.stream(Operator.values()).filter(o -> o.appliesTo(DimensionType.TIME)).map(Operator::key).toList()));
        out.put("usage", "group by metric_time.<grain>; filter {\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", "
                + "\"value\": \"last month\"}");
        return out;
    }

    private static ArrayNode metricOperators() {
        return ToolJson.strings(Arrays.stream(Operator.values()).filter(Operator::appliesToMetric).map(Operator::key).toList());
    }
}
