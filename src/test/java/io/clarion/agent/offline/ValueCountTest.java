package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A count asked of things the catalog names only as a value ("how many integration connected
 * events", "number of MPEG audio files") counts the rows of that value's table with the value,
 * over the period asked, instead of refusing; a verb the reader does not know is said unused.
 */
class ValueCountTest {
    static OfflinePlanner demo;
    static OfflinePlanner chinook;

    @BeforeAll
    static void load() {
        QueryService q = DemoEngine.queries();
        demo = OfflinePlanner.create(q, DimensionValues.load(q), List.of());
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        QueryService c = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_value_counts"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "value-counts-mask-key");
        chinook = OfflinePlanner.create(c, DimensionValues.load(c), List.of());
    }

    static PlannerOutcome.Planned planned(OfflinePlanner p, String question) {
        return TwoCatalogReaders.planned(p, question);
    }

    static boolean hasFilter(MetricQuery q, String dimension, String value) {
        return q.filters().stream().anyMatch(f -> f.dimension().equals(dimension) && "equals".equals(f.operator())
                && value.equalsIgnoreCase(f.value().asText()));
    }

    @Test
    void demoValueCountedOverThePeriod() {
        PlannerOutcome.Planned p = planned(demo, "How many integration connected events got triggered during 2025?");
        MetricQuery q = p.query();
        assertEquals(List.of("product_events.event_count"), q.metrics(), q.toString());
        assertTrue(hasFilter(q, "product_events.event_type", "integration_connected"), q.toString());
        assertTrue(q.filters().stream().anyMatch(f -> f.dimension().equals("metric_time") && "2025".equals(f.value().asText())), q.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("triggered")), p.assumptions().toString());
    }

    @Test
    void chinookValueCounted() {
        MetricQuery q = planned(chinook, "How many MPEG audio files are there?").query();
        assertEquals(1, q.metrics().size(), q.toString());
        assertTrue(q.metrics().get(0).endsWith(".count"), q.toString());
        assertTrue(hasFilter(q, "media_type.name", "MPEG audio file"), q.toString());
    }
}
