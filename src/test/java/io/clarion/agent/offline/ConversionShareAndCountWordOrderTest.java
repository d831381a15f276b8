package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.query.MetricQuery;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A share naming a conversion metric's base rows and its converted rows is that conversion rate
 * (not a refusal for want of a ratio), and a table's plain count written next to a filtered count
 * of the same table, in either order, is the filtered count.
 */
class ConversionShareAndCountWordOrderTest {
    static OfflinePlanner planner;

    @BeforeAll
    static void setUp() {
        var queries = DemoEngine.queries();
        planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
    }

    @Test
    void aShareOfBaseRowsThatConvertedIsTheConversionRate() {
        MetricQuery q = planned("What percentage of signups paid within 30 days, per segment?");
        assertEquals(List.of("signup_to_paid_conversion_rate_30_days"), q.metrics());
        assertEquals(List.of("customers.segment"), q.dimensions());
        assertTrue(q.filters().isEmpty(), "the window is the metric's own: " + q.filters());

        MetricQuery scoped = planned("portion of trials turning into paying customers inside 30 days during the previous quarter");
        assertEquals(List.of("signup_to_paid_conversion_rate_30_days"), scoped.metrics());
        assertEquals("metric_time", scoped.filters().get(0).dimension());
    }

    @Test
    void aShareWithoutTheConvertedSideIsNotAConversion() {
        PlannerOutcome o = planner.plan("what share of signups came from the enterprise segment", Conversation.empty("-"));
        if (o instanceof PlannerOutcome.Planned p) {
            assertTrue(p.query().metrics().stream().noneMatch(m -> m.contains("conversion")), p.query().toString());
        }
    }

    @Test
    void aPlainCountBesideAFilteredCountOfItsTableIsTheFilteredCount() {
        MetricQuery q = planned("How many accounts were cancelled during 2025?");
        assertEquals(List.of("customers.churned_count"), q.metrics());
        assertEquals("metric_time", q.filters().get(0).dimension());
        // Alone, the plain count stays the plain count.
        assertEquals(List.of("customers.total_count"), planned("How many accounts are there by region?").metrics());
    }

    /**
     * On a copy of the Chinook catalog with one filtered count added (invoices billed outside
     * one country, named by a single word): the plain invoice count written before that word is
     * the filtered count.
     */
    @Test
    void onAnotherCatalogThePlainCountBesideAFilteredCountIsTheFilteredCount(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path src = DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook");
        try (var files = java.nio.file.Files.list(src)) {
            for (java.nio.file.Path f : files.toList()) java.nio.file.Files.copy(f, dir.resolve(f.getFileName()));
        }
        java.nio.file.Path invoice = dir.resolve("invoice.yml");
        String yml = java.nio.file.Files.readString(invoice);
        String anchor = "      - name: total_sum\n";
        assertTrue(yml.contains(anchor), "the test catalog changed shape");
        yml = yml.replace(anchor, """
                      - name: export_count
                        type: count
                        filters:
                          - sql: "{CUBE}.billing_country <> 'USA'"
                        description: "Invoices billed outside the home country."
                        synonyms: [exports]
                        time_dimension: invoice_date
                """ + anchor);
        java.nio.file.Files.writeString(invoice, yml);
        io.clarion.catalog.CatalogLoader.LoadResult r = io.clarion.catalog.CatalogLoader.load(dir);
        if (!r.ok()) throw new AssertionError(r.report());
        var queries = new io.clarion.engine.QueryService(r.catalog(), io.clarion.testing.Datasets.chinook("clarion_chinook_word_order"),
                io.clarion.sql.PostgresDialect.INSTANCE, () -> java.time.LocalDate.of(2025, 12, 31), 10_000,
                java.time.Duration.ofSeconds(60), () -> "word-order-mask-key");
        OfflinePlanner chinook = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
        PlannerOutcome o = chinook.plan("How many invoices were exported during 2023?", Conversation.empty("-"));
        MetricQuery q = assertInstanceOf(PlannerOutcome.Planned.class, o, o.toString()).query();
        assertEquals(List.of("invoice.export_count"), q.metrics());
        assertEquals("metric_time", q.filters().get(0).dimension());
        PlannerOutcome plain = chinook.plan("How many invoices were there during 2023?", Conversation.empty("-"));
        assertEquals(List.of("invoice.count"), assertInstanceOf(PlannerOutcome.Planned.class, plain, plain.toString()).query().metrics());
    }

    private static MetricQuery planned(String question) {
        PlannerOutcome o = planner.plan(question, Conversation.empty("-"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
    }
}
