package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "hired first", "signed up most recently", "the most recently hired": rows ordered by the date
 * the verb names, one row when one is named; "the best customer" is the one with the most of the
 * declared revenue; "monthly" before a metric whose name does not hold it asks for a series;
 * rows described by "whose" are listed; a single capitalised word the catalog's words do not
 * know ("Metallica") is looked up as a name. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class VerbOrderAndSingleBestTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_verb_order");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "chinook | which employee was hired first | SELECT employee_id, hire_date::date FROM employee ORDER BY hire_date LIMIT 1",
            "chinook | who is the most recently hired employee | SELECT employee_id, hire_date::date FROM employee ORDER BY hire_date DESC LIMIT 1",
            "demo    | which account churned most recently | SELECT customer_id, churned_at::date FROM customers WHERE churned_at IS NOT NULL ORDER BY churned_at DESC, customer_name LIMIT 1",
            "chinook | who was the best customer in France in 2024 | SELECT i.customer_id, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE c.country = 'France' AND i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01' GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            "chinook | how many albums does Metallica have | SELECT count(*) FROM album a JOIN artist r USING (artist_id) WHERE r.name = 'Metallica'",
            "chinook | number of tracks by Queen | SELECT count(*) FROM track t JOIN album a USING (album_id) JOIN artist r USING (artist_id) WHERE r.name = 'Queen'",
            "demo    | monthly MRR over the last 4 months | SELECT month, sum(mrr) FROM mrr_snapshots WHERE month >= '2026-03-01' AND month < '2026-07-01' GROUP BY month",
            "demo    | customers whose renewal falls in the next 2 weeks | SELECT customer_id, contract_end_date FROM customers WHERE contract_end_date > '2026-06-15' AND contract_end_date <= '2026-06-29'",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void aGrainWordThatIsPartOfTheMetricsNameAsksForNoSeries() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "monthly recurring revenue by plan");
        assertEquals(List.of("mrr.plan"), p.query().dimensions().stream().filter(d -> !d.startsWith("customers.")).toList(), p.toString());
    }
}
