package io.clarion.agent.offline;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "each <value>": a value that describes rows of a table (a job title) named after "each", "per"
 * or "by" with no noun after it asks for those rows one by one, filtered to the value; with a
 * noun after it ("each enterprise account") that noun is the group, as before. Checked with SQL
 * on Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class EachValueGroupTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_each_value");
    }

    @Test
    void salesOfEachPersonWithATitle() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "How much revenue did every support agent bring in during 2025?").query();
        assertTrue(q.filters().stream().anyMatch(f -> f.dimension().equals("employee.title")), q.toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT e.first_name || ' ' || e.last_name, sum(i.total) FROM invoice i"
                + " JOIN customer c ON c.customer_id = i.customer_id JOIN employee e ON e.employee_id = c.support_rep_id"
                + " WHERE e.title = 'Sales Support Agent' AND i.invoice_date >= DATE '2025-01-01' AND i.invoice_date < DATE '2026-01-01' GROUP BY e.employee_id, 1");
        assertTrue(gold.size() > 1, gold.toString());
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.chinookQueries(), q), false).isEmpty(), q + ": " + TwoCatalogReaders.rows(t.chinookQueries(), q) + " vs " + gold);
    }

    @Test
    void countOfEachPersonWithATitle() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "customers per sales support agent").query();
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT e.first_name || ' ' || e.last_name, count(*) FROM customer c"
                + " JOIN employee e ON e.employee_id = c.support_rep_id WHERE e.title = 'Sales Support Agent' GROUP BY e.employee_id, 1");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.chinookQueries(), q), false).isEmpty(), q + ": " + TwoCatalogReaders.rows(t.chinookQueries(), q) + " vs " + gold);
    }

    @Test
    void aNounAfterTheValueIsStillTheGroup() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "revenue for each enterprise account in 2025").query();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.customer_name, sum(i.amount) FROM invoices i JOIN customers c"
                + " USING (customer_id) WHERE i.status = 'paid' AND c.segment = 'enterprise' AND i.issued_at >= DATE '2025-01-01'"
                + " AND i.issued_at < DATE '2026-01-01' GROUP BY 1");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), false).isEmpty(), q.toString());
        MetricQuery c = TwoCatalogReaders.planned(t.chinookPlanner(), "revenue of every rock artist").query();
        assertTrue(c.dimensions().contains("artist.name"), c.toString());
        assertTrue(c.filters().stream().anyMatch(f -> f.dimension().equals("genre.name") && "Rock".equals(f.value().asText())), c.toString());
    }
}
