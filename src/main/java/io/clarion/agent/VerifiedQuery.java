package io.clarion.agent;

import io.clarion.query.MetricQuery;

import java.time.LocalDate;

/** An analyst-approved question and the metric query that answers it. */
public record VerifiedQuery(String question, MetricQuery query, String verifiedBy, LocalDate verifiedAt) {
}
