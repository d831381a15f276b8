package io.clarion.agent.offline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A quarter named without a year is the latest such quarter begun; words naming both a
 * current-state number and a dated one read the dated one when a period is asked ("total revenue
 * in March"); values may stand between a threshold's number and its noun ("more than 3 urgent
 * tickets"); "sold" with no thing sold beside it, and "bring in" when an amount is asked, name
 * the catalog's revenue. Demo today 15 June 2026; Chinook today 31 December 2025.
 */
class QuartersDatedChoicesAndSellersTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_quarters_sellers");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "demo    | which region had the fewest new customers in Q1 | SELECT region, count(*) FROM customers WHERE created_at >= '2026-01-01' AND created_at < '2026-04-01' GROUP BY 1 ORDER BY 2 LIMIT 1",
            "demo    | q3 revenue by plan | SELECT c.plan, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= '2025-07-01' AND i.issued_at < '2025-10-01' GROUP BY 1",
            "demo    | total revenue from starter plan customers in March | SELECT sum(i.amount) FROM invoices i JOIN customers c USING (customer_id) WHERE c.plan = 'starter' AND i.status = 'paid' AND i.issued_at >= '2026-03-01' AND i.issued_at < '2026-04-01'",
            "demo    | customers with more than 3 urgent tickets | SELECT s.customer_id, count(*) FROM support_tickets s WHERE s.priority = 'urgent' GROUP BY 1 HAVING count(*) > 3",
            "chinook | which employee sold the most in 2024 | SELECT c.support_rep_id, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01' GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            "chinook | how much did each employee bring in last year | SELECT c.support_rep_id, sum(i.total) FROM invoice i JOIN customer c USING (customer_id) WHERE i.invoice_date >= '2024-01-01' AND i.invoice_date < '2025-01-01' GROUP BY 1",
    })
    void answersLikeHandWrittenSql(String catalog, String question, String sql) throws Exception {
        t.answersLikeSql(catalog, question, sql);
    }

    @Test
    void aCurrentNumberAskedForTodayStaysCurrent() {
        var p = TwoCatalogReaders.planned(t.demoPlanner(), "total revenue by plan");
        assertEquals(List.of("revenue"), p.query().metrics(), p.toString());
        var lifetime = TwoCatalogReaders.planned(t.demoPlanner(), "lifetime revenue by plan");
        assertEquals(List.of("customers.total_revenue"), lifetime.query().metrics(), lifetime.toString());
    }

    @Test
    void unitsSoldStillCountTheThingSold() {
        var p = TwoCatalogReaders.planned(t.chinookPlanner(), "top 5 tracks sold in 2024");
        assertEquals(List.of("invoice_line.quantity_sum"), p.query().metrics(), p.toString());
        assertEquals(List.of("track.name", "track.track_id"), p.query().dimensions(), p.toString());
    }
}
