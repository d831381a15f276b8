package io.clarion.briefing.change;

/**
 * One group of a breakdown (e.g. segment = enterprise) in the two compared periods.
 *
 * @param group     the dimension value as text; "(none)" for rows without one
 * @param change    value − previous: for an additive metric the group's contribution to the total
 *                  change, for a rate or average the group's own change
 * @param share     for an additive metric, change / total change (1.0 = all of it); else null
 */
public record GroupChange(String group, Double value, Double previous, Double change, Double changePct, Double share) {
}
