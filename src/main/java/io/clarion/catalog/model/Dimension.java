package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.util.List;

public record Dimension(String cube, String name, DimensionType type, SqlTemplate sql, boolean primaryKey,
                        List<Grain> granularities, MemberInfo info, Location location) implements Member {
    public Dimension {
        granularities = granularities == null ? List.of() : List.copyOf(granularities);
    }

    @Override
    public String fullName() {
        return cube + "." + name;
    }
}
