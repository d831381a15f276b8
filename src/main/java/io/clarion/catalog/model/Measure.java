package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.util.List;

/**
 * An aggregate over a cube's rows. {@code sql} is the aggregated expression (null for a
 * plain count); {@code filters} restrict the rows it aggregates (AND-ed). {@code timeDimension}
 * names the cube's time dimension that places a row in time ("metric_time" for this measure),
 * declared or defaulted; {@code time} says which, or that the measure is bound to the query's
 * period or to no time at all. {@code nonAdditive} is set for snapshot measures (balances) that
 * must not be summed across their time dimension.
 */
public record Measure(String cube, String name, MeasureType type, SqlTemplate sql, List<SqlTemplate> filters,
                      Format format, String timeDimension, Favorable favorable, MemberInfo info,
                      Location location, TimeBinding time, NonAdditive nonAdditive) implements Member {
    public Measure {
        filters = filters == null ? List.of() : List.copyOf(filters);
        if (time == null) time = timeDimension != null ? TimeBinding.DATED : TimeBinding.TIMELESS;
    }

    public boolean timeless() {
        return time.timeless();
    }

    @Override
    public String fullName() {
        return cube + "." + name;
    }
}
