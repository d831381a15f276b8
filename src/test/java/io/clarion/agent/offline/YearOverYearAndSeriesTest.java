package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same quarter or month a year apart ("Q2 this year against Q2 last year") is the later period
 * beside the one a year before, not every period between; asked how something moved through time
 * ("how has … developed", "the history of …") with no grain, the answer is its monthly series.
 * Chinook catalog (today 31 December 2025) and demo catalog (today 15 June 2026), compared with SQL.
 */
class YearOverYearAndSeriesTest {
    static DataSource chinook;
    static QueryService chinookQueries;
    static OfflinePlanner chinookPlanner;
    static QueryService demoQueries;
    static OfflinePlanner demoPlanner;

    @BeforeAll
    static void load() {
        TwoCatalogReaders t = TwoCatalogReaders.load("clarion_chinook_year_over_year");
        chinook = t.chinook();
        chinookQueries = t.chinookQueries();
        chinookPlanner = t.chinookPlanner();
        demoQueries = t.demoQueries();
        demoPlanner = t.demoPlanner();
    }

    static PlannerOutcome.Planned planned(OfflinePlanner p, String question) {
        return TwoCatalogReaders.planned(p, question);
    }

    static String range(MetricQuery q) {
        List<MetricQuery.Filter> dates = q.filters().stream().filter(f -> "in_date_range".equals(f.operator())).toList();
        assertEquals(1, dates.size(), q.toString());
        return dates.get(0).value().asText();
    }

    @Test
    void aQuarterThisYearAgainstTheSameQuarterLastYear() throws Exception {
        PlannerOutcome.Planned p = planned(chinookPlanner, "Sales for Q2 this year against Q2 last year");
        assertEquals("2025-q2", range(p.query()));
        assertEquals("same_period_last_year", p.query().compare());
        assertEquals(List.of(), p.query().dimensions(), p.query().toString());
        List<List<Object>> answer = chinookQueries.run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(chinook, "SELECT sum(total) FILTER (WHERE invoice_date >= DATE '2025-04-01' AND invoice_date < DATE '2025-07-01'),"
                + " sum(total) FILTER (WHERE invoice_date >= DATE '2024-04-01' AND invoice_date < DATE '2024-07-01') FROM invoice");
        assertEquals(1, answer.size(), answer.toString());
        assertEquals(((Number) gold.get(0).get(0)).doubleValue(), ((Number) answer.get(0).get(0)).doubleValue(), 0.01, answer.toString());
        assertEquals(((Number) gold.get(0).get(1)).doubleValue(), ((Number) answer.get(0).get(1)).doubleValue(), 0.01, answer.toString());
    }

    @Test
    void aMonthWithLiteralYearsOneYearApart() {
        PlannerOutcome.Planned p = planned(chinookPlanner, "invoice count in October 2025 compared with October 2024");
        assertEquals("2025-10", range(p.query()));
        assertEquals("same_period_last_year", p.query().compare());
    }

    @Test
    void twoWholeYearsStayOneRowEach() {
        PlannerOutcome.Planned p = planned(chinookPlanner, "sales 2023 against 2024");
        assertNull(p.query().compare(), p.query().toString());
        assertEquals(List.of("metric_time.year"), p.query().dimensions(), p.query().toString());
    }

    @Test
    void theDemoCatalogComparesTheSameQuarterAYearApart() {
        PlannerOutcome.Planned p = planned(demoPlanner, "churned customers in Q1 this year versus Q1 of last year");
        assertEquals("2026-q1", range(p.query()));
        assertEquals("same_period_last_year", p.query().compare());
    }

    @Test
    void howSomethingDevelopedIsItsMonthlySeries() throws Exception {
        PlannerOutcome.Planned p = planned(chinookPlanner, "How has revenue developed in 2024?");
        assertEquals(List.of("metric_time.month"), p.query().dimensions(), p.query().toString());
        List<List<Object>> answer = chinookQueries.run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(chinook, "SELECT date_trunc('month', invoice_date)::date, sum(total) FROM invoice"
                + " WHERE invoice_date >= DATE '2024-01-01' AND invoice_date < DATE '2025-01-01' GROUP BY 1 ORDER BY 1");
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void theHistoryOfACountOnTheDemoCatalogIsItsSeries() throws Exception {
        PlannerOutcome.Planned p = planned(demoPlanner, "show me the history of new customers this year");
        assertEquals(List.of("metric_time.month"), p.query().dimensions(), p.query().toString());
        assertTrue(p.assumptions().stream().noneMatch(a -> a.contains("\"history\"") && a.startsWith("Not used")), p.assumptions().toString());
        List<List<Object>> answer = demoQueries.run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT date_trunc('month', created_at)::date, count(*) FROM customers"
                + " WHERE created_at >= DATE '2026-01-01' AND created_at < DATE '2026-06-16' GROUP BY 1 ORDER BY 1");
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void aChangeBetweenTwoNamedPeriodsIsNotMadeASeries() {
        PlannerOutcome.Planned p = planned(chinookPlanner, "How has revenue changed from 2022 to 2023?");
        assertEquals(List.of("metric_time.year"), p.query().dimensions(), p.query().toString());
    }
}
