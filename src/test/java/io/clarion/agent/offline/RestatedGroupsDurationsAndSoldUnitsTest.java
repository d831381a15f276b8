package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.query.MetricQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A grouping said again to carry its threshold ("customers per region, only regions with at
 * least 500 customers"), a period beside "the quarter before", a grain said twice, and a duration
 * compared in the unit its column stores ("longer than 5 minutes" against milliseconds), and a thing
 * said to be sold counted in units sold, not in how many the catalog holds; an amount of money beside
 * counted rows compares each row's money column; "each of the last 6 months" is a row per month; "this month vs last" leaves the unit unsaid; "the newest" lists rows by the date their table counts them by; money kept per invoice, cut by what
 * its lines hold (a genre), is the lines' own money. Demo
 * today 15 June 2026; Chinook today 31 December 2025.
 */
class RestatedGroupsDurationsAndSoldUnitsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_restated");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | number of customers per region, only regions with at least 500 customers | SELECT region, count(*) FROM customers GROUP BY region HAVING count(*) >= 500",
            "demo    | revenue by industry in 2025, but only the industries above 2000000 | SELECT c.industry, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01' GROUP BY c.industry HAVING sum(i.amount) > 2000000",
            "chinook | customer count by country, keep only countries with 5 or more customers | SELECT country, count(*) FROM customer GROUP BY country HAVING count(*) >= 5",
            "demo    | revenue last quarter versus the quarter before | SELECT date_trunc('quarter', issued_at)::date, sum(amount) FROM invoices WHERE status = 'paid' AND issued_at >= '2025-10-01' AND issued_at < '2026-04-01' GROUP BY 1",
            "demo    | how did churned customers in Q1 2026 compare to the quarter before | SELECT date_trunc('quarter', churned_at)::date, count(*) FROM customers WHERE churned_at >= '2025-10-01' AND churned_at < '2026-04-01' GROUP BY 1",
            "demo    | monthly revenue for the EMEA region during 2025, month by month | SELECT date_trunc('month', i.issued_at)::date, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND c.region = 'EMEA' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01' GROUP BY 1",
            "chinook | how many tracks last more than 5 minutes | SELECT count(*) FROM track WHERE milliseconds > 300000",
            "chinook | how many tracks are longer than 300000 milliseconds | SELECT count(*) FROM track WHERE milliseconds > 300000",
            "chinook | tracks shorter than 2 minutes by genre | SELECT g.name, count(*) FROM track t JOIN genre g USING (genre_id) WHERE t.milliseconds < 120000 GROUP BY g.name",
            "chinook | which media type sold the most tracks in 2025 | SELECT m.name, sum(l.quantity) FROM invoice_line l JOIN invoice i USING (invoice_id) JOIN track t USING (track_id) JOIN media_type m USING (media_type_id) WHERE i.invoice_date >= '2025-01-01' AND i.invoice_date < '2026-01-01' GROUP BY m.name ORDER BY 2 DESC LIMIT 1",
            "chinook | number of tracks sold during 2024 | SELECT sum(l.quantity) FROM invoice_line l JOIN invoice i USING (invoice_id) WHERE i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01'",
            "chinook | top 5 genres by tracks sold | SELECT g.name, sum(l.quantity) FROM invoice_line l JOIN track t USING (track_id) JOIN genre g USING (genre_id) GROUP BY g.name ORDER BY 2 DESC LIMIT 5",
            "chinook | how many invoices were over 10 dollars | SELECT count(*) FROM invoice WHERE total > 10",
            "chinook | number of invoices above $15 in 2025 | SELECT count(*) FROM invoice WHERE total > 15 AND invoice_date >= '2025-01-01' AND invoice_date < '2026-01-01'",
            "chinook | invoices in each of the last 6 months | SELECT date_trunc('month', invoice_date)::date, count(*) FROM invoice WHERE invoice_date >= '2025-07-01' AND invoice_date < '2026-01-01' GROUP BY 1",
            "demo    | revenue this month vs last | SELECT date_trunc('month', issued_at)::date, sum(amount) FROM invoices WHERE status = 'paid' AND issued_at >= '2026-05-01' AND issued_at < '2026-07-01' GROUP BY 1",
            "demo    | churned customers last month compared with the one before | SELECT date_trunc('month', churned_at)::date, count(*) FROM customers WHERE churned_at >= '2026-04-01' AND churned_at < '2026-06-01' GROUP BY 1",
            "chinook | break down 2025 revenue by quarter | SELECT date_trunc('quarter', invoice_date)::date, sum(total) FROM invoice WHERE invoice_date >= '2025-01-01' AND invoice_date < '2026-01-01' GROUP BY 1",
            "chinook | the 10 most recent invoices | SELECT invoice_id, invoice_date::date FROM invoice ORDER BY invoice_date DESC, invoice_id LIMIT 10",
            "demo    | show our oldest 3 enterprise accounts | SELECT customer_name, created_at::date FROM customers WHERE segment = 'enterprise' ORDER BY created_at, customer_name LIMIT 3",
            "chinook | revenue by genre in 2025 | SELECT g.name, sum(l.unit_price * l.quantity) FROM invoice_line l JOIN invoice i USING (invoice_id) JOIN track t USING (track_id) JOIN genre g USING (genre_id) WHERE i.invoice_date >= '2025-01-01' AND i.invoice_date < '2026-01-01' GROUP BY g.name",
            "chinook | revenue excluding the Rock genre in 2024 | SELECT sum(l.unit_price * l.quantity) FROM invoice_line l JOIN invoice i USING (invoice_id) JOIN track t USING (track_id) JOIN genre g USING (genre_id) WHERE g.name <> 'Rock' AND i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01'",
            "chinook | revenue by billing country | SELECT billing_country, sum(total) FROM invoice GROUP BY billing_country",
            "chinook | invoice count per billing country in 2024, only countries with at least 8 invoices | SELECT billing_country, count(*) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2025-01-01' GROUP BY 1 HAVING count(*) >= 8",
            "chinook | revenue in 2025 for customers outside Canada and the USA | SELECT sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.country NOT IN ('USA', 'Canada') AND i.invoice_date >= '2025-01-01' AND i.invoice_date < '2026-01-01'",
            "demo    | revenue from enterprise customers last quarter | SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND c.segment = 'enterprise' AND i.issued_at >= '2026-01-01' AND i.issued_at < '2026-04-01'",
            "demo    | total revnue last quater | SELECT sum(amount) FROM invoices WHERE status = 'paid' AND issued_at >= '2026-01-01' AND issued_at < '2026-04-01'",
            "demo    | Speaking as our CFO, please show the total amount of failed invoices for last quarter per segment | SELECT c.segment, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'failed' AND i.issued_at >= '2026-01-01' AND i.issued_at < '2026-04-01' GROUP BY 1",
            "demo    | NPS per segment since the beginning of the current year | SELECT c.segment, 100.0 * (count(*) FILTER (WHERE n.score >= 9) - count(*) FILTER (WHERE n.score <= 6)) / count(*) FROM nps_responses n JOIN customers c USING (customer_id) WHERE n.responded_at >= '2026-01-01' AND n.responded_at < '2026-06-16' GROUP BY 1",
            "demo    | show MRR as of the close of every quarter during 2025 | SELECT date_trunc('quarter', month)::date, sum(mrr) FROM mrr_snapshots WHERE month IN ('2025-03-01', '2025-06-01', '2025-09-01', '2025-12-01') GROUP BY 1",
            "chinook | top 3 artists by all-time revenue | SELECT ar.name, sum(l.unit_price * l.quantity) FROM invoice_line l JOIN track t USING (track_id) JOIN album a USING (album_id) JOIN artist ar USING (artist_id) GROUP BY ar.name ORDER BY 2 DESC LIMIT 3",
            "chinook | which billing countries generated over $100 in total | SELECT billing_country, sum(total) FROM invoice GROUP BY 1 HAVING sum(total) > 100",
            "chinook | countries that generated over 50 dollars of revenue in 2025 | SELECT c.country, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE i.invoice_date >= '2025-01-01' AND i.invoice_date < '2026-01-01' GROUP BY 1 HAVING sum(i.total) > 50",
            "demo    | which industries brought in more than $2,000,000 last year | SELECT c.industry, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01' GROUP BY 1 HAVING sum(i.amount) > 2000000",
            "demo    | how many tickets took more than 2 days to resolve | SELECT count(*) FROM support_tickets WHERE resolved_at IS NOT NULL AND resolved_at - created_at > interval '48 hours'",
    })
    void answersLikeTheSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void theConvertedNumberIsSaid() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "how many tracks run longer than 6 minutes");
        MetricQuery.Filter f = p.query().filters().get(0);
        assertEquals("track.milliseconds", f.dimension());
        assertEquals(360000, f.value().asLong());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("6 minutes") && a.contains("360000")), p.assumptions().toString());
    }

    @Test
    void aConversionWindowInAMetricsNameIsNoDurationFilter() {
        PlannerOutcome o = t.demoPlanner().plan("What percentage of signups paid within 30 days, per segment?", Conversation.empty("durations"));
        assertTrue(assertInstanceOf(PlannerOutcome.Planned.class, o).query().filters().isEmpty(), o.toString());
    }
}
