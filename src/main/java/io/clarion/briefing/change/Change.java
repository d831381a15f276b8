package io.clarion.briefing.change;

/**
 * A period-over-period change.
 *
 * @param value     the compared period's value
 * @param previous  the value of the period before
 * @param change    value − previous; null when either is missing
 * @param changePct change / previous as a fraction (0.032 = 3.2%); null when previous is 0 or missing
 * @param direction null when change is
 */
public record Change(Double value, Double previous, Double change, Double changePct, Direction direction) {

    static Change between(Double value, Double previous) {
        if (value == null || previous == null) return new Change(value, previous, null, null, null);
        double c = value - previous;
        return new Change(value, previous, c, previous == 0 ? null : c / Math.abs(previous), Direction.of(c));
    }
}
