package io.clarion.catalog.model;

public enum MetricType {
    /** One measure (optionally filtered). */
    SIMPLE,
    /** numerator / denominator, each a measure or metric; combined after aggregation, null on zero. */
    RATIO,
    /** Arithmetic over other metrics and measures. */
    DERIVED
}
