package io.clarion.briefing.skill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.briefing.skill.Skill.Parameter;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} references to a skill's parameters. A scalar that is exactly one reference takes
 * the parameter's typed value (60 stays a number); inside longer text the value is written in.
 * References to unknown parameters are left as written: {@link #references} reports them.
 */
final class Substitution {
    static final Pattern REF = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, Parameter> params;
    private final boolean standIns;

    /**
     * @param standIns when true, a parameter without a value stands in as "0" (a whole value) or its own
     *                 name (inside text), so a query that needs a run-time value (a customer id) can still
     *                 be checked against the catalog
     */
    Substitution(Map<String, Parameter> params, boolean standIns) {
        this.params = params;
        this.standIns = standIns;
    }

    /** Every reference in {@code n} and below, with the scalar holding it. */
    static void references(YNode n, java.util.function.BiConsumer<String, YScalar> each) {
        if (n instanceof YMap m) {
            m.values().values().forEach(v -> references(v, each));
        } else if (n instanceof YList l) {
            l.items().forEach(v -> references(v, each));
        } else if (n instanceof YScalar s && s.kind() == YScalar.Kind.STRING && s.text() != null) {
            Matcher m = REF.matcher(s.text());
            while (m.find()) each.accept(m.group(1), s);
        }
    }

    /** The YAML as JSON with references substituted. */
    JsonNode json(YNode n) {
        return io.clarion.catalog.yaml.YamlJson.json(n, this::string);
    }

    private JsonNode string(String text) {
        Matcher m = REF.matcher(text);
        if (m.matches() && params.containsKey(m.group(1))) {
            Object v = params.get(m.group(1)).value();
            // "0" reads as text and as a number, so the check passes whether the catalog's id is text or numeric.
            if (v == null) return standIns ? JSON.textNode("0") : JSON.nullNode();
            return value(v);
        }
        return JSON.textNode(text(text));
    }

    /** Text with every known reference replaced by its value (references without a value stay). */
    String text(String text) {
        if (text == null) return null;
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Parameter p = params.get(m.group(1));
            String with = p == null || p.value() == null ? (p != null && standIns ? m.group(1) : m.group()) : p.value().toString();
            m.appendReplacement(sb, Matcher.quoteReplacement(with));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static JsonNode value(Object v) {
        if (v instanceof Long l) return JSON.numberNode(l);
        if (v instanceof Integer i) return JSON.numberNode(i.longValue());
        if (v instanceof Double d) return JSON.numberNode(d);
        if (v instanceof BigDecimal b) return JSON.numberNode(b);
        if (v instanceof Boolean b) return JSON.booleanNode(b);
        return JSON.textNode(v.toString());
    }

    /** A YAML scalar as a plain value: Long, Double, Boolean, String or null. */
    static Object plain(YScalar s, Consumer<String> notANumber) {
        return switch (s.kind()) {
            case NULL -> null;
            case BOOLEAN -> Boolean.parseBoolean(s.text());
            case STRING -> s.text();
            case NUMBER -> {
                try {
                    yield s.text().matches("[-+]?\\d+") ? (Object) Long.parseLong(s.text()) : (Object) Double.parseDouble(s.text());
                } catch (NumberFormatException e) {
                    notANumber.accept(s.text());
                    yield s.text();
                }
            }
        };
    }
}
