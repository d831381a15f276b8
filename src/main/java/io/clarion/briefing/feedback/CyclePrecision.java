package io.clarion.briefing.feedback;

import java.time.LocalDate;

/**
 * How well a cycle's flags held up with their owners: the latest verdict per account flagged in
 * that cycle, counted.
 *
 * @param precision confirmed / (confirmed + false positives); null when neither was given
 */
public record CyclePrecision(LocalDate cycle, int confirmed, int falsePositives, int handled, Double precision) {
}
