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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On Chinook: "how many X do we have" is read as "the number of X"; a ranking of a group
 * ("which country …", "the N genres with the most …", "the artist with the highest …") groups by
 * the group named and never lists the entity's rows in its place.
 */
class CountAndRankedGroupTest {
    static OfflinePlanner planner;

    @BeforeAll
    static void load() {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        QueryService queries = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_ranked_groups"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "ranked-groups-mask-key");
        planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
    }

    static MetricQuery query(String question) {
        PlannerOutcome o = planner.plan(question, Conversation.empty("rank"));
        return assertInstanceOf(PlannerOutcome.Planned.class, o, question + " -> " + o).query();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "How many artists do we have?             | What is the number of artists?",
            "how many playlists have we got           | what's the number of playlists",
            "How many invoices do we have from Brazil? | What is the number of invoices from Brazil?",
            "how many tracks do we have in total      | the total number of tracks",
    })
    void howManyDoWeHaveIsTheNumberOf(String asked, String plain) {
        MetricQuery a = query(asked), b = query(plain);
        assertEquals(b.metrics(), a.metrics(), asked);
        assertEquals(b.filters(), a.filters(), asked);
        assertEquals(List.of(), a.dimensions(), asked);
        assertEquals(1, a.metrics().size(), a.toString());
        assertTrue(a.metrics().get(0).endsWith(".count"), a.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Last year, what billing country had the highest revenue? | invoice.billing_country | revenue       | desc | 1",
            "what are the 3 countries with the most customers             | customer.country        | customer.count | desc | 3",
            "the genre with the least revenue                             | genre.name              | invoice_line.revenue | asc  | 1",
            "Name the top 2 media types by revenue in 2024                | media_type.name         | invoice_line.revenue | desc | 2",
            "which customer country has the highest average invoice value | customer.country        | average_invoice_value | desc | 1",
            "Show the 4 billing cities with the fewest invoices           | invoice.billing_city    | invoice.count | asc  | 4",
    })
    void aRankedGroupIsGroupedByTheGroupNamed(String question, String group, String metric, String direction, int limit) {
        MetricQuery q = query(question);
        assertEquals(List.of(metric), q.metrics(), q.toString());
        assertTrue(q.dimensions().contains(group), q.toString());
        // Never the rows of an entity in place of the group: no customer, invoice or employee keys.
        assertTrue(q.dimensions().stream().noneMatch(d -> d.endsWith("_id") && !d.startsWith(group.substring(0, group.indexOf('.')))),
                q.toString());
        assertEquals(direction, q.orderBy().get(0).direction(), q.toString());
        assertEquals(limit, q.limit(), q.toString());
    }
}
