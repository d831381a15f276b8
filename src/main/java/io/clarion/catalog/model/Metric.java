package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

import java.util.List;

/**
 * A governed business metric over measures. {@code expression} holds the measure reference
 * (simple) or arithmetic (derived); {@code refs} lists every measure/metric name it reads,
 * in order, as written. {@code filters} restrict the rows of the measures it reads.
 * {@code formula} is the arithmetic as a tree, parsed once at load, for every type.
 * {@code timeWindowPerInput} ({@code time_window: per_input}) says the author combined inputs bound
 * to time differently on purpose: a query's window applies to each input its own way, and a
 * timeless input is taken at its current value. {@code cumulative} is set for cumulative metrics
 * (their one measure is {@code expression}), {@code conversion} for conversion metrics.
 */
public record Metric(String name, MetricType type, String expression, String numerator, String denominator,
                     List<String> refs, List<SqlTemplate> filters, Grain timeGrain, PeriodOffset offset,
                     Format format, Favorable favorable, MemberInfo info, Location location,
                     MetricFormula formula, boolean timeWindowPerInput, Cumulative cumulative,
                     Conversion conversion) implements Member {
    public Metric {
        refs = refs == null ? List.of() : List.copyOf(refs);
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    @Override
    public String fullName() {
        return name;
    }
}
