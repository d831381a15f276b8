package io.clarion.agent.offline;

import io.clarion.agent.linking.Spelling;
import io.clarion.query.MetricQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Words a reading used to drop or misplace: a catalog word misspelt, a grain said twice or inside a
 * metric's synonym, an open period ("from March up to now"), ranking words beyond "most" and
 * "least", exclusions said as "not counting" or "aside", a numbered key ("support rep 4"), "across
 * every line" as the scope of one figure, a cube's word before its own column, a country by
 * another of its names, "top 3" said last, "the 4 longest" and "with a composer". Each answer is checked against SQL on the demo
 * (today 15 June 2026) and Chinook (today 31 December 2025).
 */
class SpellingGrainsAndNamedRowsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_spelling_grains");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // Misspelt catalog words.
            "demo    | signups in 2025 by acquistion chanel     | SELECT acquisition_channel, count(*) FROM customers WHERE created_at >= '2025-01-01' AND created_at < '2026-01-01' GROUP BY 1",
            "demo    | paid revenue in 2025 per regoin           | SELECT c.region, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01' GROUP BY 1",
            "chinook | count of trakcs per gnere                 | SELECT g.name, count(*) FROM track t JOIN genre g USING (genre_id) GROUP BY 1",
            // A grain said twice, or inside the metric's synonym.
            "demo    | logins per month for 2025, a figure per month | SELECT date_trunc('month', event_time)::date, count(*) FROM product_events WHERE event_type = 'login' AND event_time >= '2025-01-01' AND event_time < '2026-01-01' GROUP BY 1",
            "demo    | MRR by month during 2025                  | SELECT month, sum(mrr) FROM mrr_snapshots WHERE month >= '2025-01-01' AND month < '2026-01-01' GROUP BY 1",
            "demo    | paid revenue by quarter and segment in 2025 | SELECT date_trunc('quarter', i.issued_at)::date, c.segment, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01' GROUP BY 1, 2",
            "demo    | which plans brought in over 150 customers in 2025 | SELECT plan, count(*) FROM customers WHERE created_at >= '2025-01-01' AND created_at < '2026-01-01' GROUP BY 1 HAVING count(*) > 150",
            "demo    | paid revenue month by month during 2025      | SELECT date_trunc('month', issued_at)::date, sum(amount) FROM invoices WHERE status = 'paid' AND issued_at >= '2025-01-01' AND issued_at < '2026-01-01' GROUP BY 1",
            // "make" said of money; "by" after a passive verb names who, not a row per group.
            "chinook | what did we make in November 2025            | SELECT sum(total) FROM invoice WHERE invoice_date >= '2025-11-01' AND invoice_date < '2025-12-01'",
            "chinook | which customer ids in Brazil are served by support rep 5 | SELECT customer_id FROM customer WHERE country = 'Brazil' AND support_rep_id = 5",
            // Open periods.
            "demo    | churned customers from February 2026 up to now | SELECT count(*) FROM customers WHERE churned_at >= '2026-02-01' AND churned_at < '2026-06-16'",
            "demo    | signups since q4 2025 by month            | SELECT date_trunc('month', created_at)::date, count(*) FROM customers WHERE created_at >= '2025-10-01' AND created_at < '2026-06-16' GROUP BY 1",
            // Exclusions.
            "demo    | active customers by segment, not counting smb | SELECT segment, count(*) FROM customers WHERE churned_at IS NULL AND segment <> 'smb' GROUP BY 1",
            "demo    | put the starter plan aside: active customers per plan | SELECT plan, count(*) FROM customers WHERE churned_at IS NULL AND plan <> 'starter' GROUP BY 1",
            // A numbered key.
            "chinook | what did the customers of support rep 4 spend in 2024 | SELECT sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.support_rep_id = 4 AND i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01'",
            "chinook | how many customers does support rep 5 look after | SELECT count(*) FROM customer WHERE support_rep_id = 5",
            // The scope of one figure, not a row per line.
            "chinook | the average quantity across every invoice line | SELECT avg(quantity) FROM invoice_line",
            // A cube's word before its own column.
            "chinook | invoice totals per customer country in 2023 | SELECT c.country, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE i.invoice_date >= '2023-01-01' AND i.invoice_date < '2024-01-01' GROUP BY 1",
            // A count asked of the words that name a cube's rows by its name column.
            "demo    | how many account owners do we have per team | SELECT team, count(*) FROM owners GROUP BY 1",
            "chinook | what is the number of artists                | SELECT count(*) FROM artist",
            // A superlative that names a column by its extreme.
            "chinook | the 4 longest tracks                         | SELECT track_id, milliseconds FROM track ORDER BY milliseconds DESC LIMIT 4",
            // A column said to be there.
            "chinook | how many tracks have a composer              | SELECT count(*) FROM track WHERE composer IS NOT NULL",
            // A threshold on the rows' own column: the rows filtered, counted when a count is asked.
            "demo    | how many customers have over 450 seats       | SELECT count(*) FROM customers WHERE seats_purchased > 450",
            "demo    | enterprise customers with more than 450 seats | SELECT customer_id FROM customers WHERE segment = 'enterprise' AND seats_purchased > 450",
            // A state said of the rows ("still open") is not the event a synonym names ("tickets opened").
            "demo    | count the tickets which are still open      | SELECT count(*) FROM support_tickets WHERE resolved_at IS NULL",
            // A country by another of its names.
            "chinook | how many customers live in the United States | SELECT count(*) FROM customer WHERE country = 'USA'",
            "chinook | revenue by billing country other than the United States | SELECT billing_country, sum(total) FROM invoice WHERE billing_country <> 'USA' GROUP BY 1",
    })
    void readsLikeSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | albums in each genre, top 3 | genre.name | 3 | desc",
            "chinook | revenue by billing country, bottom 4 only | invoice.billing_country | 4 | asc",
            "demo    | which industry had the strongest revenue in 2025 | customers.industry | 1 | desc",
            "demo    | the plan with the weakest signups last year | customers.plan | 1 | asc",
    })
    void aRankingRanksTheGroupAsked(String catalog, String question, String group, int limit, String direction) {
        MetricQuery q = TwoCatalogReaders.planned(catalog.equals("demo") ? t.demoPlanner() : t.chinookPlanner(), question).query();
        assertTrue(q.dimensions().contains(group), q.toString());
        assertEquals(limit, q.limit(), q.toString());
        assertEquals(direction, q.orderBy().get(0).direction(), q.toString());
    }

    @Test
    void aMetricNamedTheOtherWayRoundIsThatMetricNotAValue() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "the growth of MRR quarter over quarter in 2025");
        assertEquals(List.of("mrr_growth_rate"), p.query().metrics(), p.query().toString());
        assertTrue(p.query().dimensions().contains("metric_time.quarter"), p.query().toString());
        assertTrue(p.query().filters().stream().noneMatch(f -> "customers.plan".equals(f.dimension())), p.query().toString());
    }

    @Test
    void aCountOfRowsWhoseOwnScorePassesFiltersEachRow() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "how many accounts have a health score lower than 45");
        assertEquals(List.of("customers.total_count"), p.query().metrics(), p.query().toString());
        assertTrue(p.query().filters().stream().anyMatch(f -> "customer_health.health_score".equals(f.dimension()) && "lt".equals(f.operator())
                && f.value().asInt() == 45), p.query().toString());
        assertEquals(1, TwoCatalogReaders.rows(t.demoQueries(), p.query()).size());
    }

    @Test
    void perTheRowsAnAverageIsOverIsNoGrouping() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "mean customer lifetime value, per customer, split by region");
        assertEquals(List.of("customers.region"), p.query().dimensions(), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("averages over")), p.assumptions().toString());
    }

    @Test
    void aThingAskedForThatTheCatalogDoesNotHoldIsRefusedNotAnsweredWithOtherRows() {
        var o = t.demoPlanner().plan("which vendors supply our enterprise accounts", io.clarion.agent.Conversation.empty("head"));
        assertTrue(o instanceof io.clarion.agent.PlannerOutcome.Refused r && r.reason().contains("vendors"), o.toString());
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "what kind of plan has the most active customers");
        assertTrue(p.query().dimensions().contains("customers.plan"), p.query().toString());
    }

    @Test
    void afterACommaByGroupsAgainEvenAfterAPassiveVerb() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "count support tickets which were escalated, by priority");
        assertTrue(p.query().dimensions().contains("support_tickets.priority"), p.query().toString());
    }

    @Test
    void aComparisonNoFilterTookIsSaidNeverDropped() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "which plans signed over 150 customers in 2025");
        boolean filtered = p.query().filters().stream().anyMatch(f -> f.value() != null && f.value().isNumber() && f.value().asInt() == 150);
        assertTrue(filtered || p.assumptions().stream().anyMatch(a -> a.contains("\"over 150\"")), p.query() + " " + p.assumptions());
    }

    @Test
    void aGrainAdjectiveInsideAMetricsNameAsksForNoSeries() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "monthly churn rate per region last month");
        assertEquals(List.of("customers.region"), p.query().dimensions(), p.query().toString());
    }

    @Test
    void aGrainWordOutOfTheMetricsReachIsTheirOwnTimeAndNoNoteSaysOtherwise() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "tickets opened each month this year, one row per month");
        assertTrue(p.query().dimensions().contains("metric_time.month"), p.query().toString());
        assertTrue(p.assumptions().stream().noneMatch(a -> a.contains("marketing.month")), p.assumptions().toString());
    }

    @Test
    void aMisspellingIsSaidAndOnlyUnknownLowerCaseWordsNearOneCatalogWordAreCorrected() {
        var p = TwoCatalogReaders.planned(t.chinookPlanner(), "revenue per gnere");
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("\"gnere\" as \"genre\"")), p.assumptions().toString());
        var lexicon = t.chinookQueries();
        List<String> notes = new ArrayList<>();
        var tokens = io.clarion.agent.language.Text.tokens("invoices from Gnere and totally rock");
        var fixed = Spelling.correct(tokens, "invoices from Gnere and totally rock",
                io.clarion.agent.linking.Lexicon.of(lexicon.catalog(), java.util.Map.of(), m -> true), notes);
        // A capitalised word is a name, an English word is meant, a catalog word's plural is spelt right.
        assertEquals(tokens, fixed, notes.toString());
        assertTrue(notes.isEmpty(), notes.toString());
    }
}
