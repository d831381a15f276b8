package io.clarion.agent.offline;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.query.MetricQuery;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After "show me", "give me", "list", a figure named before the rows ("the number of clients in
 * Germany", "revenue from EMEA accounts") is that one figure over them, not a list of the rows;
 * the rows named first ("show me the clients in Canada") or ranked ("show revenue of the top 3
 * clients") are still listed. Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class FigureBeforeRowsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_figure_before_rows");
    }

    @Test
    void chinookCountOfRowsAskedWithAShowingVerb() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.chinookPlanner(), "give me the count of customers located in Brazil").query();
        assertEquals(List.of(), q.dimensions(), q.toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT count(*) FROM customer WHERE country = 'Brazil'");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.chinookQueries(), q), false).isEmpty(), q.toString());
    }

    @Test
    void demoMetricOverTheRowsNamedIsOneFigure() throws Exception {
        MetricQuery q = TwoCatalogReaders.planned(t.demoPlanner(), "show me the average seats for accounts in APAC").query();
        assertEquals(List.of(), q.dimensions(), q.toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT avg(seats_purchased) FROM customers WHERE region = 'APAC'");
        assertTrue(ResultComparison.mismatch(gold, TwoCatalogReaders.rows(t.demoQueries(), q), false).isEmpty(), q + ": " + TwoCatalogReaders.rows(t.demoQueries(), q) + " vs " + gold);
        MetricQuery n = TwoCatalogReaders.planned(t.demoPlanner(), "list the total number of churned clients").query();
        assertEquals(List.of(), n.dimensions(), n.toString());
        List<List<Object>> ng = Datasets.rows(TestDatabase.demo(), "SELECT count(*) FROM customers WHERE churned_at IS NOT NULL");
        assertTrue(ResultComparison.mismatch(ng, TwoCatalogReaders.rows(t.demoQueries(), n), false).isEmpty(), n.toString());
    }

    @Test
    void rowsNamedFirstOrRankedAreStillListed() throws Exception {
        MetricQuery c = TwoCatalogReaders.planned(t.chinookPlanner(), "show me the customers in Canada").query();
        List<List<Object>> cg = Datasets.rows(t.chinook(), "SELECT customer_id FROM customer WHERE country = 'Canada'");
        assertTrue(ResultComparison.mismatch(cg, TwoCatalogReaders.rows(t.chinookQueries(), c), false).isEmpty(), c.toString());
        MetricQuery d = TwoCatalogReaders.planned(t.demoPlanner(), "show revenue of the top 3 clients in 2025").query();
        assertEquals(3, d.limit(), d.toString());
        assertTrue(d.dimensions().contains("customers.customer_name"), d.toString());
    }
}
