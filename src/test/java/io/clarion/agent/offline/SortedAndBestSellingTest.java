package io.clarion.agent.offline;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "rank <groups> by <metric>", "<groups> sorted by <metric>, lowest first": every group, in the
 * metric's order, no cut; "the best selling <group>": the group ranked by the declared revenue.
 * Checked with SQL on Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class SortedAndBestSellingTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_sorted");
    }

    @Test
    void chinookMediaTypesSortedByRevenueSmallestFirst() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "media types sorted by revenue, smallest first").query();
        assertNull(q.limit(), q.toString());
        // An invoice holds lines of several media types: its lines' own revenue is what each media type earned.
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT m.name, sum(il.unit_price * il.quantity) AS r FROM invoice_line il"
                + " JOIN track tr USING (track_id) JOIN media_type m USING (media_type_id) GROUP BY m.name ORDER BY r, 1");
        List<List<Object>> answer = TwoCatalogReaders.rows(t.chinookQueries(), q);
        assertEquals(gold.stream().map(r -> r.get(0)).toList(), answer.stream().map(r -> r.get(0)).toList(), q.toString());
    }

    @Test
    void demoRankAllGroupsByACount() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "rank the acquisition channels by new customers in 2025").query();
        assertNull(q.limit(), q.toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT acquisition_channel, count(*) FROM customers"
                + " WHERE created_at >= DATE '2025-01-01' AND created_at < DATE '2026-01-01' GROUP BY 1 ORDER BY 2 DESC, 1");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), true).isEmpty(), q + ": " + TwoCatalogReaders.rows(t.demoQueries(), q) + " vs " + gold);
    }

    @Test
    void theBestSellingGroupOnBothCatalogs() throws Exception {
        MetricQuery c = TwoCatalogReaders.planned(t.chinookPlanner(), "the best selling artist of 2024").query();
        assertEquals(1, c.limit(), c.toString());
        assertTrue(c.dimensions().contains("artist.name"), c.toString());
        MetricQuery d = TwoCatalogReaders.planned(t.demoPlanner(), "our top selling industry last year").query();
        assertEquals(List.of("revenue"), d.metrics(), d.toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT c.industry, sum(i.amount) FROM invoices i JOIN customers c"
                + " USING (customer_id) WHERE i.status = 'paid' AND i.issued_at >= DATE '2025-01-01' AND i.issued_at < DATE '2026-01-01'"
                + " AND c.industry IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), d), true).isEmpty(), d + ": " + TwoCatalogReaders.rows(t.demoQueries(), d) + " vs " + gold);
    }
}
