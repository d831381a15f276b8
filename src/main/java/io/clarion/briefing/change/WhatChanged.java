package io.clarion.briefing.change;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.clarion.catalog.model.Grain;

import java.time.LocalDate;
import java.util.List;

/**
 * The what-changed analysis as of a reference date: the last complete period against the one
 * before it, for every key metric. The current period is still running on the reference date;
 * it is shown in each series but never compared, so a half-finished month never reads as a drop.
 *
 * @param compared   the last complete period
 * @param previous   the period before it
 * @param current    the period containing the reference date (incomplete)
 * @param comparison that choice in words, for the reader
 */
public record WhatChanged(@JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate referenceDate, Grain grain, Period compared, Period previous, Period current,
                          String comparison, List<MetricChange> metrics) {
    public WhatChanged {
        metrics = List.copyOf(metrics);
    }
}
