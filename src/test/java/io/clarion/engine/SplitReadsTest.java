package io.clarion.engine;

import com.fasterxml.jackson.databind.node.TextNode;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.query.MetricQuery;
import io.clarion.testing.DemoEngine;
import io.clarion.warehouse.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A query read once for several owners and split by owner gives each owner exactly the rows of
 * their own query, and is not shared where the split could differ from the owner's row access:
 * a second filtered cube in the query, an order, a snapshot grouped coarser than its own grain, or
 * an owner the reader was not built for.
 */
class SplitReadsTest {
    static final List<String> OWNERS = List.of("own_001", "own_002", "own_003");

    static QueryService asOwner(String owner, SplitReads reads) {
        QueryService q = DemoEngine.queries();
        Access a = q.access(new Principal(owner, List.of("owner"), Map.of("owner_id", owner))).withoutPii();
        return reads == null ? q.as(a) : q.as(a).readingThrough(reads);
    }

    static SplitReads reads() {
        return new SplitReads(DemoEngine.queries().as(Access.FULL.withoutPii()), "owner_id", OWNERS);
    }

    static MetricQuery query(List<String> metrics, List<String> dims, List<MetricQuery.Filter> filters, List<MetricQuery.OrderBy> order) {
        return new MetricQuery(metrics, dims, filters, null, order, 1000, null, null, null, null, true);
    }

    static List<List<Object>> sorted(QueryResult r) {
        List<List<Object>> rows = new ArrayList<>(r.rows());
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    /** Every owner's rows through the reader equal their own query's; returns how many were shared. */
    static int sameForEveryOwner(MetricQuery q) {
        SplitReads reads = reads();
        for (String owner : OWNERS) {
            QueryResult alone = asOwner(owner, null).run(q, QueryService.Options.job(1000)).result();
            QueryResult split = asOwner(owner, reads).run(q, QueryService.Options.job(1000)).result();
            assertEquals(alone.columns(), split.columns(), owner);
            assertEquals(sorted(alone), sorted(split), owner + ": " + q);
            assertFalse(alone.rows().isEmpty(), "the owner has rows: " + owner);
        }
        assertEquals(OWNERS.size(), reads.shared() + reads.own());
        return reads.shared();
    }

    @Test
    void factsThroughTheOwnersCustomersAreShared() {
        assertEquals(3, sameForEveryOwner(query(List.of("customers.total_count"), List.of("customers.segment"), List.of(), List.of())));
        assertEquals(3, sameForEveryOwner(query(List.of("revenue"), List.of("metric_time.month", "customers.region"),
                List.of(new MetricQuery.Filter("metric_time", null, "in_date_range", null,
                        List.of(TextNode.valueOf("2026-01-01"), TextNode.valueOf("2026-05-31")))), List.of())));
        assertEquals(3, sameForEveryOwner(query(List.of("support_tickets.ticket_count"), List.of("support_tickets.priority"), List.of(), List.of())));
    }

    @Test
    void aMonthlySnapshotByMonthIsSharedButNotByQuarter() {
        List<MetricQuery.Filter> window = List.of(new MetricQuery.Filter("metric_time", null, "in_date_range", null,
                List.of(TextNode.valueOf("2025-07-01"), TextNode.valueOf("2026-05-31"))));
        assertEquals(3, sameForEveryOwner(query(List.of("mrr"), List.of("metric_time.month", "mrr.plan"), window, List.of())));
        assertEquals(0, sameForEveryOwner(query(List.of("mrr"), List.of("metric_time.quarter"), window, List.of())));
    }

    @Test
    void queriesTheSplitCouldGetWrongRunAsTheOwner() {
        // owners is filtered on its own: two filtered cubes in one query.
        assertEquals(0, sameForEveryOwner(query(List.of("customers.total_count"), List.of("owners.name"), List.of(), List.of())));
        assertEquals(0, sameForEveryOwner(query(List.of("customers.total_count"), List.of("customers.segment"), List.of(),
                List.of(new MetricQuery.OrderBy("customers.total_count", "desc")))));
    }

    @Test
    void anOwnerTheReaderWasNotBuiltForRunsOnTheirOwn() {
        SplitReads reads = reads();
        MetricQuery q = query(List.of("customers.total_count"), List.of(), List.of(), List.of());
        QueryResult alone = asOwner("own_004", null).run(q, QueryService.Options.job(1000)).result();
        QueryResult through = asOwner("own_004", reads).run(q, QueryService.Options.job(1000)).result();
        assertEquals(alone.rows(), through.rows());
        assertEquals(0, reads.shared());
        assertEquals(1, reads.own());
    }
}
