package io.clarion.briefing.change;

/**
 * Whether the last change is unusual against the metric's own earlier period-over-period
 * changes: outside mean ± z × sample standard deviation.
 *
 * @param verdict        unusual, usual, or not enough history to say
 * @param earlierChanges how many earlier changes the band is built from
 * @param mean           their mean (null without enough history)
 * @param stdev          their sample standard deviation (null without enough history)
 * @param low            mean − z × stdev
 * @param high           mean + z × stdev
 */
public record Unusual(Verdict verdict, int earlierChanges, Double mean, Double stdev, Double low, Double high) {

    public enum Verdict { UNUSUAL, USUAL, NOT_ENOUGH_HISTORY }

    /** True when the change lies outside the band (a Qute-friendly test). */
    public boolean flagged() {
        return verdict == Verdict.UNUSUAL;
    }
}
