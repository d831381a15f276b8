package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.query.MetricQuery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Two periods read by {@link PeriodComparison} where the size of the change is asked rather than
 * the two values: the catalog's change metric for the later period, or the later period against
 * the earlier one in a single row.
 */
final class PeriodChange {
    private PeriodChange() {
    }

    /**
     * A change metric over two consecutive periods, with no other grain asked for: the later
     * period alone, whose change is measured against the period before it, the earlier one.
     */
    static PlannerOutcome changeOverPair(Reading rd, PlannerOutcome o) {
        PeriodComparison.Pair pair = rd.comparedPeriods;
        if (pair == null || !pair.consecutive() || !(o instanceof PlannerOutcome.Planned p)) return o;
        MetricQuery q = p.query();
        if (q.metrics().isEmpty() || !q.metrics().stream().allMatch(m -> isChange(rd.ctx.catalog(), m))) return o;
        String grainDim = "metric_time." + pair.unit();
        if (!q.dimensions().equals(List.of(grainDim))) return o;
        List<MetricQuery.Filter> fs = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            fs.add("metric_time".equals(f.dimension()) && "in_date_range".equals(f.operator())
                    ? new MetricQuery.Filter("metric_time", null, "in_date_range", com.fasterxml.jackson.databind.node.TextNode.valueOf(pair.second()), null)
                    : f);
        }
        MetricQuery changed = new MetricQuery(q.metrics(), List.of(), fs, q.segments(), q.orderBy(), q.limit(), q.timezone(), q.compare(),
                q.analysis(), q.joinPaths(), q.certifiedOnly());
        List<String> a = new ArrayList<>();
        for (String s : p.assumptions()) if (!s.startsWith("Compared ")) a.add(s);
        a.add("The change from " + pair.first() + " to " + pair.second() + " is " + String.join(", ", q.metrics()) + " for "
                + pair.second() + ", which measures it against the " + pair.unit() + " before.");
        return new PlannerOutcome.Planned(changed, a, p.basis());
    }

    /** "By what percentage did X grow", "how much did X drop": the size of the change is asked, not the two values. */
    private static final Pattern CHANGE_SIZE = Pattern.compile("\\b(?:by )?how much (?:did|has|have|was|were|is|does)\\b"
            + "|\\b(?:what|which) (?:percentage|percent|%)\\b|\\bby what (?:percentage|percent|amount|margin)\\b"
            + "|\\b(?:growth|change|decline) rate\\b|\\brate of (?:growth|change|decline)\\b"
            + "|\\b(?:percentage|percent|%) (?:change|growth|increase|decrease|drop|decline)\\b");

    /**
     * Two periods with the size of the change asked: one row, the later period against the
     * earlier (both values, the change and the change in percent), when the earlier is the period
     * just before or the same period a year before. A change metric of the catalog already answers
     * it ({@link #changeOverPair}).
     */
    static PlannerOutcome changeAsked(Reading rd, PlannerOutcome o) {
        PeriodComparison.Pair pair = rd.comparedPeriods;
        if (pair == null || !(o instanceof PlannerOutcome.Planned p) || !CHANGE_SIZE.matcher(rd.joined).find()) return o;
        LocalDate today = rd.ctx.queries().referenceDate();
        boolean yearBefore = PeriodComparison.yearApart(pair, today);
        if (!pair.consecutive() && !yearBefore) return o;
        MetricQuery q = p.query();
        String grainDim = "metric_time." + pair.unit();
        if (q.metrics().isEmpty() || !q.dimensions().equals(List.of(grainDim)) || q.compare() != null
                || q.metrics().stream().anyMatch(m -> isChange(rd.ctx.catalog(), m))) return o;
        List<MetricQuery.Filter> fs = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            fs.add("metric_time".equals(f.dimension()) && f.operator() != null && f.operator().startsWith("in_")
                    ? new MetricQuery.Filter("metric_time", null, "in_date_range", com.fasterxml.jackson.databind.node.TextNode.valueOf(pair.second()), null)
                    : f);
        }
        String compare = yearBefore ? "same_period_last_year" : "previous_period";
        MetricQuery changed = new MetricQuery(q.metrics(), List.of(), fs, q.segments(), q.orderBy(), q.limit(), q.timezone(), compare,
                q.analysis(), q.joinPaths(), q.certifiedOnly());
        List<String> a = new ArrayList<>();
        for (String x : p.assumptions()) if (!x.startsWith("Compared ")) a.add(x);
        a.add("Measured the change from " + pair.first() + " to " + pair.second() + ": both values, the change and the change in percent.");
        for (int i = 0; i < rd.tokens.size(); i++) {
            String w = rd.tokens.get(i).raw();
            if (Set.of("percentage", "percent", "much", "rate").contains(w)) rd.taken[i] = true;
        }
        a.removeIf(x -> x.startsWith("Not used in the query"));
        return rd.statingUnusedWords(new PlannerOutcome.Planned(changed, a, p.basis()));
    }

    /** A derived metric reading a metric of the period before: "X minus X of the previous period". */
    private static boolean isChange(Catalog catalog, String name) {
        Optional<Metric> m = catalog.metric(name);
        if (m.isEmpty() || m.get().type() != MetricType.DERIVED) return false;
        return m.get().refs().stream().anyMatch(r -> catalog.metric(r).map(x -> x.offset() != null).orElse(false));
    }

}
