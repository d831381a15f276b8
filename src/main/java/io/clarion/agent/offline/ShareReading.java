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
        Optional<Metric> conversion = conversionAsked();
        if (conversion.isPresent()) {
            Metric c = conversion.get();
            rd.assumptions.removeIf(a -> a.startsWith("Read \""));
            // The stages are the metric's own base and conversion rows: a stage value read from the
            // same words is no extra filter.
            Set<String> stageCubes = new java.util.HashSet<>(List.of(cubeOf(c.conversion().baseMeasure()), cubeOf(c.conversion().conversionMeasure())));
            filters.removeIf(f -> textEquals(f) && stageCubes.contains(cubeOf(f.dimension())));
            rd.assumptions.add("Read as " + Labels.of(catalog, c.name()) + ", the catalog's conversion share (within "
                    + c.conversion().windowCount() + " " + c.conversion().windowUnit().key() + (c.conversion().windowCount() == 1 ? "" : "s")
                    + " of " + Labels.of(catalog, c.conversion().baseMeasure()) + ").");
            chosenMetrics = List.of(new Slot(chosenMetrics.get(0).mention(), List.of(c), null));
            for (int i = 0; i < rd.tokens.size(); i++) {
                if (rd.tokens.get(i).raw().equals("within") || rd.tokens.get(i).stem().equals(io.clarion.agent.language.Text.stem("converted"))) rd.taken[i] = true;
            }
            return Optional.empty();
        }
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
     * "what share of sign-ups paid within a month": a share that names the base rows and the
     * converted rows (or the act of converting) of one of the catalog's conversion-rate metrics is
     * that metric, whatever the words between them. Words the two sides share ("customers") prove
     * nothing; when several such metrics fit, the one whose window the question states wins.
     */
    private Optional<Metric> conversionAsked() {
        Set<String> asked = new java.util.HashSet<>();
        for (var t : rd.tokens) if (!t.stop()) asked.add(t.stem());
        Metric best = null;
        int bestScore = 0;
        for (Metric m : catalog.metrics().values()) {
            if (m.conversion() == null || m.conversion().calculation() != io.clarion.catalog.model.Conversion.Calculation.CONVERSION_RATE
                    || !m.info().certified()) continue;
            Set<String> base = stemsOf(m.conversion().baseMeasure());
            Set<String> converted = stemsOf(m.conversion().conversionMeasure());
            Set<String> common = new java.util.HashSet<>(base);
            common.retainAll(converted);
            base.removeAll(common);
            converted.removeAll(common);
            // "trial to paid conversion": the metric's own synonyms name the two sides around "to".
            for (String syn : m.info().synonyms()) {
                int to = syn.indexOf(" to ");
                if (to < 0) continue;
                base.addAll(io.clarion.agent.language.Text.contentStems(syn.substring(0, to)));
                converted.addAll(io.clarion.agent.language.Text.contentStems(syn.substring(to + 4)));
            }
            base.removeAll(common);
            converted.removeAll(common);
            converted.remove(io.clarion.agent.language.Text.stem("conversion"));
            base.remove(io.clarion.agent.language.Text.stem("conversion"));
            converted.add(io.clarion.agent.language.Text.stem("converted"));
            if (base.stream().noneMatch(asked::contains) || converted.stream().noneMatch(asked::contains)) continue;
            int score = 1 + (asked.contains(String.valueOf(m.conversion().windowCount())) ? 1 : 0);
            if (score > bestScore) {
                best = m;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The stems of a measure's name and synonyms. */
    private Set<String> stemsOf(String measure) {
        Set<String> out = new java.util.HashSet<>();
        catalog.measure(measure).ifPresent(ms -> {
            out.addAll(io.clarion.agent.language.Text.contentStems(ms.name()));
            for (String s : ms.info().synonyms()) out.addAll(io.clarion.agent.language.Text.contentStems(s));
        });
        return out;
    }

    private static String cubeOf(String fullName) {
        int dot = fullName.indexOf('.');
        return dot < 0 ? "" : fullName.substring(0, dot);
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
