package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.eval.ResultComparison;
import io.clarion.engine.QueryService;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A period right after a verb naming a date column ("employees hired in 2003", "accounts created
 * in 2025") is about that date, not the date of the metric counted; said as an assumption.
 * Checked with SQL on Chinook (today 31 December 2025) and the demo (today 15 June 2026).
 */
class VerbDatesTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_verb_dates");
    }

    @Test
    void chinookInvoicesOfCustomersWhoseRepWasHiredInAYear() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.chinookPlanner(), "number of invoices by billing country for customers of employees hired in 2003");
        assertTrue(p.query().filters().stream().anyMatch(f -> "employee.hire_date".equals(f.dimension())), p.query().toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("hired")), p.assumptions().toString());
        List<List<Object>> gold = Datasets.rows(t.chinook(), "SELECT i.billing_country, count(*) FROM invoice i JOIN customer c USING (customer_id)"
                + " JOIN employee e ON e.employee_id = c.support_rep_id WHERE e.hire_date >= DATE '2003-01-01' AND e.hire_date < DATE '2004-01-01' GROUP BY 1");
        List<List<Object>> answer = t.chinookQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), p.query() + ": " + answer + " vs " + gold);
    }

    @Test
    void demoTicketsOfAccountsCreatedInAYear() throws Exception {
        PlannerOutcome.Planned p = TwoCatalogReaders.planned(t.demoPlanner(), "support tickets per priority from accounts created in 2025");
        assertTrue(p.query().filters().stream().anyMatch(f -> "customers.created_date".equals(f.dimension())), p.query().toString());
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT t.priority, count(*) FROM support_tickets t JOIN customers c USING (customer_id)"
                + " WHERE c.created_at >= DATE '2025-01-01' AND c.created_at < DATE '2026-01-01' GROUP BY 1");
        List<List<Object>> answer = t.demoQueries().run(p.query(), QueryService.Options.DEFAULT).result().rows();
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), p.query() + ": " + answer + " vs " + gold);
    }
}
