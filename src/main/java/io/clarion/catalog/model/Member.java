package io.clarion.catalog.model;

import io.clarion.diagnostics.Location;

/** Anything a query can name: measures, dimensions, segments, metrics. */
public sealed interface Member permits Measure, Dimension, Segment, Metric {
    String name();

    String fullName();

    MemberInfo info();

    Location location();
}
