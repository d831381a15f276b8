package io.clarion.catalog.model;

/**
 * How a measure places its rows in time, which decides what a query's {@code metric_time}
 * filter, grain or period comparison does to it. There is no fourth way: a time filter either
 * applies to a measure or the query is refused.
 */
public enum TimeBinding {
    /** Dated by the time dimension the catalog names ({@code time_dimension}). */
    DATED,
    /** Dated by the cube's only time dimension, because the measure named none (validate notes it). */
    DEFAULTED,
    /** A state measure that reads {@code {PERIOD_START}} / {@code {PERIOD_END}}: evaluated for the query's period. */
    PERIOD,
    /** A current-state measure ({@code timeless: true}): a time filter on a query that reads it is an error. */
    TIMELESS,
    /** Named neither a time dimension nor timeless, and its cube has no single one to default to: treated as timeless (validate notes it). */
    UNDECLARED;

    public boolean dated() {
        return this == DATED || this == DEFAULTED;
    }

    public boolean timeless() {
        return this == TIMELESS || this == UNDECLARED;
    }
}
