package io.clarion.briefing.change;

/**
 * The direction of the last change against the direction of the average earlier change.
 *
 * @param before   direction of the mean of the earlier changes (null without enough history)
 * @param now      direction of the last change (null when it has none)
 * @param reversed both moved and they differ, e.g. "was rising, now falling"
 * @param note     that in words, or "not enough history"; null when nothing worth saying
 */
public record Trend(Direction before, Direction now, boolean reversed, String note) {
}
