package io.clarion.catalog.yaml;

import io.clarion.diagnostics.Location;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the position it was written at, so errors can point at it. */
public sealed interface YNode {
    Location location();

    /** A mapping; {@code keys} holds where each key was written. */
    record YMap(Map<String, YNode> values, Map<String, Location> keys, Location location) implements YNode {
        public YMap {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        public YNode get(String key) {
            return values.get(key);
        }

        public Location keyLocation(String key) {
            return keys.getOrDefault(key, location);
        }
    }

    record YList(List<YNode> items, Location location) implements YNode {
        public YList {
            items = List.copyOf(items);
        }
    }

    /** A scalar; {@code text} is null for YAML null. */
    record YScalar(String text, Kind kind, Location location) implements YNode {
        public enum Kind { STRING, NUMBER, BOOLEAN, NULL }
    }
}
