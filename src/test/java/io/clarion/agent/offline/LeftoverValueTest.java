package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A word that names another table's metric and also a value on the chosen metric's own table
 * ("churned customers who came from events", "cancelled subscribers from referrals") is that
 * value, a filter, not a word dropped as "describing the question".
 */
class LeftoverValueTest {
    static OfflinePlanner demo;
    static OfflinePlanner subscriptions;

    @BeforeAll
    static void load() {
        QueryService q = DemoEngine.queries();
        demo = OfflinePlanner.create(q, DimensionValues.load(q), List.of());
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/subscriptions"));
        if (!r.ok()) throw new AssertionError(r.report());
        Catalog c = r.catalog();
        QueryService s = new QueryService(c, null, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 6, 30), 10_000,
                Duration.ofSeconds(30), () -> "leftover-mask-key");
        subscriptions = OfflinePlanner.create(s, Map.of(c.dimension("subscribers.channel").orElseThrow(), List.of("ads", "referrals", "search")),
                List.of());
    }

    static MetricQuery planned(OfflinePlanner p, String question) {
        PlannerOutcome o = p.plan(question, Conversation.empty("leftover"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
    }

    static boolean hasFilter(MetricQuery q, String dimension, String value) {
        return q.filters().stream().anyMatch(f -> f.dimension().equals(dimension) && "equals".equals(f.operator())
                && value.equals(f.value().asText()));
    }

    @Test
    void demoValueOnTheMetricsTable() {
        MetricQuery q = planned(demo, "How many churned customers came in through events in 2025?");
        assertEquals(List.of("customers.churned_count"), q.metrics(), q.toString());
        assertTrue(hasFilter(q, "customers.acquisition_channel", "events"), q.toString());
    }

    @Test
    void anotherCatalogValueOnTheMetricsTable() {
        MetricQuery q = planned(subscriptions, "How many cancelled subscribers originally came from referrals?");
        assertEquals(List.of("subscribers.cancelled_count"), q.metrics(), q.toString());
        assertTrue(hasFilter(q, "subscribers.channel", "referrals"), q.toString());
    }
}
