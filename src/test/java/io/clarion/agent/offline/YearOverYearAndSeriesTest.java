package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_year_over_year");
    }

    @Test
    void aQuarterThisYearAgainstTheSameQuarterLastYear() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "Sales for Q2 this year against Q2 last year");
        assertEquals(List.of("2024-q2", "2025-q2"), TwoCatalogReaders.periods(p.query()));
        assertNull(p.query().compare(), p.query().toString());
        assertEquals(List.of("metric_time.quarter"), p.query().dimensions(), p.query().toString());
        List<List<Object>> answer = t.chinookQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT date_trunc('quarter', invoice_date)::date, sum(total) FROM invoice"
                + " WHERE (invoice_date >= DATE '2025-04-01' AND invoice_date < DATE '2025-07-01')"
                + " OR (invoice_date >= DATE '2024-04-01' AND invoice_date < DATE '2024-07-01') GROUP BY 1 ORDER BY 1");
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void aMonthWithLiteralYearsOneYearApart() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "invoice count in October 2025 compared with October 2024");
        assertEquals(List.of("2024-10", "2025-10"), TwoCatalogReaders.periods(p.query()));
        assertEquals(List.of("metric_time.month"), p.query().dimensions(), p.query().toString());
    }

    @Test
    void twoWholeYearsStayOneRowEach() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "sales 2023 against 2024");
        assertNull(p.query().compare(), p.query().toString());
        assertEquals(List.of("metric_time.year"), p.query().dimensions(), p.query().toString());
    }

    @Test
    void theDemoCatalogComparesTheSameQuarterAYearApart() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "churned customers in Q1 this year versus Q1 of last year");
        assertEquals(List.of("2025-q1", "2026-q1"), TwoCatalogReaders.periods(p.query()));
    }

    @Test
    void howSomethingDevelopedIsItsMonthlySeries() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "How has revenue developed in 2024?");
        assertEquals(List.of("metric_time.month"), p.query().dimensions(), p.query().toString());
        List<List<Object>> answer = t.chinookQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT date_trunc('month', invoice_date)::date, sum(total) FROM invoice"
                + " WHERE invoice_date >= DATE '2024-01-01' AND invoice_date < DATE '2025-01-01' GROUP BY 1 ORDER BY 1");
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void theHistoryOfACountOnTheDemoCatalogIsItsSeries() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "show me the history of new customers this year");
        assertEquals(List.of("metric_time.month"), p.query().dimensions(), p.query().toString());
        assertTrue(p.assumptions().stream().noneMatch(a -> a.contains("\"history\"") && a.startsWith("Not used")), p.assumptions().toString());
        List<List<Object>> answer = t.demoQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT date_trunc('month', created_at)::date, count(*) FROM customers"
                + " WHERE created_at >= DATE '2026-01-01' AND created_at < DATE '2026-06-16' GROUP BY 1 ORDER BY 1");
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void aChangeBetweenTwoNamedPeriodsIsNotMadeASeries() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "How has revenue changed from 2022 to 2023?");
        assertEquals(List.of("metric_time.year"), p.query().dimensions(), p.query().toString());
    }
}
