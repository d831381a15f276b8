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
 * "What share of X …": one number, the part of X the question names over the whole of X (a value
 * after X, a segment after X, or the segment a count of X stands for), as the engine's share
 * analysis; the catalog's own ratio when X has one and no part is named; each group's share of
 * the total only when the question asks for it by a grouping ("share of X by region").
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
    /** The part the share is of: filters and segments its numerator's rows pass (both empty when none). */
    final List<MetricQuery.Filter> partFilters = new java.util.ArrayList<>();
    final List<String> partSegments = new java.util.ArrayList<>();
    /** "share of X by region": each group's share of the total. */
    boolean eachGroup;

    ShareReading(Reading rd, CatalogFacts facts, Catalog catalog, List<Slot> chosenMetrics) {
        this.rd = rd;
        this.facts = facts;
        this.catalog = catalog;
        this.chosenMetrics = chosenMetrics;
    }

    /**
     * Reads "share of" against the metric asked for, the value filters and the segments: the part
     * the share asks about (see {@link #condition}) leaves the filters (or segments) for the share's
     * own, the others stay as the scope the whole is taken in; a refusal when the catalog offers
     * no way to a share.
     *
     * @param grouped whether the question groups the answer ("by region", "per month")
     */
    Optional<PlannerOutcome> read(List<MetricQuery.Filter> filters, List<PlacedFilter> placed, Mention entity, boolean grouped,
                                  List<Slot> segmentSlots, List<String> segments) {
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
        Mention subject = chosenMetrics.get(0).mention();
        Optional<PlacedFilter> condition = condition(placed, subject);
        Optional<Slot> segmentPart = condition.isEmpty() ? segmentCondition(segmentSlots, subject) : Optional.empty();
        // The catalog's own ratio answers "share of MRR at risk (in EMEA)"; a condition on the rows
        // ("share of tickets that are urgent") asks for a part the ratio does not split out.
        Optional<Metric> shareMetric = condition.isEmpty() && segmentPart.isEmpty() && !facts.isShare(first) ? facts.ratioOf(first) : Optional.empty();
        if (shareMetric.isPresent()) {
            rd.assumptions.add("Read as " + Labels.of(catalog, shareMetric.get().name()) + ", the catalog's share of "
                    + Labels.of(catalog, first.fullName()) + ".");
            chosenMetrics = List.of(new Slot(subject, List.of(shareMetric.get()), null));
        }
        if (facts.isShare(chosenMetrics.get(0).order().get(0))) return Optional.empty();
        Member asked = chosenMetrics.get(0).order().get(0);
        // Without a value after X, a value before it ("share of German customers") is the part, unless
        // the question groups the answer: then the values before X are the scope of every group's share.
        // "what share of enterprise customers churned": a count of a segment said after the rows and their
        // values asks how many of those rows are in the segment; the values are the scope, not the part.
        boolean segmentAfterRows = condition.isEmpty() && segmentPart.isEmpty() && !grouped && subject != null
                && facts.countOf(asked).flatMap(facts::segmentFor).isPresent()
                && !placed.isEmpty() && placed.stream().allMatch(p -> p.last() < subject.first());
        Optional<MetricQuery.Filter> byValue = condition.map(PlacedFilter::filter).or(() -> grouped || segmentPart.isPresent() || segmentAfterRows
                ? Optional.empty() : filters.stream().filter(ShareReading::textEquals).reduce((a, b) -> b));
        if (byValue.isPresent()) {
            filters.remove(byValue.get());
            partFilters.add(byValue.get());
            said(asked.fullName(), filters, segments, grouped);
            return Optional.empty();
        }
        if (segmentPart.isPresent()) {
            // The slot's member the draft kept (its nearest-first order may differ from the slot's own).
            Member sg = segmentPart.get().order().stream().filter(x -> segments.contains(x.fullName()) || rd.extraSegments.contains(x.fullName()))
                    .findFirst().orElse(segmentPart.get().order().get(0));
            segments.remove(sg.fullName());
            if (rd.extraSegments.remove(sg.fullName())) {
                String words = rd.words(rd.extraSegmentWords.get(sg.fullName()));
                rd.assumptions.removeIf(a -> a.startsWith("Read \"" + words + "\" as a filter"));
            }
            partSegments.add(sg.fullName());
            // "on an annual contract (they have a renewal date)": the column said to be there restates the part.
            if (sg instanceof Segment seg) filters.removeIf(f -> restates(seg, f));
            said(asked.fullName(), filters, segments, grouped);
            return Optional.empty();
        }
        if (grouped) {
            eachGroup = true;
            rd.assumptions.add("Shown as each group's share of " + io.clarion.agent.ShareLabels.whole(catalog, asked.fullName()) + scope(filters) + ".");
            return Optional.empty();
        }
        // "what share of customers churned": a count of a segment is that segment's share of all the cube's rows.
        Optional<Segment> seg = facts.countOf(asked).flatMap(facts::segmentFor);
        Optional<Measure> all = seg.flatMap(sg -> facts.plainCount(sg.cube()));
        if (seg.isEmpty() || all.isEmpty()) {
            return Optional.of(new PlannerOutcome.Refused("I can't give that as a share: the catalog has no certified ratio for "
                    + Labels.of(catalog, asked.fullName()) + ", and the question names no part of it to compare with the total. "
                    + "I can show the share of " + Labels.of(catalog, asked.fullName()) + " that one value makes up, for example \"share of "
                    + Labels.of(catalog, asked.fullName()) + " from <a " + facts.exampleGrouping(asked) + ">\", or each group's share, "
                    + "for example \"share of " + Labels.of(catalog, asked.fullName()) + " by " + facts.exampleGrouping(asked) + "\"."));
        }
        Member whole = facts.wrappingMetric(all.get()).map(x -> (Member) x).orElse(all.get());
        chosenMetrics = List.of(new Slot(subject, List.of(whole), null));
        partSegments.add(seg.get().fullName());
        rd.assumptions.removeIf(a -> a.startsWith("Read \""));
        said(whole.fullName(), filters, segments, false);
        return Optional.empty();
    }

    /** The reading said as an assumption: "Read as EMEA's share of total revenue within segment enterprise: …". */
    private void said(String whole, List<MetricQuery.Filter> filters, List<String> segments, boolean grouped) {
        List<String> within = new java.util.ArrayList<>();
        String scoped = scope(filters);
        if (!scoped.isEmpty()) within.add(scoped.substring(" within ".length()));
        for (String sg : segments) within.add(Labels.of(catalog, sg));
        rd.assumptions.add("Read as " + io.clarion.agent.ShareLabels.of(catalog, partFilters, partSegments, whole)
                + (within.isEmpty() ? "" : " within " + String.join(", ", within))
                + (grouped ? ", in each group" : "") + ": the part over the whole, not every group's share.");
    }

    /**
     * A segment named after X as what X's rows are ("what part of the accounts we won have
     * gone"): the part the share asks about. A segment before X ("share of active customers …")
     * is the scope.
     */
    private Optional<Slot> segmentCondition(List<Slot> segmentSlots, Mention subject) {
        int after = Math.max(rd.shareEnd, subject == null ? -1 : subject.last());
        List<Slot> all = new java.util.ArrayList<>(segmentSlots);
        // "… have cancelled since": a filtered count read beside the metric as its filter is a segment too.
        for (String name : rd.extraSegments) {
            Mention m = rd.extraSegmentWords.get(name);
            catalog.segment(name).ifPresent(sg -> { if (m != null) all.add(new Slot(m, List.of(sg), null)); });
        }
        return all.stream().filter(s -> s.mention().first() > after && !s.order().isEmpty() && s.order().get(0) instanceof Segment)
                .min(java.util.Comparator.comparingInt(s -> s.mention().first()));
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
        // "what fraction of urgent tickets were escalated": a yes/no column after X is a condition too.
        List<PlacedFilter> candidates = placed.stream().filter(p -> p.first() > after && (textEquals(p.filter()) || flagEquals(p.filter())))
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

    /** A "column is set" filter that says what the segment says ("{CUBE}.contract_end_date IS NOT NULL"). */
    private boolean restates(Segment seg, MetricQuery.Filter f) {
        if (!"set".equals(f.operator()) || f.dimension() == null) return false;
        return catalog.dimension(f.dimension()).filter(d -> d.cube().equals(seg.cube()) && d.sql() != null)
                .map(d -> seg.sql().source().replaceAll("\\s+", " ").strip()
                        .equalsIgnoreCase("{CUBE}." + d.sql().source().strip() + " IS NOT NULL")).orElse(false);
    }

    private static boolean flagEquals(MetricQuery.Filter f) {
        return "equals".equals(f.operator()) && f.value() != null && f.value().isBoolean();
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
