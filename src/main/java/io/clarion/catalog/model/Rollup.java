package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.time.Duration;
import java.util.List;

/**
 * A pre-aggregation declared on a cube: its measures (full names, of {@code cube}) summed per
 * combination of {@code dimensions} (full names, of the cube or of cubes it reaches by
 * many-to-one joins) and, when {@code timeDimension} is set, per {@code grain} period of that
 * dimension of the cube. Built into Clarion's app store, never into the warehouse; a built
 * rollup older than {@code maxAge} is stale and not read. {@code refreshEvery} (null: none) is how
 * often the scheduler rebuilds it.
 */
public record Rollup(String name, String cube, List<String> measures, List<String> dimensions, String timeDimension,
                     Grain grain, Duration maxAge, Duration refreshEvery, Location location) {
    public Rollup {
        measures = List.copyOf(measures);
        dimensions = List.copyOf(dimensions);
    }

    /** The time dimension's full name, or null for a rollup without one. */
    public String timeDimensionFullName() {
        return timeDimension == null ? null : cube + "." + timeDimension;
    }
}
