package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.PhraseBook;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.query.MetricQuery;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "how many webhook deliveries last week", "number of refunded invoices": a count asked of things the
 * catalog names only as a value of one of its dimensions. They are the rows of that dimension's
 * table with that value, counted by the table's plain count; said as an assumption.
 */
final class ValueCounts {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> COUNT_ASKS = PhraseBook.words("count_asks");

    private ValueCounts() {
    }

    static Optional<PlannerOutcome> of(Reading rd, List<Slot> groupSlots, List<MetricQuery.Filter> filters, List<String> segments) {
        String text = " " + rd.joined + " ";
        if (COUNT_ASKS.stream().noneMatch(a -> text.contains(" " + a + " "))) return Optional.empty();
        Optional<MetricQuery.Filter> value = filters.stream().filter(f -> "equals".equals(f.operator()) && !f.dimension().startsWith("metric_time")).findFirst();
        if (value.isEmpty()) return segmentCount(rd, groupSlots, filters, segments);
        String cube = value.get().dimension().substring(0, value.get().dimension().indexOf('.'));
        // A dated count when a period is asked, so the period applies.
        Optional<Measure> count = rd.ctx.catalog().cube(cube).stream().flatMap(c -> c.measures().stream())
                .filter(m -> m.type() == MeasureType.COUNT && m.filters().isEmpty() && m.info().certified())
                .sorted(Comparator.comparing((Measure m) -> m.timeDimension() == null))
                .findFirst();
        if (count.isEmpty()) return Optional.empty();
        rd.assumptions.add("Counted " + count.get().fullName() + " with " + value.get().dimension() + " = \""
                + value.get().value().asText() + "\": the catalog names these only as that value.");
        QueryAssembler q = new QueryAssembler(rd);
        q.fixedMetrics.add(count.get().fullName());
        q.groupSlots.addAll(groupSlots);
        q.filters.addAll(filters);
        q.segments.addAll(segments);
        if (rd.range != null) q.filters.add(new MetricQuery.Filter("metric_time", null, "in_date_range", JSON.textNode(rd.range), null));
        return Optional.of(q.compile());
    }

    /**
     * "how many live accounts": a segment whose own words name the rows ("live accounts") leaves no
     * noun to count, yet the count is of that segment's rows: the cube's count declared with the
     * segment's condition, else its plain count within the segment.
     */
    private static Optional<PlannerOutcome> segmentCount(Reading rd, List<Slot> groupSlots, List<MetricQuery.Filter> filters, List<String> segments) {
        if (segments.size() != 1) return Optional.empty();
        Optional<io.clarion.catalog.model.Segment> seg = rd.ctx.catalog().segment(segments.get(0));
        if (seg.isEmpty()) return Optional.empty();
        List<Measure> counts = rd.ctx.catalog().cube(seg.get().cube()).stream().flatMap(c -> c.measures().stream())
                .filter(m -> m.type() == MeasureType.COUNT && m.info().certified()).toList();
        Optional<Measure> own = counts.stream().filter(m -> rd.facts.segmentFor(m).filter(seg.get()::equals).isPresent()).findFirst();
        Optional<Measure> plain = counts.stream().filter(m -> m.filters().isEmpty())
                .sorted(Comparator.comparing((Measure m) -> m.timeDimension() == null)).findFirst();
        if (own.isEmpty() && plain.isEmpty()) return Optional.empty();
        QueryAssembler q = new QueryAssembler(rd);
        q.fixedMetrics.add(own.orElseGet(plain::get).fullName());
        q.groupSlots.addAll(groupSlots);
        q.filters.addAll(filters);
        if (own.isEmpty()) q.segments.addAll(segments);
        if (rd.range != null) q.filters.add(new MetricQuery.Filter("metric_time", null, "in_date_range", JSON.textNode(rd.range), null));
        return Optional.of(q.compile());
    }
}
