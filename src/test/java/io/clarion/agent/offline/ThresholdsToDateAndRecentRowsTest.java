package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group threshold on another measure than the one asked ("average total by country for
 * countries with more than 10 invoices") keeps both, the threshold as the filter on each group;
 * "ytd beside the same days of the year before" compares the same days a year apart; a
 * recency word beside a count of rows ("latest 3 invoices", "the 10 most recent signups") lists
 * that many rows newest first, by the date of the segment asked when there is one; "A, B and C"
 * asks for all three measures. Demo today
 * 15 June 2026; Chinook today 31 December 2025.
 */
class ThresholdsToDateAndRecentRowsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_thresholds_to_date");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | average invoice total by country for countries with more than 10 invoices | SELECT c.country, avg(i.total) FROM invoice i JOIN customer c USING (customer_id) GROUP BY 1 HAVING count(*) > 10",
            "demo    | average seats by region for regions with more than 1000 customers | SELECT region, avg(seats_purchased) FROM customers GROUP BY 1 HAVING count(*) > 1000",
            "demo    | revenue by plan, only plans with over 1000 active customers | SELECT c.plan, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND c.plan IN (SELECT plan FROM customers WHERE churned_at IS NULL GROUP BY 1 HAVING count(*) > 1000) GROUP BY 1",
            "demo    | revenue year to date vs the same period last year | SELECT date_trunc('year', issued_at)::date, sum(amount) FROM invoices WHERE status = 'paid' AND ((issued_at >= '2026-01-01' AND issued_at < '2026-06-16') OR (issued_at >= '2025-01-01' AND issued_at < '2025-06-16')) GROUP BY 1",
            "demo    | ytd new customers against last year | SELECT date_trunc('year', created_at)::date, count(*) FROM customers WHERE (created_at >= '2026-01-01' AND created_at < '2026-06-16') OR (created_at >= '2025-01-01' AND created_at < '2025-06-16') GROUP BY 1",
            "demo    | new customers quarter to date versus the same time last year | SELECT date_trunc('quarter', created_at)::date, count(*) FROM customers WHERE (created_at >= '2026-04-01' AND created_at < '2026-06-16') OR (created_at >= '2025-04-01' AND created_at < '2025-06-16') GROUP BY 1",
            "chinook | revenue so far this year compared with the same period last year | SELECT date_trunc('year', invoice_date)::date, sum(total) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2026-01-01' GROUP BY 1",
            // A list of three measures, the commas not being words: all three, not two and a filter.
            "demo    | promoters, passives and detractors by region this year | SELECT c.region, count(*) FILTER (WHERE n.score >= 9), count(*) FILTER (WHERE n.score BETWEEN 7 AND 8), count(*) FILTER (WHERE n.score <= 6) FROM nps_responses n JOIN customers c USING (customer_id) WHERE n.responded_at >= '2026-01-01' AND n.responded_at < '2026-06-16' GROUP BY 1",
            "chinook | latest 3 invoices | SELECT invoice_id, invoice_date::date FROM invoice ORDER BY invoice_date DESC LIMIT 3",
            "demo    | list the 10 most recent signups | SELECT customer_id, created_at::date FROM customers ORDER BY created_at::date DESC, customer_name LIMIT 10",
            "demo    | our latest 3 customers | SELECT customer_id, created_at::date FROM customers ORDER BY created_at::date DESC, customer_name LIMIT 3",
            "demo    | 10 most recent churned customers | SELECT customer_id, churned_at::date FROM customers WHERE churned_at IS NOT NULL ORDER BY churned_at::date DESC, customer_name LIMIT 10",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void theComparisonSaysWhichDaysAreCompared() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "revenue year to date vs the same period last year");
        assertEquals(List.of("2025-01-01 to 2025-06-15", "2026-01-01 to 2026-06-15"), TwoCatalogReaders.periods(p.query()), p.toString());
        assertEquals(List.of("revenue"), p.query().metrics(), "the to-date words are the period, not a to-date metric");
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("same days a year before")), p.assumptions().toString());
    }

    @Test
    void aRecencyWordWithNoRowsToListIsStillSaid() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "give us the latest tally of urgent tickets this month");
        assertTrue(p.assumptions().stream().noneMatch(a -> a.contains("ordered by")), p.assumptions().toString());
    }
}
