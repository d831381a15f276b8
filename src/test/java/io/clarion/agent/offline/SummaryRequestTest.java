package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Give us the status of …", "show us a short summary of …": a verb that usually asks for a list,
 * followed by a noun of summary, asks for the figure, not for every row; the same verb followed
 * by the things themselves still lists them. On the demo catalog and on Chinook.
 */
class SummaryRequestTest {
    static OfflinePlanner demo;
    static OfflinePlanner chinook;

    @BeforeAll
    static void load() {
        QueryService q = DemoEngine.queries();
        demo = OfflinePlanner.create(q, DimensionValues.load(q), List.of());
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        chinook = OfflinePlanner.create(new QueryService(r.catalog(), null, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 12, 31),
                10_000, Duration.ofSeconds(30), () -> "summary-mask-key"));
    }

    static PlannerOutcome.Planned planned(OfflinePlanner p, String question) {
        return TwoCatalogReaders.planned(p, question);
    }

    @Test
    void aSummaryIsAFigure() {
        MetricQuery q = planned(demo, "Show me a quick summary of refunded invoices in 2025").query();
        assertEquals(List.of("invoices.invoice_count"), q.metrics(), q.toString());
        assertTrue(q.dimensions().isEmpty(), q.toString());
        PlannerOutcome.Planned tally = planned(demo, "Give us the latest tally of urgent tickets this month");
        assertEquals(List.of("support_tickets.ticket_count"), tally.query().metrics(), tally.query().toString());
        assertTrue(tally.assumptions().stream().noneMatch(a -> a.contains("latest")), tally.assumptions().toString());
        MetricQuery c = planned(chinook, "Give me a brief rundown of invoices").query();
        assertEquals(List.of("invoice.count"), c.metrics(), c.toString());
    }

    @Test
    void theThingsThemselvesAreStillListed() {
        MetricQuery q = planned(demo, "Give me the enterprise customers in EMEA").query();
        assertTrue(q.metrics().isEmpty(), q.toString());
        assertTrue(q.dimensions().contains("customers.customer_name"), q.toString());
        MetricQuery c = planned(chinook, "Show me the playlists").query();
        assertFalse(c.dimensions().isEmpty(), c.toString());
        assertTrue(c.metrics().isEmpty(), c.toString());
    }
}
