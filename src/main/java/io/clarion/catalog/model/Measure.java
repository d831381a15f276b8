package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.util.List;

/**
 * An aggregate over a cube's rows. {@code sql} is the aggregated expression (null for a
 * plain count); {@code filters} restrict the rows it aggregates (AND-ed). {@code timeDimension}
 * names the cube's time dimension that places a row in time ("metric_time" for this measure).
 */
public record Measure(String cube, String name, MeasureType type, SqlTemplate sql, List<SqlTemplate> filters,
                      Format format, String timeDimension, Favorable favorable, MemberInfo info,
                      Location location) implements Member {
    public Measure {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    @Override
    public String fullName() {
        return cube + "." + name;
    }
}
