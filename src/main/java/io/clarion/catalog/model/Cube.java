package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A logical table: {@code source} is either a table name or a SELECT (with {{ ref() }} resolved).
 * Members keep declaration order. {@code uniqueKey} names dimensions that together identify a
 * row (the grain, when it is not the one primary_key dimension); empty when none is declared.
 */
public record Cube(String name, SqlTemplate source, boolean sourceIsTable, MemberInfo info, List<Join> joins,
                   List<Measure> measures, List<Dimension> dimensions, List<Segment> segments,
                   List<String> uniqueKey, Map<String, Object> extra, Location location) {
    public Cube {
        uniqueKey = uniqueKey == null ? List.of() : List.copyOf(uniqueKey);
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

    /** Every declared set of dimensions that identifies a row: the primary key, the unique key. */
    public List<List<Dimension>> uniqueKeys() {
        List<List<Dimension>> keys = new java.util.ArrayList<>();
        primaryKey().ifPresent(pk -> keys.add(List.of(pk)));
        if (!uniqueKey.isEmpty()) keys.add(uniqueKey.stream().map(n -> dimension(n).orElseThrow()).toList());
        return keys;
    }
}
