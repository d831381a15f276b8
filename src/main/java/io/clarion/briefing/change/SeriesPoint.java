package io.clarion.briefing.change;

/**
 * The metric's value in one period of its series.
 *
 * @param value    null when the metric has no value there (e.g. a rate over no customers)
 * @param complete false for the current period, which is still running on the reference date
 */
public record SeriesPoint(Period period, Double value, boolean complete) {
}
