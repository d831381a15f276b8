package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

/** A declared join from cube {@code from} to cube {@code to}; {@code sql} is the ON condition. */
public record Join(String from, String to, Relationship relationship, SqlTemplate sql, Location location) {
    /** The same join seen from {@code to}. */
    public Join reversed() {
        return new Join(to, from, relationship.reverse(), sql, location);
    }
}
