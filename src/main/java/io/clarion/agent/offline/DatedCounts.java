package io.clarion.agent.offline;

import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.Segment;

import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.query.MetricQuery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "members who cancelled last quarter", "accounts closed in March": a count of a table's rows
 * in one of its segments, over a period. The plain count has no date (it is how many there are
 * today), so the period can only mean the date the segment's rows got there: the catalog's count
 * of that segment's rows dated by it (a count measure with the segment's filter and a time
 * dimension). Without such a count the question reads as before.
 */
final class DatedCounts {
    private DatedCounts() {
    }

    /**
     * Replaces, in place, each undated count whose segment has a dated count, and removes what
     * that count now covers: the segment, or a value filter read from the same words as the
     * segment ("churned" names both a segment and a status value).
     */
    static void useDated(Reading rd, CatalogFacts facts, List<Slot> metrics, List<String> segments,
                         List<MetricQuery.Filter> filters, List<PlacedFilter> placed, List<Mention> mentions) {
        if (rd.range == null && rd.comparedPeriods == null) return;
        for (int i = 0; i < metrics.size(); i++) {
            Slot s = metrics.get(i);
            Optional<Measure> count = plainCount(rd, s.order().get(0));
            if (count.isEmpty() || count.get().timeDimension() != null) continue;
            Map<String, MetricQuery.Filter> candidates = new LinkedHashMap<>();
            for (String sg : segments) candidates.put(sg, null);
            for (PlacedFilter pf : placed) {
                if (!filters.contains(pf.filter()) || !"equals".equals(pf.filter().operator())) continue;
                for (Mention m : mentions) {
                    if (m.first() != pf.first() || m.last() != pf.last()) continue;
                    for (Target t : m.targets()) {
                        if (t instanceof MemberTarget mt && mt.member() instanceof Segment sg) candidates.putIfAbsent(sg.fullName(), pf.filter());
                    }
                }
            }
            for (Map.Entry<String, MetricQuery.Filter> c : candidates.entrySet()) {
                String sg = c.getKey();
                Optional<Segment> segment = rd.ctx.catalog().segment(sg).filter(x -> x.cube().equals(count.get().cube()));
                if (segment.isEmpty()) continue;
                Optional<Measure> dated = rd.ctx.catalog().cube(count.get().cube()).stream().flatMap(cube -> cube.measures().stream())
                        .filter(m -> m.type() == MeasureType.COUNT && m.timeDimension() != null && m.info().certified()
                                && facts.segmentFor(m).map(segment.get()::equals).orElse(false))
                        .findFirst();
                if (dated.isEmpty()) continue;
                metrics.set(i, new Slot(s.mention(), List.of(dated.get()), s.cmp()));
                if (c.getValue() == null) segments.remove(sg);
                else filters.remove(c.getValue());
                rd.assumptions.add("Counted " + dated.get().fullName() + " (" + segment.get().fullName() + " dated by "
                        + dated.get().timeDimension() + ") for the period, since " + count.get().fullName() + " has no date.");
                break;
            }
            if (metrics.get(i) == s && ACQUIRED.matcher(rd.joined).find()) acquiredInThePeriod(rd, metrics, i, count.get());
        }
    }

    /** "channels that brought in 100 customers in 2025": rows gained in a period are the rows dated by their start. */
    private static final java.util.regex.Pattern ACQUIRED = java.util.regex.Pattern.compile(
            "\\b(brought|bring|brings|won|win|wins|signed|acquired|acquire|gained|gain|added|add|landed|joined|onboarded)\\b");

    private static void acquiredInThePeriod(Reading rd, List<Slot> metrics, int i, Measure count) {
        List<Measure> dated = rd.ctx.catalog().cube(count.cube()).stream().flatMap(cube -> cube.measures().stream())
                .filter(m -> m.type() == MeasureType.COUNT && m.timeDimension() != null && m.filters().isEmpty() && m.info().certified())
                .toList();
        if (dated.size() != 1) return;
        Slot s = metrics.get(i);
        metrics.set(i, new Slot(s.mention(), List.of(dated.get(0)), s.cmp()));
        rd.assumptions.add("Counted " + dated.get(0).fullName() + " (rows dated by " + dated.get(0).timeDimension()
                + ") for the period: the rows gained in it, since " + count.fullName() + " has no date.");
    }

    /** The count measure a member is, or the one a simple metric is made of. */
    private static Optional<Measure> plainCount(Reading rd, Member m) {
        if (m instanceof Measure ms && ms.type() == MeasureType.COUNT && ms.filters().isEmpty()) return Optional.of(ms);
        if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) {
            return rd.ctx.catalog().measure(mt.expression().strip()).filter(x -> x.type() == MeasureType.COUNT && x.filters().isEmpty());
        }
        return Optional.empty();
    }
}
