package io.clarion.engine;

import com.fasterxml.jackson.databind.node.DecimalNode;
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

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The count_groups analysis: how many groups a query returns after its filters, metric filters
 * included ("how many customers have more than 2 open tickets"), one row, checked against
 * hand-written SQL on the demo data, with an owner's row filter, and refused where it means nothing.
 */
class CountGroupsTest {
    static MetricQuery.Filter over(String metric, String op, long n) {
        return new MetricQuery.Filter(null, metric, op, DecimalNode.valueOf(BigDecimal.valueOf(n)), null);
    }

    static MetricQuery counted(List<String> metrics, List<String> dims, List<MetricQuery.Filter> filters) {
        return new MetricQuery(metrics, dims, filters, null, null, null, null, null,
                List.of(new MetricQuery.Analysis("count_groups", null, null, null, null, null)), null, null);
    }

    static long one(QueryResult r) {
        assertEquals(1, r.rows().size(), r.toString());
        assertEquals(1, r.columns().size(), r.columns().toString());
        return ((Number) r.rows().get(0).get(0)).longValue();
    }

    static long hand(String sql) throws Exception {
        return ((Number) Datasets.rows(TestDatabase.demo(), sql).get(0).get(0)).longValue();
    }

    @Test
    void customersOverAnOpenTicketThreshold() throws Exception {
        QueryResult r = DemoEngine.queries().run(counted(List.of("support_tickets.open_tickets"), List.of("customers.customer_id"),
                List.of(over("support_tickets.open_tickets", "gt", 2))), QueryService.Options.DEFAULT).result();
        long expected = hand("SELECT count(*) FROM (SELECT customer_id FROM support_tickets WHERE resolved_at IS NULL"
                + " GROUP BY customer_id HAVING count(*) > 2) g");
        assertTrue(expected > 0);
        assertEquals(expected, one(r));
        assertEquals("count_of_customer", r.columns().get(0).name());
    }

    @Test
    void aGroupWithNoValueIsNotOneOfTheThingsCounted() throws Exception {
        QueryResult r = DemoEngine.queries().run(counted(List.of("customers.total_count"), List.of("customers.owner_id"),
                List.of(over("customers.total_count", "gt", 0))), QueryService.Options.DEFAULT).result();
        long owners = hand("SELECT count(DISTINCT owner_id) FROM customers");
        long groups = hand("SELECT count(*) FROM (SELECT owner_id FROM customers GROUP BY owner_id) g");
        assertTrue(groups == owners + 1, "the demo has customers with no owner: " + groups + " groups, " + owners + " owners");
        assertEquals(owners, one(r));
    }

    @Test
    void anOwnerCountsOnlyTheirOwnGroups() throws Exception {
        QueryService q = DemoEngine.queries();
        Access owner = q.access(new Principal("own_001", List.of("owner"), Map.of("owner_id", "own_001")));
        MetricQuery m = counted(List.of("revenue"), List.of("customers.customer_id"), List.of(over("revenue", "gte", 20000),
                new MetricQuery.Filter("metric_time", null, "in_date_range", TextNode.valueOf("2025"), null)));
        long mine = one(q.run(m, new QueryService.Options(false, 0, owner)).result());
        long all = one(q.run(m, QueryService.Options.DEFAULT).result());
        assertEquals(hand("SELECT count(*) FROM (SELECT i.customer_id FROM invoices i JOIN customers c USING (customer_id)"
                + " WHERE i.status = 'paid' AND c.owner_id = 'own_001' AND i.issued_at >= '2025-01-01' AND i.issued_at < '2026-01-01'"
                + " GROUP BY i.customer_id HAVING sum(i.amount) >= 20000) g"), mine);
        assertTrue(mine > 0 && mine < all, mine + " of " + all);
    }

    @Test
    void countingGroupsNeedsGroupsAndStandsAlone() {
        QueryException none = assertThrows(QueryException.class, () -> DemoEngine.queries().compile(
                counted(List.of("customers.total_count"), List.of(), List.of()), QueryService.Options.DEFAULT));
        assertTrue(none.getMessage().contains("count_groups counts the groups"), none.getMessage());
        MetricQuery both = new MetricQuery(List.of("revenue"), List.of("customers.region"), List.of(), null, null, null, null, null,
                List.of(new MetricQuery.Analysis("count_groups", null, null, null, null, null),
                        new MetricQuery.Analysis("percent_of_total", null, null, null, null, null)), null, null);
        QueryException mixed = assertThrows(QueryException.class, () -> DemoEngine.queries().compile(both, QueryService.Options.DEFAULT));
        assertTrue(mixed.getMessage().contains("cannot be combined"), mixed.getMessage());
    }
}
