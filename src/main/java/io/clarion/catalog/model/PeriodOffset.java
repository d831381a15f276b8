package io.clarion.catalog.model;

/**
 * Shifts a metric in time: the value of the same metric one period earlier
 * (the period being the query's time grain or date range) or one year earlier.
 */
public enum PeriodOffset { PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR }
