package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.catalog.CatalogLoader;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.sql.PostgresDialect;
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
 * A customer leaving said in everyday verbs ("walked away", "quit", "closed their accounts",
 * "loses the most customers") reads as the catalog's own word for leaving, taken from its churn
 * date: on the demo catalog ("churned") and on a catalog that calls it "cancelled". Said of
 * something else, or of a step in a funnel, the verb is not read as leaving; on a catalog with no
 * churn date it is said to be unused, never dropped in silence.
 */
class LeavingVerbsReadingTest {
    static OfflinePlanner demo;
    static OfflinePlanner subscriptions;
    static OfflinePlanner chinook;

    @BeforeAll
    static void load() {
        QueryService q = DemoEngine.queries();
        demo = OfflinePlanner.create(q, DimensionValues.load(q), List.of());
        subscriptions = compileOnly("src/test/resources/catalogs/subscriptions");
        chinook = compileOnly("src/test/resources/catalogs/chinook");
    }

    static OfflinePlanner compileOnly(String dir) {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve(dir));
        if (!r.ok()) throw new AssertionError(r.report());
        return OfflinePlanner.create(new QueryService(r.catalog(), null, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 6, 30),
                10_000, Duration.ofSeconds(30), () -> "leaving-mask-key"));
    }

    static PlannerOutcome.Planned planned(OfflinePlanner p, String question) {
        PlannerOutcome o = p.plan(question, Conversation.empty("leaving"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o);
    }

    static String range(MetricQuery q, String dimension) {
        return q.filters().stream().filter(f -> f.dimension().equals(dimension) && f.operator().equals("in_date_range"))
                .map(f -> f.value().asText()).findFirst().orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Number of accounts that walked away during 2024 per region | customers.region | 2024",
            "How many customers quit during the last quarter? | | last quarter",
            "Count of clients who didn't renew in 2025, by plan | customers.plan | 2025",
    })
    void demoLeavingCountsChurn(String question, String dimension, String period) {
        PlannerOutcome.Planned p = planned(demo, question);
        MetricQuery q = p.query();
        assertEquals(List.of("customers.churned_count"), q.metrics(), q.toString());
        assertEquals(dimension == null ? List.of() : List.of(dimension), q.dimensions(), q.toString());
        assertEquals(period, range(q, "metric_time"), q.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("customers leaving")), p.assumptions().toString());
    }

    @Test
    void demoRankedGroupLosingCustomersRanksChurn() {
        MetricQuery q = planned(demo, "Which plan loses the most clients?").query();
        assertEquals(List.of("customers.plan"), q.dimensions(), q.toString());
        assertEquals(1, q.limit(), q.toString());
        boolean churn = q.metrics().contains("customers.churned_count")
                || q.filters().stream().anyMatch(f -> f.value() != null && "churned".equals(f.value().asText()));
        assertTrue(churn, q.toString());
    }

    @Test
    void demoListOfLeaversDatesTheLeaving() {
        MetricQuery q = planned(demo, "Show me the customers in healthcare who closed their accounts in Q1 2026").query();
        assertTrue(q.metrics().isEmpty(), q.toString());
        assertEquals("2026-q1", range(q, "customers.churned_date"), q.toString());
        assertTrue(q.filters().stream().anyMatch(f -> f.dimension().equals("customers.industry")), q.toString());
    }

    @Test
    void otherSubjectsAndFunnelStepsAreNotLeaving() {
        MetricQuery revenue = planned(demo, "Did revenue drop between 2023 and 2024?").query();
        assertFalse(revenue.metrics().contains("customers.churned_count"), revenue.toString());
        PlannerOutcome.Planned funnel = planned(demo, "Where do most customers drop off along the journey?");
        assertFalse(funnel.query().metrics().contains("customers.churned_count"), funnel.query().toString());
        assertTrue(funnel.assumptions().stream().noneMatch(a -> a.contains("customers leaving")), funnel.assumptions().toString());
    }

    @Test
    void anotherCatalogReadsLeavingAsItsOwnWord() {
        PlannerOutcome.Planned p = planned(subscriptions, "How many members walked away in 2024 by country?");
        MetricQuery q = p.query();
        assertEquals(List.of("subscribers.cancelled_count"), q.metrics(), q.toString());
        assertEquals(List.of("subscribers.country"), q.dimensions(), q.toString());
        assertEquals("2024", range(q, "metric_time"), q.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("\"cancelled\"")), p.assumptions().toString());

        MetricQuery ranked = planned(subscriptions, "Which tier sheds the most subscribers?").query();
        assertEquals(List.of("subscribers.cancelled_count"), ranked.metrics(), ranked.toString());
        assertEquals(List.of("subscribers.tier"), ranked.dimensions(), ranked.toString());
    }

    /** A segment's rows counted over a period are counted by the date they joined it, not as of today. */
    @Test
    void aSegmentCountedOverAPeriodUsesItsDatedCount() {
        PlannerOutcome.Planned p = planned(subscriptions, "Number of subscribers who cancelled during 2023, per tier");
        assertEquals(List.of("subscribers.cancelled_count"), p.query().metrics(), p.query().toString());
        assertTrue(p.query().segments().isEmpty(), p.query().toString());
        assertEquals("2023", range(p.query(), "metric_time"), p.query().toString());
        MetricQuery demoQuery = planned(demo, "Count of accounts that churned in 2024 split by industry").query();
        assertEquals(List.of("customers.churned_count"), demoQuery.metrics(), demoQuery.toString());
        assertTrue(demoQuery.filters().stream().noneMatch(f -> "churned".equals(f.value() == null ? null : f.value().asText())),
                demoQuery.toString());
    }

    @Test
    void aCatalogWithoutAChurnDateSaysTheVerbWasNotUsed() {
        PlannerOutcome o = chinook.plan("Which country loses the most customers?", Conversation.empty("leaving"));
        if (o instanceof PlannerOutcome.Planned p) {
            assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("loses")), p.assumptions().toString());
            assertTrue(p.assumptions().stream().noneMatch(a -> a.contains("customers leaving")), p.assumptions().toString());
        }
    }
}
