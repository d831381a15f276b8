package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

/** A named, reusable row filter of a cube. */
public record Segment(String cube, String name, SqlTemplate sql, MemberInfo info, Location location) implements Member {
    @Override
    public String fullName() {
        return cube + "." + name;
    }
}
