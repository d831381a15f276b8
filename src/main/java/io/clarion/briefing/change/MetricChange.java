package io.clarion.briefing.change;

import io.clarion.catalog.model.Favorable;
import io.clarion.catalog.model.Format;

import java.util.List;

/**
 * What changed for one key metric.
 *
 * @param member        the catalog metric or measure
 * @param label         how the briefing names it
 * @param timeDimension the time dimension its periods are cut on, as the spec gives it
 * @param format        how its values are shown (currency, percentage, ...), may be null
 * @param favorable     which direction is good news, null when the catalog does not say
 * @param additive      counts and sums: group changes add up to the total change
 * @param series        the complete periods of the history, oldest first, then the current period
 * @param change        the compared period against the one before
 * @param unusual       whether that change is unusual for this metric
 * @param trend         whether it turned against the recent average direction
 * @param judgement     good, bad or neutral news
 * @param breakdowns    one per breakdown dimension of the spec, in its order
 * @param concentration the strongest concentration over all breakdowns, or null
 * @param sentence      one deterministic plain-English sentence
 */
public record MetricChange(String member, String label, String timeDimension, Format format, Favorable favorable,
                           boolean additive, List<SeriesPoint> series, Change change, Unusual unusual, Trend trend,
                           Judgement judgement, List<Breakdown> breakdowns, Concentration concentration,
                           String sentence) {
    public MetricChange {
        series = List.copyOf(series);
        breakdowns = List.copyOf(breakdowns);
    }
}
