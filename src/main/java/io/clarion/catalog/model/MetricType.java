package io.clarion.catalog.model;

public enum MetricType {
    /** One measure (optionally filtered). */
    SIMPLE,
    /** numerator / denominator, each a measure or metric; combined after aggregation, null on zero. */
    RATIO,
    /** Arithmetic over other metrics and measures. */
    DERIVED,
    /** One measure over a trailing, grain-to-date or all-time window ending at each period's end. */
    CUMULATIVE,
    /** The share (or count) of a base measure's rows whose entity converts within a window. */
    CONVERSION
}
