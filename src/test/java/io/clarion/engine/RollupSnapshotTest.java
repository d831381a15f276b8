package io.clarion.engine;

import io.clarion.catalog.CatalogLoader;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.query.QueryParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot measure (MRR: a balance per customer and month) kept in a rollup per its own month:
 * the same rows as the raw snapshots when a query groups by that month, and the raw snapshots
 * otherwise, since a quarter's MRR or the latest MRR is one month's balance, not a sum of months.
 */
class RollupSnapshotTest {
    static QueryService raw;
    static QueryService withRollups;

    @BeforeAll
    static void build() {
        // The owner rollup answers these shapes too: the smaller dashboard rollup must be the one chosen.
        RollupTestShapes.Built b = RollupTestShapes.build(r -> List.of("mrr_by_month", "mrr_by_owner_month").contains(r.name()));
        raw = b.raw();
        withRollups = b.withRollups();
    }

    @Test
    void mrrByMonthComesFromTheRollupWithTheRawRows() {
        List<String> byMonth = List.of(
                "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.month\"]}",
                "{\"metrics\": [\"mrr\"], \"dimensions\": [\"metric_time.month\", \"mrr.plan\"]}",
                "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.month\", \"customers.segment\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025-06 to 2026-05\"}]}",
                "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"mrr.month.month\", \"customers.region\"], \"filters\": [{\"dimension\": \"mrr.plan\", \"operator\": \"equals\", \"value\": \"growth\"}]}",
                // a count distinct only at the rollup's own dimensions and grain
                "{\"metrics\": [\"mrr.mrr\", \"mrr.paying_customers\"], \"dimensions\": [\"metric_time.month\", \"mrr.plan\", \"customers.segment\", \"customers.region\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025\"}]}");
        for (String q : byMonth) {
            QueryService.Compiled c = withRollups.compile(QueryParser.parse(q), new QueryService.Options(false));
            assertEquals("mrr_by_month", c.rollup().served(), q + " " + c.rollup().notes());
            // The owner rollup holds MRR too, per owner: many more rows for the same answer.
            String owner = q.contains("paying_customers") ? "mrr_by_owner_month: not used: it does not hold mrr.paying_customers"
                    : "mrr_by_owner_month: not used: mrr_by_month answers too and is smaller";
            assertTrue(c.rollup().notes().contains(owner), c.rollup().notes().toString());
            assertEquals(Optional.empty(), RollupTest.compare(raw, withRollups, q, Access.FULL), q);
        }
        // Several plans and months: a sum that crossed months or dropped a plan would show.
        int rows = raw.run(QueryParser.parse(byMonth.get(1)), new QueryService.Options(false)).result().rows().size();
        assertTrue(rows > 24, "MRR by month and plan has " + rows + " rows");
    }

    @Test
    void mrrByQuarterWithoutMonthsOrByPlanAloneReadsTheRawSnapshots() {
        Map<String, String> misses = Map.of(
                "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.quarter\"]}", "by quarter",
                "{\"metrics\": [\"mrr.mrr\"]}", "no period",
                "{\"metrics\": [\"mrr\"], \"dimensions\": [\"mrr.plan\"]}", "by plan",
                "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"mrr.plan\", \"metric_time.year\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025\"}]}", "by year");
        String reason = "mrr_by_month: not used: mrr.mrr is a snapshot: kept per month, it answers only queries by month "
                + "(a coarser period or none reads the last point, not a sum)";
        for (var e : misses.entrySet()) {
            QueryService.Compiled c = withRollups.compile(QueryParser.parse(e.getKey()), new QueryService.Options(false));
            assertNull(c.rollup().served(), e.getValue() + " " + c.rollup().notes());
            assertTrue(c.rollup().notes().contains(reason), e.getValue() + ": " + c.rollup().notes());
            assertEquals(Optional.empty(), RollupTest.compare(raw, withRollups, e.getKey(), Access.FULL), e.getValue());
        }
        // Why: a quarter's MRR is its last month's, well under the sum of its three months.
        var quarter = raw.run(QueryParser.parse("{\"metrics\": [\"mrr.mrr\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025-Q4\"}]}"),
                new QueryService.Options(false)).result().rows();
        var months = raw.run(QueryParser.parse("{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.month\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025-Q4\"}]}"),
                new QueryService.Options(false)).result().rows();
        double sum = months.stream().mapToDouble(r -> ((Number) r.get(1)).doubleValue()).sum();
        assertEquals(3, months.size());
        assertTrue(((Number) quarter.get(0).get(0)).doubleValue() < sum / 2, quarter + " " + months);
    }

    @Test
    void aMonthFilterThatCutsMonthsOrAnOwnersRowAccessReadsTheRawSnapshots() {
        String cut = "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.month\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"last 45 days\"}]}";
        QueryService.Compiled c = withRollups.compile(QueryParser.parse(cut), new QueryService.Options(false));
        assertNull(c.rollup().served());
        assertTrue(c.rollup().notes().stream().anyMatch(n -> n.startsWith("mrr_by_month: not used: the date range does not cover whole months")),
                c.rollup().notes().toString());
        Access owner = raw.access(new Principal("olga", List.of("owner"), Map.of("owner_id", "own_001")));
        String q = "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.month\", \"mrr.plan\"]}";
        QueryService.Compiled own = withRollups.compile(QueryParser.parse(q), new QueryService.Options(true, 0, owner));
        assertNull(own.rollup().served());
        assertTrue(own.rollup().notes().stream().anyMatch(n -> n.contains("row-level access applies to mrr")), own.rollup().notes().toString());
        assertEquals(Optional.empty(), RollupTest.compare(raw, withRollups, q, owner));
        Access analyst = raw.access(new Principal("ana", List.of("analyst"), Map.of()));
        assertTrue(withRollups.compile(QueryParser.parse(q), new QueryService.Options(true, 0, analyst)).fromRollup(),
                "an analyst sees every MRR row and no masked member is read");
    }

    @Test
    void theCatalogKeepsASnapshotMeasureOnlyPerItsOwnPeriods() {
        String cube = """
                cubes:
                  - name: balances
                    sql_table: balances
                    rollups:
                      - name: %s
                        measures: [balance]
                        dimensions: [account_type]
                        time_dimension: %s
                        grain: month
                    measures:
                      - name: balance
                        type: sum
                        sql: balance
                        time_dimension: %s
                        non_additive_dimension: {name: snapshot_date, window: last}
                    dimensions:
                      - name: id
                        type: string
                        sql: id
                        primary_key: true
                      - name: account_type
                        type: string
                        sql: account_type
                      - name: snapshot_date
                        type: time
                        sql: snapshot_date
                        granularities: [day, month]
                      - name: opened_date
                        type: time
                        sql: opened_date
                        granularities: [day, month]
                """;
        CatalogLoader.LoadResult other = CatalogLoader.loadStrings(Map.of("balances.yml",
                cube.formatted("by_opening", "opened_date", "snapshot_date")));
        assertFalse(other.ok());
        assertTrue(other.report().contains("rollup by_opening: balances.balance is a snapshot measure of snapshot_date (its rows add up "
                + "within a period of snapshot_date, not across periods); declare time_dimension: snapshot_date to keep it"), other.report());
        CatalogLoader.LoadResult own = CatalogLoader.loadStrings(Map.of("balances.yml",
                cube.formatted("by_snapshot", "snapshot_date", "snapshot_date")));
        assertTrue(own.ok(), own.report());
        assertEquals(List.of("balances.balance"), own.catalog().rollup("by_snapshot").orElseThrow().measures());
    }
}
