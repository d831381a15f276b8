package io.clarion.briefing.change;

/**
 * One group of a breakdown carrying at least the spec's concentration share of an additive
 * metric's total change.
 *
 * @param share  group change / total change, e.g. 0.72
 * @param text   e.g. "enterprise carries 72% of the MRR drop"
 */
public record Concentration(String dimension, String group, double share, double change, String text) {
}
