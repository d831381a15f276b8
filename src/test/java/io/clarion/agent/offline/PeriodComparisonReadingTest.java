package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two periods set side by side ("2023 versus 2024", "this year compared to last year", "from Q2 to
 * Q3" with a verb of change) answer one row per period, on the Chinook catalog (today 31 December
 * 2025) and the demo catalog; a plain span stays one total; a change metric over two consecutive
 * periods is the later period's change. Each answer is compared with SQL over the same days.
 */
class PeriodComparisonReadingTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_period_pairs");
    }

    static String range(MetricQuery q) {
        List<MetricQuery.Filter> dates = q.filters().stream().filter(f -> "in_date_range".equals(f.operator())).toList();
        assertEquals(1, dates.size(), "one date range in " + q);
        assertEquals("metric_time", dates.get(0).dimension(), q.toString());
        return dates.get(0).value().asText();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "revenue 2023 versus 2024                             | year    | 2023 to 2024         | 2023-01-01 | 2025-01-01",
            "How did revenue change from Q2 to Q3 2025?           | quarter | 2025-q2 to 2025-q3   | 2025-04-01 | 2025-10-01",
            "sales this year compared to last year                | year    | last year to this year | 2024-01-01 | 2026-01-01",
            "Show me revenue for March against April 2024         | month   | 2024-03 to 2024-04   | 2024-03-01 | 2024-05-01",
            "Did sales grow between 2021 and 2022? Both years please | year | 2021 to 2022         | 2021-01-01 | 2023-01-01",
    })
    void twoPeriodsAnswerOneRowEach(String question, String grain, String phrase, LocalDate from, LocalDate until) throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), question);
        assertEquals(List.of("metric_time." + grain), p.query().dimensions(), p.query().toString());
        assertEquals(phrase, range(p.query()));
        assertTrue(p.assumptions().stream().noneMatch(a -> a.startsWith("Not used")), p.assumptions().toString());
        List<List<Object>> answer = t.chinookQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT date_trunc('" + grain + "', invoice_date)::date, sum(total) FROM invoice"
                + " WHERE invoice_date >= DATE '" + from + "' AND invoice_date < DATE '" + until + "' GROUP BY 1 ORDER BY 1");
        assertTrue(gold.size() >= 2, gold.toString());
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), question + ": " + answer + " vs " + gold);
    }

    @Test
    void periodsApartAreTwoRowsWithNothingBetween() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "Sales in 2022 compared with 2024");
        assertEquals(List.of("2022", "2024"), TwoCatalogReaders.periods(p.query()));
        List<List<Object>> answer = t.chinookQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT date_trunc('year', invoice_date)::date, sum(total) FROM invoice"
                + " WHERE extract(year FROM invoice_date) IN (2022, 2024) GROUP BY 1 ORDER BY 1");
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void aSpanWithoutAComparisonStaysOneTotal() {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "revenue from 2023 to 2024").query();
        assertEquals("2023 to 2024", range(q));
        assertEquals(List.of(), q.dimensions(), q.toString());
    }

    @Test
    void aComparisonKeepsTheGroupingAskedFor() {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "invoice count by billing country, 2024 vs 2025").query();
        assertEquals("2024 to 2025", range(q));
        assertTrue(q.dimensions().containsAll(List.of("invoice.billing_country", "metric_time.year")), q.toString());
    }

    @Test
    void quartersWithoutAYearAreTheLatestPairBegun() {
        // On 15 June 2026 the latest Q1 and Q2 are those of 2026.
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "new signups in Q1 vs Q2").query();
        assertEquals("2026-q1 to 2026-q2", range(q));
        assertEquals(List.of("metric_time.quarter"), q.dimensions(), q.toString());
    }

    @Test
    void thisPeriodAgainstTheLastOnTheDemoCatalog() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "How do signups this month compare with last month?");
        assertEquals("last month to this month", range(p.query()));
        assertEquals(List.of("metric_time.month"), p.query().dimensions(), p.query().toString());
        List<List<Object>> answer = t.demoQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT date_trunc('month', created_at)::date, count(*) FROM customers"
                + " WHERE created_at >= DATE '2026-05-01' AND created_at < DATE '2026-06-16' GROUP BY 1 ORDER BY 1");
        assertTrue(ResultComparison.mismatch(gold, answer, true).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void aChangeMetricFromOnePeriodToTheNextIsTheLaterPeriodsChange() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "How much did MRR change from February to March 2026?");
        assertEquals(List.of("mrr_change"), p.query().metrics(), p.query().toString());
        assertEquals("2026-03", range(p.query()));
        assertEquals(List.of(), p.query().dimensions());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("against the month before")), p.assumptions().toString());
        List<List<Object>> answer = t.demoQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT sum(mrr) FILTER (WHERE month = DATE '2026-03-01')"
                + " - sum(mrr) FILTER (WHERE month = DATE '2026-02-01') FROM mrr_snapshots");
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), answer + " vs " + gold);
    }

    @Test
    void aGroupedComparisonOnTheDemoCatalogKeepsBothPeriodsAndTheGroup() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "NPS per segment for this year compared to last year");
        assertTrue(p.query().dimensions().containsAll(List.of("customers.segment", "metric_time.year")), p.query().toString());
        assertEquals("last year to this year", range(p.query()));
        assertFalse(p.assumptions().stream().anyMatch(a -> a.contains("\"compared\"")), p.assumptions().toString());
    }
}
