package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A logical table: {@code source} is either a table name or a SELECT (with {{ ref() }} resolved).
 * Members keep declaration order.
 */
public record Cube(String name, SqlTemplate source, boolean sourceIsTable, MemberInfo info, List<Join> joins,
                   List<Measure> measures, List<Dimension> dimensions, List<Segment> segments,
                   Map<String, Object> extra, Location location) {
    public Cube {
        joins = List.copyOf(joins);
        measures = List.copyOf(measures);
        dimensions = List.copyOf(dimensions);
        segments = List.copyOf(segments);
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    public Optional<Measure> measure(String n) {
        return measures.stream().filter(m -> m.name().equals(n)).findFirst();
    }

    public Optional<Dimension> dimension(String n) {
        return dimensions.stream().filter(d -> d.name().equals(n)).findFirst();
    }

    public Optional<Segment> segment(String n) {
        return segments.stream().filter(s -> s.name().equals(n)).findFirst();
    }

    public Optional<Dimension> primaryKey() {
        return dimensions.stream().filter(Dimension::primaryKey).findFirst();
    }
}
