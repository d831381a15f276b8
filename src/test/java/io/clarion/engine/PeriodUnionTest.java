package io.clarion.engine;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in_periods filter: one row per period, each period answered as its own range, checked
 * against hand-written SQL on the demo data (periods a year apart, this year to date beside the
 * same days of last year, a snapshot balance, a second grouping, an owner's row filter), and
 * refused where rows would not be one per period.
 */
class PeriodUnionTest {
    static MetricQuery query(List<String> metrics, List<String> dims, String... periods) {
        List<JsonNode> values = new ArrayList<>();
        for (String p : periods) values.add(TextNode.valueOf(p));
        return new MetricQuery(metrics, dims, List.of(new MetricQuery.Filter("metric_time", null, "in_periods", null, values)),
                null, null, null, null, null, null, null, null);
    }

    static List<List<Object>> rows(QueryResult r) {
        return rounded(r.rows());
    }

    static List<List<Object>> hand(String sql) throws Exception {
        return rounded(Datasets.rows(TestDatabase.demo(), sql));
    }

    /** Numbers to cents and everything else as text, so engine rows and hand-written rows compare as values. */
    static List<List<Object>> rounded(List<List<Object>> in) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : in) {
            List<Object> o = new ArrayList<>();
            for (Object v : row) o.add(v instanceof Number n ? new BigDecimal(n.toString()).setScale(2, java.math.RoundingMode.HALF_UP) : String.valueOf(v));
            out.add(o);
        }
        return out;
    }

    static QueryResult run(MetricQuery q) {
        return DemoEngine.queries().run(q, QueryService.Options.DEFAULT).result();
    }

    @Test
    void theSameQuarterOfTwoYearsIsTwoRowsInTimeOrder() throws Exception {
        QueryResult r = run(query(List.of("revenue"), List.of("metric_time.quarter"), "2026-q1", "2025-q1"));
        assertEquals(hand("SELECT date_trunc('quarter', issued_at)::date, sum(amount) FROM invoices WHERE status = 'paid'"
                + " AND ((issued_at >= '2025-01-01' AND issued_at < '2025-04-01') OR (issued_at >= '2026-01-01' AND issued_at < '2026-04-01'))"
                + " GROUP BY 1 ORDER BY 1"), rows(r));
    }

    @Test
    void yearToDateBesideTheSameDaysOfLastYear() throws Exception {
        QueryResult r = run(query(List.of("customers.new_customer_count"), List.of("metric_time.year"),
                "2026-01-01 to 2026-06-15", "2025-01-01 to 2025-06-15"));
        assertEquals(hand("SELECT date_trunc('year', created_at)::date, count(*) FROM customers"
                + " WHERE (created_at >= '2025-01-01' AND created_at < '2025-06-16') OR (created_at >= '2026-01-01' AND created_at < '2026-06-16')"
                + " GROUP BY 1 ORDER BY 1"), rows(r));
    }

    @Test
    void aSnapshotBalanceReadsEachPeriodsOwnPoint() throws Exception {
        QueryResult r = run(query(List.of("mrr"), List.of("metric_time.month"), "2025-05", "2026-05"));
        assertEquals(hand("SELECT month, sum(mrr) FROM mrr_snapshots WHERE month IN ('2025-05-01', '2026-05-01') GROUP BY 1 ORDER BY 1"), rows(r));
    }

    @Test
    void anotherGroupingKeepsItsRowsInEachPeriod() throws Exception {
        QueryResult r = run(query(List.of("customers.new_customer_count"), List.of("customers.region", "metric_time.quarter"), "2025-q2", "2026-q2"));
        List<List<Object>> expected = hand("SELECT region, date_trunc('quarter', created_at)::date, count(*) FROM customers"
                + " WHERE (created_at >= '2025-04-01' AND created_at < '2025-07-01') OR (created_at >= '2026-04-01' AND created_at < '2026-07-01')"
                + " GROUP BY 1, 2");
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(rows(r)));
        assertEquals(expected.size(), r.rows().size());
    }

    @Test
    void anOwnerSeesOnlyTheirOwnRowsInEveryPeriod() throws Exception {
        QueryService q = DemoEngine.queries();
        Access owner = q.access(new Principal("own_001", List.of("owner"), Map.of("owner_id", "own_001")));
        QueryResult r = q.run(query(List.of("revenue"), List.of("metric_time.year"), "2024", "2025"), new QueryService.Options(false, 0, owner)).result();
        assertEquals(hand("SELECT date_trunc('year', i.issued_at)::date, sum(i.amount) FROM invoices i JOIN customers c USING (customer_id)"
                + " WHERE i.status = 'paid' AND c.owner_id = 'own_001' AND i.issued_at >= '2024-01-01' AND i.issued_at < '2026-01-01'"
                + " GROUP BY 1 ORDER BY 1"), rows(r));
    }

    @Test
    void refusedWhereRowsWouldNotBeOnePerPeriod() {
        assertRefused(query(List.of("revenue"), List.of(), "2024", "2025"), "needs the query grouped by a grain");
        assertRefused(query(List.of("revenue"), List.of("metric_time.quarter"), "2024", "2025-q1"), "spans more than one quarter");
        assertRefused(query(List.of("revenue"), List.of("metric_time.year"), "2025-q1", "2025-q3"), "falls in the same year");
        assertRefused(query(List.of("revenue"), List.of("metric_time.year"), "2025"), "takes 2 to 12 periods");
        QueryException unreadable = assertThrows(QueryException.class, () -> DemoEngine.queries().compile(
                query(List.of("revenue"), List.of("metric_time.year"), "2025", "the year of the horse"), QueryService.Options.DEFAULT));
        assertEquals("filters[0].values[1]", unreadable.errors().get(0).path(), "the period named where it stands in the list");
        MetricQuery compared = new MetricQuery(List.of("revenue"), List.of("metric_time.year"), query(List.of("revenue"), List.of(), "2024", "2025").filters(),
                null, null, null, null, "previous_period", null, null, null);
        assertRefused(compared, "leave out compare");
    }

    static void assertRefused(MetricQuery q, String reason) {
        QueryException e = assertThrows(QueryException.class, () -> DemoEngine.queries().compile(q, QueryService.Options.DEFAULT));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
