package io.clarion.catalog.model;

public enum MeasureType {
    COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX,
    /** A custom aggregate expression, written in full in {@code sql}. */
    NUMBER;

    /** Aggregates that give the same answer when a row is repeated (safe across a fan-out). */
    public boolean idempotent() {
        return this == COUNT_DISTINCT || this == MIN || this == MAX;
    }
}
