package io.clarion.plan;

import io.clarion.engine.QueryService;
import io.clarion.diagnostics.Issue;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A time window on a query that reads a timeless measure is refused with the reason and what
 * to ask instead, never ignored (which answered today's value under the period's label).
 */
class TimeWindowTest {
    static final QueryService compiler = DemoEngine.compiler(LocalDate.of(2026, 6, 15));

    private static Issue refused(String json) {
        QueryException e = assertThrows(QueryException.class,
                () -> compiler.compile(QueryParser.parse(json), new QueryService.Options(false)));
        return e.errors().get(0);
    }

    @Test
    void currentMrrFilteredToAPastMonthIsRefusedWithTheDatedSibling() {
        Issue e = refused("""
                {"metrics": ["current_mrr"], "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "2024-06"}]}""");
        assertEquals("timeless_measure", e.key());
        assertTrue(e.message().contains("mrr.current_mrr") && e.message().contains("metric_time filter"), e.message());
        assertTrue(e.message().contains("ask for mrr"), "names the dated MRR metric: " + e.message());
    }

    @Test
    void aMetricOverATimelessMeasureIsRefusedForGrainsAndComparisonsToo() {
        Issue byMonth = refused("""
                {"metrics": ["arr"], "dimensions": ["metric_time.month"],
                 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "2025"}]}""");
        assertEquals("timeless_measure", byMonth.key());
        assertTrue(byMonth.message().startsWith("arr reads mrr.current_mrr"), byMonth.message());
        Issue compared = refused("""
                {"metrics": ["customers.active_count"], "compare": "previous_period",
                 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last month"}]}""");
        assertEquals("timeless_measure", compared.key());
        // Mixed with a dated metric, the timeless one still refuses the whole query rather than half-applying the window.
        Issue mixed = refused("""
                {"metrics": ["revenue", "customer_health_score"],
                 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last quarter"}]}""");
        assertEquals("timeless_measure", mixed.key());
        assertTrue(mixed.message().contains("drop the time filter"), mixed.message());
    }

    @Test
    void withoutAWindowTimelessMeasuresAnswerAndDatedOnesTakeTheFilter() {
        compiler.compile(QueryParser.parse("{\"metrics\": [\"current_mrr\", \"arr\"], \"dimensions\": [\"customers.plan\"]}"),
                new QueryService.Options(false));
        String sql = compiler.compile(QueryParser.parse("""
                {"metrics": ["mrr"], "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "2024-06"}]}"""),
                new QueryService.Options(false)).sql().sql();
        assertTrue(sql.contains("month"), sql);
    }

    @Test
    void aMetricDeclaringPerInputTimeTakesItsTimelessInputAtItsCurrentValue() {
        // ltv_cac_ratio: lifetime value (timeless) over the acquisition cost of the period, as the catalog declares.
        String sql = compiler.compile(QueryParser.parse("""
                {"metrics": ["ltv_cac_ratio"], "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last 12 calendar months"}]}"""),
                new QueryService.Options(false)).sql().sql();
        assertTrue(sql.contains("marketing"), sql);
        // Asked for on its own, the timeless input is still refused a window.
        assertEquals("timeless_measure", refused("""
                {"metrics": ["customer_lifetime_value"], "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "2025"}]}""").key());
    }

    @Test
    void aSnapshotMeasureIsNotSummedOverARollingWindow() {
        Issue e = refused("""
                {"metrics": ["mrr"], "dimensions": ["metric_time.month"],
                 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "2025"}],
                 "analysis": [{"type": "rolling", "metric": "mrr", "window": 3}]}""");
        assertEquals("non_additive", e.key());
        assertTrue(e.message().contains("snapshot"), e.message());
    }
}
