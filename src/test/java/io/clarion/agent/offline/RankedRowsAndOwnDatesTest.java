package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows ranked or grouped by a metric keep the rows named and the metric's own date: "which
 * employee sold the most in 2024" is dated by the sales, not by when the employee was hired; the
 * top rows of a table known only by its key are still listed when ranked "by" a metric; and a
 * grouping by a table's key also shows what each row is called. Checked with SQL on Chinook
 * (today 31 December 2025) and the demo (today 15 June 2026).
 */
class RankedRowsAndOwnDatesTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_ranked_rows");
    }

    @Test
    void aPeriodOnSalesRankedByPersonIsTheSalesDate() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "Which employee generated the highest revenue in 2024?").query();
        assertTrue(q.filters().stream().noneMatch(f -> f.dimension().startsWith("employee.hire")), q.toString());
        assertEquals(1, q.limit(), q.toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT e.first_name || ' ' || e.last_name, sum(i.total) FROM invoice i"
                + " JOIN customer c ON c.customer_id = i.customer_id JOIN employee e ON e.employee_id = c.support_rep_id"
                + " WHERE i.invoice_date >= DATE '2024-01-01' AND i.invoice_date < DATE '2025-01-01' GROUP BY 1 ORDER BY 2 DESC LIMIT 1");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.chinookQueries(), q), false).isEmpty(), TwoCatalogReaders.rows(t.chinookQueries(), q) + " vs " + gold);
    }

    @Test
    void peopleListedByTheirOwnDateStillUseIt() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "Which employees joined in 2003?").query();
        assertTrue(q.filters().stream().anyMatch(f -> f.dimension().equals("employee.hire_date")), q.toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT first_name || ' ' || last_name FROM employee"
                + " WHERE hire_date >= DATE '2003-01-01' AND hire_date < DATE '2004-01-01'");
        assertFalse(gold.isEmpty());
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.chinookQueries(), q), false).isEmpty(), TwoCatalogReaders.rows(t.chinookQueries(), q) + " vs " + gold);
    }

    @Test
    void demoTicketsRankedByAccountAreDatedByTheTickets() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "Which four accounts logged the most tickets during 2025?").query();
        assertEquals(4, q.limit(), q.toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.customer_name, count(*) FROM support_tickets t"
                + " JOIN customers c USING (customer_id) WHERE t.created_at >= DATE '2025-01-01' AND t.created_at < DATE '2026-01-01'"
                + " GROUP BY c.customer_id, c.customer_name ORDER BY 2 DESC LIMIT 4");
        List<List<Object>> answer = TwoCatalogReaders.rows(t.demoQueries(), q);
        // Ties at the cut may list other accounts: the counts must be the same.
        assertEquals(gold.stream().map(r -> ((Number) r.get(1)).longValue()).toList(),
                answer.stream().map(r -> ((Number) r.get(r.size() - 1)).longValue()).toList(), answer + " vs " + gold);
    }

    @Test
    void rowsKnownByTheirKeyAreListedWhenRankedByAMetric() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "top 4 customers by revenue").query();
        assertEquals(List.of("customer.customer_id"), q.dimensions(), q.toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT customer_id, sum(total) FROM invoice GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 4");
        List<List<Object>> answer = TwoCatalogReaders.rows(t.chinookQueries(), q);
        assertEquals(4, answer.size(), answer.toString());
        assertEquals(gold.stream().map(r -> r.get(1).toString()).toList(), answer.stream().map(r -> r.get(1).toString()).toList());
    }

    @Test
    void demoTopAccountsByAMetricAreListed() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "top 3 clients by revenue in 2025").query();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.customer_name, sum(i.amount) FROM invoices i"
                + " JOIN customers c USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= DATE '2025-01-01'"
                + " AND i.issued_at < DATE '2026-01-01' GROUP BY c.customer_id, c.customer_name ORDER BY 2 DESC LIMIT 3");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), true).isEmpty(), TwoCatalogReaders.rows(t.demoQueries(), q) + " vs " + gold);
    }

    @Test
    void aGroupingByATablesKeyAlsoNamesEachRow() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "sales per employee in 2025").query();
        assertTrue(q.dimensions().contains("employee.full_name"), q.toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT e.first_name || ' ' || e.last_name, e.employee_id, sum(i.total) FROM invoice i"
                + " JOIN customer c ON c.customer_id = i.customer_id JOIN employee e ON e.employee_id = c.support_rep_id"
                + " WHERE i.invoice_date >= DATE '2025-01-01' AND i.invoice_date < DATE '2026-01-01' GROUP BY 1, 2");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.chinookQueries(), q), false).isEmpty(), TwoCatalogReaders.rows(t.chinookQueries(), q) + " vs " + gold);
    }

    @Test
    void demoGroupingByAccountNamesThem() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "revenue by account in the enterprise segment").query();
        assertTrue(q.dimensions().contains("customers.customer_name"), q.toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.customer_name, sum(i.amount) FROM invoices i JOIN customers c"
                + " USING (customer_id) WHERE i.status = 'paid' AND c.segment = 'enterprise' GROUP BY 1");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), false).isEmpty(), q.toString());
    }

    @Test
    void tiesAtTheCutAreBrokenByTheGroupOnChinook() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "the 5 customers with the most invoices").query();
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT customer_id, count(*) FROM invoice GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.chinookQueries(), q), true).isEmpty(), TwoCatalogReaders.rows(t.chinookQueries(), q) + " vs " + gold);
    }

    @Test
    void tiesAtTheCutAreBrokenByTheGroupOnTheDemo() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "which six industries signed up the most new customers in 2025").query();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT industry, count(*) FROM customers WHERE industry IS NOT NULL"
                + " AND created_at >= DATE '2025-01-01' AND created_at < DATE '2026-01-01' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 6");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), true).isEmpty(), TwoCatalogReaders.rows(t.demoQueries(), q) + " vs " + gold);
    }

    @Test
    void aVerbAfterTheRowsListedIsWhatTheyDidNotAFilter() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "Which three clients opened the most support tickets in 2025?").query();
        assertEquals(List.of(), q.segments(), q.toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.customer_name, count(*) FROM support_tickets t"
                + " JOIN customers c USING (customer_id) WHERE t.created_at >= DATE '2025-01-01' AND t.created_at < DATE '2026-01-01'"
                + " GROUP BY c.customer_id, c.customer_name ORDER BY 2 DESC, 1 LIMIT 3");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), true).isEmpty(), TwoCatalogReaders.rows(t.demoQueries(), q) + " vs " + gold);
    }

    @Test
    void aCountOpeningTheQuestionIsHowManyRowsAreRanked() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "the 2 regions with the lowest revenue last year").query();
        assertEquals(2, q.limit(), q.toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.region, sum(i.amount) FROM invoices i JOIN customers c"
                + " USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= DATE '2025-01-01' AND i.issued_at < DATE '2026-01-01'"
                + " AND c.region IS NOT NULL GROUP BY 1 ORDER BY 2 LIMIT 2");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), true).isEmpty(), TwoCatalogReaders.rows(t.demoQueries(), q) + " vs " + gold);
        MetricQuery c = TwoCatalogReaders.planned(t.chinookPlanner(), "3 genres with the most tracks").query();
        assertEquals(3, c.limit(), c.toString());
        List<List<Object>> cg = Datasets.rows(t.chinook(), "SELECT g.name, count(*) FROM track t JOIN genre g USING (genre_id) GROUP BY g.genre_id, g.name ORDER BY 2 DESC LIMIT 3");
        assertTrue(ResultComparison.mismatch(cg, TwoCatalogReaders.rows(t.chinookQueries(), c), true).isEmpty(), TwoCatalogReaders.rows(t.chinookQueries(), c) + " vs " + cg);
    }

    @Test
    void topRowsWithNoMeasureAreRankedByTheDeclaredRevenue() throws Exception {
        PlannerOutcome.Planned c = TwoCatalogReaders.planned(t.chinookPlanner(), "top 3 artists of 2024");
        assertTrue(c.assumptions().stream().anyMatch(a -> a.contains("revenue")), c.assumptions().toString());
        // Invoice totals cannot be split by artist: the lines' own revenue ranks them.
        assertEquals(List.of("invoice_line.revenue"), c.query().metrics(), c.query().toString());
        PlannerOutcome.Planned d = TwoCatalogReaders.planned(t.demoPlanner(), "our top 4 clients last year");
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.customer_name, sum(i.amount) FROM invoices i JOIN customers c"
                + " USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= DATE '2025-01-01' AND i.issued_at < DATE '2026-01-01'"
                + " GROUP BY c.customer_id, c.customer_name ORDER BY 2 DESC LIMIT 4");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), d.query()), true).isEmpty(), d.query().toString());
        // "the first 5 clients" is an order of listing, not a ranking by worth.
        MetricQuery f = TwoCatalogReaders.planned(t.chinookPlanner(), "show the first 5 customers").query();
        assertEquals(List.of(), f.metrics(), f.toString());
    }

    @Test
    void aYearNoPeriodReadIsSaidNotDropped() {
        PlannerOutcome.Planned d = TwoCatalogReaders.planned(t.demoPlanner(), "revenue in 2025 from accounts that signed up in 2024");
        assertTrue(d.assumptions().stream().anyMatch(a -> a.contains("2024")), d.assumptions().toString());
        PlannerOutcome.Planned c = TwoCatalogReaders.planned(t.chinookPlanner(), "sales in 2025 of albums released in 2019");
        assertTrue(c.assumptions().stream().anyMatch(a -> a.contains("2019")), c.assumptions().toString());
    }
}
