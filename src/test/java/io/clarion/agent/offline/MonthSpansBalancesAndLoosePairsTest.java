package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Months written without a year take the one year the question names elsewhere, and two month
 * names joined by a dash are a span; "to date" alone is all time; a balance kept as snapshots
 * asked for "today" is its latest snapshot; two periods with the compared words between them are
 * still two periods; a yes/no column after the rows of a share is the part the share asks about;
 * leaving a value out "of the picture" edits the answer, not the data. Demo today 15 June 2026;
 * Chinook today 31 December 2025.
 */
class MonthSpansBalancesAndLoosePairsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_month_spans");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | monthly signups for 2025, february thru may | SELECT date_trunc('month', created_at)::date, count(*) FROM customers WHERE created_at >= '2025-02-01' AND created_at < '2025-06-01' GROUP BY 1",
            "demo    | paid invoices by month from oct to dec in 2024 | SELECT date_trunc('month', issued_at)::date, count(*) FROM invoices WHERE status = 'paid' AND issued_at >= '2024-10-01' AND issued_at < '2025-01-01' GROUP BY 1",
            "chinook | invoices per month, feb-apr 2025 | SELECT date_trunc('month', invoice_date)::date, count(*) FROM invoice WHERE invoice_date >= '2025-02-01' AND invoice_date < '2025-05-01' GROUP BY 1",
            "demo    | nps by segment, counting all responses to date | SELECT c.segment, 100.0 * (count(*) FILTER (WHERE n.score >= 9) - count(*) FILTER (WHERE n.score <= 6)) / count(*) FROM nps_responses n JOIN customers c USING (customer_id) GROUP BY 1",
            "demo    | drop starter from the figures: active customers by plan | SELECT plan, count(*) FROM customers WHERE churned_at IS NULL AND plan <> 'starter' GROUP BY 1",
            "demo    | what fraction of high priority tickets opened in 2025 were escalated | SELECT count(*) FILTER (WHERE escalated)::numeric / count(*) FROM support_tickets WHERE priority = 'high' AND created_at >= '2025-01-01' AND created_at < '2026-01-01'",
            "chinook | how do this year's sales compare with last year's | SELECT date_trunc('year', invoice_date)::date, sum(total) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2026-01-01' GROUP BY 1",
            "demo    | how did signups in March 2026 do against February 2026 | SELECT date_trunc('month', created_at)::date, count(*) FROM customers WHERE created_at >= '2026-02-01' AND created_at < '2026-04-01' GROUP BY 1",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void aSnapshotBalanceTodayIsItsLatestSnapshot() throws Exception {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "monthly recurring revenue of unhealthy accounts today");
        assertTrue(p.query().filters().stream().noneMatch(f -> "metric_time".equals(f.dimension())), p.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("latest snapshot")), p.toString());
        List<List<Object>> rows = TwoCatalogReaders.rows(t.demoQueries(), p.query());
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.get(0).get(0) != null, "a value, not an empty day: " + rows);
    }

    @Test
    void theWholeYearAndAYearOfMonthsStayApart() {
        // Two years named: which one the months belong to is not said, so the months keep their own reading.
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "signups from march to may, 2024 and 2025");
        assertTrue(p.query().filters().stream().noneMatch(f -> f.value() != null && f.value().asText().equals("2025-03 to 2025-05")), p.toString());
    }
}
