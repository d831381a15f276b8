package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "How many X have more than N of something": the number of groups passing a threshold (the
 * count_groups analysis), where "which X have …" lists them. The groups are a table's rows or a
 * column's values. "How many customers bought in 2024": the customers with revenue in the period. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class CountedGroupsReadingTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_counted_groups");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | how many of our customers currently hold over 3 unresolved tickets | SELECT count(*) FROM (SELECT customer_id FROM support_tickets WHERE resolved_at IS NULL GROUP BY customer_id HAVING count(*) > 3) g",
            "chinook | how many countries have over 5 customers | SELECT count(*) FROM (SELECT country FROM customer GROUP BY country HAVING count(*) > 5) g",
            "chinook | how many customers spent over 40 dollars with us | SELECT count(*) FROM (SELECT customer_id FROM invoice GROUP BY customer_id HAVING sum(total) > 40) g",
            "chinook | how many separate customers purchased something in 2024 | SELECT count(DISTINCT customer_id) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2025-01-01'",
            "chinook | how many customers ordered from the store during 2025 | SELECT count(DISTINCT customer_id) FROM invoice WHERE invoice_date >= '2025-01-01' AND invoice_date < '2026-01-01'",
            "demo    | number of accounts that generated more than 400000 of revenue | SELECT count(*) FROM (SELECT customer_id FROM invoices WHERE status = 'paid' GROUP BY customer_id HAVING sum(amount) > 400000) g",
            "demo    | how many accounts generated over 100000 in revenue in 2025 | SELECT count(*) FROM (SELECT customer_id FROM invoices WHERE status = 'paid' AND issued_at >= '2025-01-01' AND issued_at < '2026-01-01' GROUP BY customer_id HAVING sum(amount) > 100000) g",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void askingWhichOnesStillListsThem() {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "which customers hold over 3 unresolved tickets");
        assertEquals(List.of(), p.query().analysis(), p.toString());
    }
}
