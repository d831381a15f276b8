package io.clarion.catalog.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML with Jackson's streaming parser into {@link YNode}s that keep line and column,
 * which a plain tree (JsonNode) would lose.
 */
public final class LocatedYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private LocatedYaml() {
    }

    /** The document, or a yaml_syntax issue added to {@code errors} (and null returned). */
    public static YNode parse(String file, String text, List<Issue> errors) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return new YNode.YMap(Map.of(), Map.of(), new Location(file, 1, 1));
            return read(file, p, errors);
        } catch (IOException e) {
            Location at = Location.UNKNOWN;
            String msg = e.getMessage();
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
                JsonLocation l = jpe.getLocation();
                if (l != null) at = new Location(file, l.getLineNr(), l.getColumnNr());
                msg = jpe.getOriginalMessage();
            }
            errors.add(Issue.of(YamlCode.YAML_SYNTAX, at.equals(Location.UNKNOWN) ? new Location(file, 0, 0) : at,
                    "YAML syntax error: " + firstLine(msg)));
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable YAML";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static Location loc(String file, JsonLocation l) {
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }

    private static YNode read(String file, JsonParser p, List<Issue> errors) throws IOException {
        JsonToken t = p.currentToken();
        Location at = loc(file, p.currentTokenLocation());
        switch (t) {
            case START_OBJECT -> {
                Map<String, YNode> values = new LinkedHashMap<>();
                Map<String, Location> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = loc(file, p.currentTokenLocation());
                    p.nextToken();
                    YNode value = read(file, p, errors);
                    if (values.containsKey(key)) {
                        errors.add(Issue.of(YamlCode.DUPLICATE_KEY, keyAt, "key \"" + key + "\" appears twice here"));
                    }
                    values.put(key, value);
                    keys.put(key, keyAt);
                }
                return new YNode.YMap(values, keys, at);
            }
            case START_ARRAY -> {
                List<YNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(file, p, errors));
                return new YNode.YList(items, at);
            }
            case VALUE_STRING -> {
                return new YNode.YScalar(p.getText(), YNode.YScalar.Kind.STRING, at);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YNode.YScalar(p.getText(), YNode.YScalar.Kind.NUMBER, at);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YNode.YScalar(p.getText(), YNode.YScalar.Kind.BOOLEAN, at);
            }
            case VALUE_NULL -> {
                return new YNode.YScalar(null, YNode.YScalar.Kind.NULL, at);
            }
            default -> {
                return new YNode.YScalar(p.getText(), YNode.YScalar.Kind.STRING, at);
            }
        }
    }
}
