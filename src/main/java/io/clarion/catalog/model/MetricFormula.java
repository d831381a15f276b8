package io.clarion.catalog.model;

/**
 * A metric's arithmetic as a tree, built once when the catalog loads: names of measures or
 * metrics, numbers, + - * / and negation. A simple metric is one {@link Ref}, a ratio a
 * {@link Binary} division of two.
 */
public sealed interface MetricFormula {
    /** A measure ("cube.measure") or metric name. */
    record Ref(String name) implements MetricFormula {
    }

    /** A numeric literal, validated by the expression parser. */
    record Num(String text) implements MetricFormula {
    }

    /** {@code op} is one of + - * /. */
    record Binary(String op, MetricFormula left, MetricFormula right) implements MetricFormula {
    }

    record Negate(MetricFormula inner) implements MetricFormula {
    }
}
