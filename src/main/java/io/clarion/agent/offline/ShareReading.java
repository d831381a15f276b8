package io.clarion.agent.offline;

import io.clarion.agent.Labels;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.PhraseBook;
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
import java.util.Set;

/**
 * "What share of X …": the catalog's own ratio with X as numerator when there is one; else each
 * group's share of the total, with the group the question names as the row it asked about.
 */
final class ShareReading {
    private static final Set<String> CONDITION_CUES = words("condition_cues");
    private static final Set<String> SCOPE_WORDS = words("scope_words");
    private static final Set<String> ARTICLES = Set.of("the", "a", "an", "our", "my");

    private static Set<String> words(String list) {
        Set<String> out = new java.util.HashSet<>();
        PhraseBook.root().path("share").path(list).forEach(x -> out.add(x.asText()));
        return Set.copyOf(out);
    }
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
     * Reads "share of" against the metric asked for and the value filters: the value the share
     * asks about (see {@link #condition}) becomes the grouping whose row is the share, the other
     * filters stay as the scope it is taken in; a refusal when the catalog offers no way to a share.
     */
    Optional<PlannerOutcome> read(List<MetricQuery.Filter> filters, List<PlacedFilter> placed, Mention entity) {
        if (!rd.share || entity != null || chosenMetrics.isEmpty()) return Optional.empty();
        Member first = chosenMetrics.get(0).order().get(0);
        Optional<PlacedFilter> condition = condition(placed, chosenMetrics.get(0).mention());
        // The catalog's own ratio answers "share of MRR at risk (in EMEA)"; a condition on the rows
        // ("share of tickets that are urgent") asks for a part the ratio does not split out.
        Optional<Metric> shareMetric = condition.isEmpty() && !facts.isShare(first) ? facts.ratioOf(first) : Optional.empty();
        if (shareMetric.isPresent()) {
            rd.assumptions.add("Read as " + Labels.of(catalog, shareMetric.get().name()) + ", the catalog's share of "
                    + Labels.of(catalog, first.fullName()) + ".");
            chosenMetrics = List.of(new Slot(chosenMetrics.get(0).mention(), List.of(shareMetric.get()), null));
        }
        if (!facts.isShare(chosenMetrics.get(0).order().get(0))) {
            Member asked = chosenMetrics.get(0).order().get(0);
            Optional<MetricQuery.Filter> byValue = condition.map(PlacedFilter::filter).or(() -> filters.stream()
                    .filter(ShareReading::textEquals).reduce((a, b) -> b));
            if (byValue.isPresent()) {
                filters.remove(byValue.get());
                shareDimension = byValue.get().dimension();
                rd.assumptions.add("Shown as each " + Labels.of(catalog, shareDimension) + "'s share of " + Labels.of(catalog, asked.fullName())
                        + scope(filters) + "; the share you asked about is the row " + byValue.get().value().asText() + ".");
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

    /**
     * The value a share asks about: in "what share of X are Y in Z" (or "… X in Z that are Y",
     * "… X came from Y"), the first value after a word that opens the condition and follows X;
     * with no such word, the first value after X not opened by a scope word ("in Z"). Values
     * before X ("share of German customers") and scope values stay filters.
     */
    private Optional<PlacedFilter> condition(List<PlacedFilter> placed, Mention subject) {
        int after = Math.max(rd.shareEnd, subject == null ? -1 : subject.last());
        List<PlacedFilter> candidates = placed.stream().filter(p -> p.first() > after && textEquals(p.filter()))
                .sorted(java.util.Comparator.comparingInt(PlacedFilter::first)).toList();
        if (candidates.isEmpty()) return Optional.empty();
        for (int i = after + 1; i < rd.tokens.size(); i++) {
            if (!CONDITION_CUES.contains(rd.tokens.get(i).raw())) continue;
            int cue = i;
            Optional<PlacedFilter> afterCue = candidates.stream().filter(p -> p.first() > cue).findFirst();
            if (afterCue.isPresent()) return afterCue;
            break;
        }
        return candidates.stream().filter(p -> !SCOPE_WORDS.contains(rd.wordBefore(p.first(), ARTICLES))).findFirst();
    }

    private static boolean textEquals(MetricQuery.Filter f) {
        return "equals".equals(f.operator()) && f.value() != null && f.value().isTextual();
    }

    /** " within region EMEA": the value filters the share is taken within, said with it. */
    private String scope(List<MetricQuery.Filter> filters) {
        List<String> within = filters.stream().filter(ShareReading::textEquals)
                .map(f -> Labels.of(catalog, f.dimension()) + " " + f.value().asText()).toList();
        return within.isEmpty() ? "" : " within " + String.join(", ", within);
    }
}
