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
        if (value.isEmpty()) return Optional.empty();
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
}
