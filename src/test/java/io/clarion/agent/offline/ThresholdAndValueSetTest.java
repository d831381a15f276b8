package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Groups kept over a threshold are grouped by the group named with the number as a filter on the
 * measure per group; two values of one dimension are one set of values, never two equals filters
 * no row meets. On the demo catalog and on Chinook.
 */
class ThresholdAndValueSetTest {
    static OfflinePlanner demo;
    static OfflinePlanner chinook;

    @BeforeAll
    static void load() {
        QueryService d = DemoEngine.queries();
        demo = OfflinePlanner.create(d, DimensionValues.load(d), List.of());
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        QueryService c = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_thresholds"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "thresholds-mask-key");
        chinook = OfflinePlanner.create(c, DimensionValues.load(c), List.of());
    }

    static MetricQuery planned(OfflinePlanner planner, String question) {
        PlannerOutcome o = planner.plan(question, Conversation.empty("thresholds"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "D | which industries have over 40 customers              | customers.industry          | customers.total_count | gt  | 40",
            "D | acquisition channels with at least 25 customers       | customers.acquisition_channel | customers.total_count | gte | 25",
            "D | segments where the churn rate is below 3%            | customers.segment           | monthly_churn_rate    | lt  | 0.03",
            "C | countries having over 5 customers                     | customer.country            | customer.count        | gt  | 5",
            "C | which billing cities had revenue above 30 in 2024     | invoice.billing_city        | revenue               | gt  | 30",
    })
    void aGroupOverAThresholdIsAFilterOnTheMeasurePerGroup(String catalog, String question, String group, String metric,
                                                           String op, double value) {
        MetricQuery q = planned(catalog.equals("C") ? chinook : demo, question);
        assertEquals(List.of(group), q.dimensions(), q.toString());
        assertEquals(List.of(metric), q.metrics(), q.toString());
        MetricQuery.Filter having = q.filters().stream().filter(f -> f.metric() != null).findFirst().orElseThrow(() -> new AssertionError(q));
        assertEquals(metric, having.metric(), q.toString());
        assertEquals(op, having.operator(), q.toString());
        assertEquals(value, having.value().asDouble(), 1e-9, q.toString());
        assertTrue(q.orderBy().isEmpty() && q.limit() == null, "kept, not ranked: " + q);
    }

    @Test
    void theNumberBelongsToTheNounAfterItWhenAThingIsListed() {
        MetricQuery q = planned(demo, "accounts with more than 4 support tickets");
        assertEquals(List.of("support_tickets.ticket_count"), q.metrics(), q.toString());
        assertTrue(q.dimensions().contains("customers.customer_name"), q.toString());
        assertEquals("support_tickets.ticket_count", q.filters().get(0).metric(), q.toString());
        MetricQuery c = planned(chinook, "artists with more than 15 tracks");
        assertEquals(List.of("track.count"), c.metrics(), c.toString());
        assertTrue(c.dimensions().contains("artist.name"), c.toString());
        assertEquals("track.count", c.filters().get(0).metric(), c.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "D | revenue for APAC and LATAM                  | customers.region | APAC,LATAM | false",
            "D | how many customers are enterprise or smb    | customers.segment | enterprise,smb | false",
            "D | revenue in APAC versus LATAM                | customers.region | APAC,LATAM | true",
            "C | number of tracks in Jazz or Blues            | genre.name       | Jazz,Blues | false",
            "C | revenue of Jazz compared with Blues          | genre.name       | Jazz,Blues | true",
    })
    void twoValuesOfOneDimensionAreOneSet(String catalog, String question, String dimension, String values, boolean apart) {
        MetricQuery q = planned(catalog.equals("C") ? chinook : demo, question);
        List<MetricQuery.Filter> on = q.filters().stream().filter(f -> dimension.equals(f.dimension())).toList();
        assertEquals(1, on.size(), q.toString());
        assertEquals("in", on.get(0).operator(), q.toString());
        assertNull(on.get(0).value(), q.toString());
        assertEquals(List.of(values.split(",")), on.get(0).values().stream().map(v -> v.asText()).toList(), q.toString());
        assertEquals(apart, q.dimensions().contains(dimension), q.toString());
    }
}
