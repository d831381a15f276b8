package io.clarion.agent.offline;

import io.clarion.agent.Labels;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.Segment;
import io.clarion.query.MetricQuery;

import java.util.List;
import java.util.Optional;

/**
 * "What share of X …": the catalog's own ratio with X as numerator when there is one; else each
 * group's share of the total, with the group the question names as the row it asked about.
 */
final class ShareReading {
    private final Reading rd;
    private final CatalogFacts facts;
    private final Catalog catalog;
    /** The metrics to ask for once the share is read. */
    List<Slot> chosenMetrics;
    /** The grouping whose shares of the total are shown, if any. */
    String shareDimension;

    ShareReading(Reading rd, CatalogFacts facts, Catalog catalog, List<Slot> chosenMetrics) {
        this.rd = rd;
        this.facts = facts;
        this.catalog = catalog;
        this.chosenMetrics = chosenMetrics;
    }

    /**
     * Reads "share of" against the metric asked for and the value filters (a value filter becomes
     * the grouping whose row is the share); a refusal when the catalog offers no way to a share.
     */
    Optional<PlannerOutcome> read(List<MetricQuery.Filter> filters, Mention entity) {
        Optional<Metric> shareMetric = rd.share && entity == null && !chosenMetrics.isEmpty()
                ? facts.ratioOf(chosenMetrics.get(0).order().get(0)) : Optional.empty();
        if (shareMetric.isPresent() && !facts.isShare(chosenMetrics.get(0).order().get(0))) {
            // "share of MRR at risk": the catalog's own ratio with that numerator.
            rd.assumptions.add("Read as " + Labels.of(catalog, shareMetric.get().name()) + ", the catalog's share of "
                    + Labels.of(catalog, chosenMetrics.get(0).order().get(0).fullName()) + ".");
            chosenMetrics = List.of(new Slot(chosenMetrics.get(0).mention(), List.of(shareMetric.get()), null));
        }
        if (rd.share && entity == null && !chosenMetrics.isEmpty() && !facts.isShare(chosenMetrics.get(0).order().get(0))) {
            Member asked = chosenMetrics.get(0).order().get(0);
            Optional<MetricQuery.Filter> byValue = filters.stream()
                    .filter(f -> "equals".equals(f.operator()) && f.value() != null && f.value().isTextual()).reduce((a, b) -> b);
            if (byValue.isPresent()) {
                filters.remove(byValue.get());
                shareDimension = byValue.get().dimension();
                rd.assumptions.add("Shown as each " + Labels.of(catalog, shareDimension) + "'s share of " + Labels.of(catalog, asked.fullName())
                        + "; the share you asked about is the row " + byValue.get().value().asText() + ".");
            } else {
                // "what share of customers churned": a count of a segment, as a share of all the cube's rows.
                Optional<Segment> seg = facts.countOf(asked).flatMap(facts::segmentFor);
                Optional<ValueTarget> value = seg.flatMap(facts::valueNaming);
                Optional<Measure> all = seg.flatMap(sg -> facts.plainCount(sg.cube()));
                if (value.isEmpty() || all.isEmpty()) {
                    return Optional.of(new PlannerOutcome.Refused("I can't give that as a share: the catalog has no certified ratio for "
                            + Labels.of(catalog, asked.fullName()) + ", and the question names no group of it to compare with the total. "
                            + "I can show " + Labels.of(catalog, asked.fullName()) + " by a grouping with each group's share of the total, "
                            + "for example \"share of " + Labels.of(catalog, asked.fullName()) + " by " + facts.exampleGrouping(asked) + "\"."));
                }
                shareDimension = value.get().dimension().fullName();
                chosenMetrics = List.of(new Slot(chosenMetrics.get(0).mention(), List.of(facts.wrappingMetric(all.get()).map(x -> (Member) x).orElse(all.get())), null));
                rd.assumptions.removeIf(a -> a.startsWith("Read \""));
                rd.assumptions.add("Shown as each " + Labels.of(catalog, shareDimension) + "'s share of " + Labels.of(catalog, all.get().fullName())
                        + "; the share you asked about is the row " + value.get().value() + ".");
            }
        }
        return Optional.empty();
    }
}
