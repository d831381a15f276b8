package io.clarion.catalog.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Located YAML as a JSON tree, for parts of a file that are JSON-shaped values (a metric query
 * written in YAML), so they go through the same parser as a request while issues can still be
 * located in the YAML.
 */
public final class YamlJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private YamlJson() {
    }

    public static JsonNode json(YNode n) {
        return json(n, JSON::textNode);
    }

    /** @param strings how a string scalar becomes JSON (a skill substitutes its parameters there) */
    public static JsonNode json(YNode n, Function<String, JsonNode> strings) {
        if (n == null) return JSON.missingNode();
        if (n instanceof YMap m) {
            ObjectNode o = JSON.objectNode();
            m.values().forEach((k, v) -> o.set(k, json(v, strings)));
            return o;
        }
        if (n instanceof YList l) {
            ArrayNode a = JSON.arrayNode();
            l.items().forEach(v -> a.add(json(v, strings)));
            return a;
        }
        YScalar s = (YScalar) n;
        return switch (s.kind()) {
            case NULL -> JSON.nullNode();
            case BOOLEAN -> JSON.booleanNode(Boolean.parseBoolean(s.text()));
            case NUMBER -> number(s.text());
            case STRING -> strings.apply(s.text());
        };
    }

    private static JsonNode number(String text) {
        try {
            if (text.matches("[-+]?\\d+")) return JSON.numberNode(Long.parseLong(text));
            return JSON.numberNode(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return JSON.textNode(text);
        }
    }
}
