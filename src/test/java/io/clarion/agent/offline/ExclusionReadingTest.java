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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Words that leave something out ("excluding", "remove … and show", "with … removed") filter it
 * out, never in; an instruction to cut the answer is answered, not refused as a data change.
 * On the demo catalog and on Chinook; the answer must have no row for what was left out.
 */
class ExclusionReadingTest {
    static QueryService demo;
    static OfflinePlanner demoPlanner;
    static QueryService chinook;
    static OfflinePlanner chinookPlanner;

    @BeforeAll
    static void load() {
        demo = DemoEngine.queries();
        demoPlanner = OfflinePlanner.create(demo, DimensionValues.load(demo), List.of());
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        chinook = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_exclusions"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "exclusions-mask-key");
        chinookPlanner = OfflinePlanner.create(chinook, DimensionValues.load(chinook), List.of());
    }

    static MetricQuery planned(OfflinePlanner planner, String question) {
        PlannerOutcome o = planner.plan(question, Conversation.empty("exclusions"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
    }

    static void check(OfflinePlanner planner, QueryService queries, String question, String dimension, String value) {
        MetricQuery q = planned(planner, question);
        List<MetricQuery.Filter> out = q.filters().stream().filter(f -> dimension.equals(f.dimension())).toList();
        assertEquals(1, out.size(), q.toString());
        assertEquals("not_equals", out.get(0).operator(), q.toString());
        assertEquals(value.toLowerCase(), out.get(0).value().asText().toLowerCase(), q.toString());
        int col = q.dimensions().indexOf(dimension);
        if (col >= 0) {
            List<List<Object>> rows = queries.run(q, QueryService.Options.DEFAULT).result().rows();
            assertFalse(rows.isEmpty(), q.toString());
            assertTrue(rows.stream().noneMatch(x -> value.equalsIgnoreCase(String.valueOf(x.get(col)))), "no row for " + value + ": " + rows);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Remove the growth plan and show invoiced revenue per plan | customers.plan | growth",
            "Signups by region excluding APAC | customers.region | APAC",
            "Please drop LATAM, then give me revenue for each region | customers.region | LATAM",
            "Ticket volume by priority with the low priority tickets removed | support_tickets.priority | low",
            "Revenue per plan other than starter | customers.plan | starter",
    })
    void demoExclusions(String question, String dimension, String value) {
        check(demoPlanner, demo, question, dimension, value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Track sales by genre excluding Rock | genre.name | Rock",
            "Remove the Jazz genre and show revenue per genre | genre.name | Jazz",
            "Revenue by country with USA removed | customer.country | USA",
    })
    void chinookExclusions(String question, String dimension, String value) {
        check(chinookPlanner, chinook, question, dimension, value);
    }

    @Test
    void aSegmentLeftOutIsItsComplement() {
        MetricQuery q = planned(demoPlanner, "Leave out the churned customers and count accounts per industry");
        assertEquals(List.of("customers.active"), q.segments(), q.toString());
        assertTrue(q.dimensions().contains("customers.industry"), q.toString());
    }

    @Test
    void aNegatedCountIsTheCountOfTheRest() {
        MetricQuery q = planned(demoPlanner, "High priority tickets that are not closed yet, per category");
        assertEquals(List.of("support_tickets.open_tickets"), q.metrics(), q.toString());
        MetricQuery r = planned(demoPlanner, "Accounts no longer active by region");
        assertEquals(List.of("customers.churned_count"), r.metrics(), r.toString());
    }

    @Test
    void aYearOrQuarterBeforeTheMetricIsTheRangeNotALimit() {
        MetricQuery q = planned(demoPlanner, "Show 2024 invoiced revenue per region");
        assertEquals(null, q.limit(), q.toString());
        assertTrue(q.filters().stream().anyMatch(f -> "in_date_range".equals(f.operator()) && "2024".equals(f.value().asText())), q.toString());
        MetricQuery c = planned(chinookPlanner, "Revenue by genre in Q2 2024");
        assertTrue(c.filters().stream().anyMatch(f -> "in_date_range".equals(f.operator()) && "2024-q2".equals(f.value().asText())), c.toString());
    }

    /** A segment and what contradicts it ask a question instead of answering "no rows"; Chinook has no segments to test this on. */
    @Test
    void contradictoryFiltersAreAClarifyingQuestion() {
        for (String question : List.of("List the active churned customers by region", "Which active customers have churned?")) {
            PlannerOutcome o = demoPlanner.plan(question, Conversation.empty("x"));
            PlannerOutcome.Clarify c = assertInstanceOf(PlannerOutcome.Clarify.class, o, question + " -> " + o);
            assertEquals(2, c.options().size(), c.toString());
        }
        // One of them alone is an ordinary answer.
        assertInstanceOf(PlannerOutcome.Planned.class, demoPlanner.plan("List the churned customers by region", Conversation.empty("x")));
    }

    @Test
    void aCutInstructionIsNotAChangeButAChangeStillIs() {
        String cut = "Remove the starter plan and count customers per region";
        assertInstanceOf(PlannerOutcome.Planned.class, demoPlanner.plan(cut, Conversation.empty("x")), cut);
        for (String q : List.of("Delete the growth plan customers", "Remove the Rock genre from the catalog tables and show the rest",
                "Show revenue by region and then delete the LATAM invoices")) {
            PlannerOutcome o = demoPlanner.plan(q, Conversation.empty("x"));
            assertInstanceOf(PlannerOutcome.Refused.class, o, q);
        }
    }
}
