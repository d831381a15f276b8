package io.clarion.engine;

import com.fasterxml.jackson.databind.node.TextNode;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import io.clarion.warehouse.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group_average analysis: the mean of a metric over the groups of the query ("tickets per
 * customer on average" where the catalog declares no such ratio), one row, each group once,
 * checked against hand-written SQL on the demo data, with an owner's row filter, and refused
 * where it means nothing.
 */
class GroupAverageTest {
    static MetricQuery averaged(List<String> metrics, List<String> dims, List<MetricQuery.Filter> filters) {
        return new MetricQuery(metrics, dims, filters, null, null, null, null, null,
                List.of(new MetricQuery.Analysis("group_average", null, null, null, null, null)), null, null);
    }

    static double one(QueryResult r) {
        assertEquals(1, r.rows().size(), r.toString());
        assertEquals(1, r.columns().size(), r.columns().toString());
        return ((Number) r.rows().get(0).get(0)).doubleValue();
    }

    static double hand(String sql) throws Exception {
        return ((Number) Datasets.rows(TestDatabase.demo(), sql).get(0).get(0)).doubleValue();
    }

    @Test
    void ticketsPerCustomerThatHasAny() throws Exception {
        QueryResult r = DemoEngine.queries().run(averaged(List.of("support_tickets.ticket_count"), List.of("customers.customer_id"), List.of()),
                QueryService.Options.DEFAULT).result();
        assertEquals(hand("SELECT avg(n) FROM (SELECT customer_id, count(*) AS n FROM support_tickets GROUP BY 1) g"), one(r), 1e-9);
        assertEquals("support_tickets.ticket_count_average_per_customer", r.columns().get(0).name());
        assertEquals("number", r.columns().get(0).format(), "a mean of counts is not an integer");
    }

    @Test
    void revenuePerCustomerInAPeriodKeepsTheMoneyFormat() throws Exception {
        QueryResult r = DemoEngine.queries().run(averaged(List.of("revenue"), List.of("customers.customer_id"),
                List.of(new MetricQuery.Filter("metric_time", null, "in_date_range", TextNode.valueOf("2025"), null))), QueryService.Options.DEFAULT).result();
        assertEquals(hand("SELECT avg(s) FROM (SELECT customer_id, sum(amount) AS s FROM invoices WHERE status = 'paid'"
                + " AND issued_at >= '2025-01-01' AND issued_at < '2026-01-01' GROUP BY 1) g"), one(r), 0.01);
        assertEquals("currency", r.columns().get(0).format());
    }

    @Test
    void anOwnerAveragesOnlyTheirOwnGroups() throws Exception {
        QueryService q = DemoEngine.queries();
        Access owner = q.access(new Principal("own_001", List.of("owner"), Map.of("owner_id", "own_001")));
        MetricQuery m = averaged(List.of("support_tickets.ticket_count"), List.of("customers.customer_id"), List.of());
        double mine = one(q.run(m, new QueryService.Options(false, 0, owner)).result());
        assertEquals(hand("SELECT avg(n) FROM (SELECT s.customer_id, count(*) AS n FROM support_tickets s JOIN customers c USING (customer_id)"
                + " WHERE c.owner_id = 'own_001' GROUP BY 1) g"), mine, 1e-9);
    }

    @Test
    void averagingGroupsNeedsGroupsAndStandsAlone() {
        QueryException none = assertThrows(QueryException.class, () -> DemoEngine.queries().compile(
                averaged(List.of("revenue"), List.of(), List.of()), QueryService.Options.DEFAULT));
        assertTrue(none.getMessage().contains("group_average averages the metric over the groups"), none.getMessage());
        MetricQuery both = new MetricQuery(List.of("revenue"), List.of("customers.region"), List.of(), null, null, null, null, null,
                List.of(new MetricQuery.Analysis("group_average", null, null, null, null, null),
                        new MetricQuery.Analysis("percent_of_total", null, null, null, null, null)), null, null);
        QueryException mixed = assertThrows(QueryException.class, () -> DemoEngine.queries().compile(both, QueryService.Options.DEFAULT));
        assertTrue(mixed.getMessage().contains("cannot be combined"), mixed.getMessage());
    }
}
