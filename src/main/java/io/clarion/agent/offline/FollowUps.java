package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.PlannerOutcome;
import io.clarion.query.MetricQuery;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Follow-ups ("now only EMEA", "and last quarter?", "what about churn rate?") edit the previous query. */
final class FollowUps {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FollowUps() {
    }

    /** "What about churn rate?": the previous question's grouping, filters and segments, for a new metric. */
    static void inheritCut(Reading rd, List<MetricQuery.Filter> filters) {
        MetricQuery last = rd.conversation.lastQuery();
        for (String d : last.dimensions()) if (!d.startsWith("metric_time") || rd.grain == null) rd.inheritedDims.add(d);
        for (MetricQuery.Filter f : last.filters()) {
            if (f.dimension() != null && !(rd.range != null && "in_date_range".equals(f.operator()))
                    && filters.stream().noneMatch(x -> f.dimension().equals(x.dimension()))) rd.inheritedFilters.add(f);
        }
        rd.inheritedSegments.addAll(last.segments());
        rd.assumptions.add("Read as a follow-up: the same grouping and filters as the previous question.");
    }

    /** A question naming no metric after another: the previous query, changed as asked. */
    static PlannerOutcome followUp(Reading rd, List<Slot> groupSlots, List<MetricQuery.Filter> filters, List<Slot> filterSlots,
                            List<String> segments) {
        MetricQuery last = rd.conversation.lastQuery();
        boolean anything = !groupSlots.isEmpty() || !filters.isEmpty() || !filterSlots.isEmpty()
                || !segments.isEmpty() || rd.range != null || rd.grain != null || rd.topN != null || rd.descending != null;
        if (!anything) return rd.cannot();
        QueryAssembler q = new QueryAssembler(rd);
        q.fixedMetrics.addAll(last.metrics());
        q.dimensions.addAll(last.dimensions());
        Set<String> replaced = new HashSet<>();
        for (MetricQuery.Filter f : filters) replaced.add(f.dimension());
        if (rd.range != null) replaced.add("metric_time");
        for (MetricQuery.Filter f : last.filters()) {
            String target = f.dimension();
            if (target != null && (replaced.contains(target) || (rd.range != null && "in_date_range".equals(f.operator())))) continue;
            q.filters.add(f);
        }
        q.filters.addAll(filters);
        q.segments.addAll(last.segments());
        q.segments.addAll(segments);
        q.groupSlots.addAll(groupSlots);
        q.filterSlots.addAll(filterSlots);
        if (rd.grain != null) {
            q.dimensions.removeIf(d -> d.startsWith("metric_time."));
            q.dimensions.add("metric_time." + rd.grain);
        }
        if (rd.range != null) {
            String target = last.filters().stream().filter(f -> "in_date_range".equals(f.operator()))
                    .map(MetricQuery.Filter::dimension).findFirst().orElse("metric_time");
            q.filters.add(new MetricQuery.Filter(target, null, "in_date_range", JSON.textNode(rd.range), null));
        }
        q.orderBy.addAll(last.orderBy());
        q.limit = rd.topN != null ? rd.topN : last.limit();
        q.descending = rd.descending;
        rd.assumptions.add("Read as a follow-up: the previous question's query, changed as asked.");
        return q.compile();
    }
}
