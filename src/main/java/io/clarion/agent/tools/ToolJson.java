package io.clarion.agent.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON every tool answers in: member summaries, errors, lists of strings. */
final class ToolJson {
    // Plain decimals: the model reads 14179692.24, never 1.417969224E7.
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ToolJson() {
    }

    static ObjectNode summary(Member m) {
        ObjectNode out = NODES.objectNode();
        out.put("name", m.fullName());
        if (m instanceof Metric) {
            Metric mt = (Metric) m;
            out.put("kind", "metric").put("type", mt.type().name().toLowerCase(Locale.ROOT));
            // A window changes what the number is ("28 days", "year to date"): the model must see it before choosing.
            if (mt.cumulative() != null) out.put("window", mt.cumulative().describe());
            if (mt.conversion() != null) {
                out.put("window", mt.conversion().windowCount() + " " + mt.conversion().windowUnit().key()
                        + (mt.conversion().windowCount() == 1 ? "" : "s"));
            }
            if (mt.format() != null) out.put("format", mt.format().name().toLowerCase(Locale.ROOT));
        } else if (m instanceof Measure) {
            Measure ms = (Measure) m;
            out.put("kind", "measure").put("type", ms.type().name().toLowerCase(Locale.ROOT));
            if (ms.format() != null) out.put("format", ms.format().name().toLowerCase(Locale.ROOT));
        } else if (m instanceof Dimension) {
            out.put("kind", "dimension").put("type", ((Dimension) m).type().name().toLowerCase(Locale.ROOT));
        } else {
            out.put("kind", "segment").put("type", "filter");
        }
        out.put("description", m.info().description());
        out.set("synonyms", strings(m.info().synonyms()));
        if (m.info().pii()) out.put("pii", true);
        return out;
    }

    static List<Member> certified(Catalog c) {
        return c.members().stream().filter(m -> m.info().certified()).toList();
    }

    static String errors(List<Issue> errors) {
        return JSON.valueToTree(Map.of("ok", false, "errors", IssueRenderer.forTool(errors))).toString();
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
