package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.sql.PostgresDialect;
import io.clarion.engine.QueryService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the catalog joins two ways, the planner asks which, and the answer pins the path. */
class ClarifyingQuestionTest {
    static final String CATALOG = """
            cubes:
              - name: tickets
                sql_table: tickets
                certified: true
                joins:
                  - {name: customers, relationship: many_to_one, sql: "{CUBE}.customer_id = {customers}.id"}
                  - {name: agents, relationship: many_to_one, sql: "{CUBE}.agent_id = {agents}.id"}
                measures:
                  - {name: ticket_count, type: count, synonyms: [tickets]}
              - name: customers
                sql_table: customers
                certified: true
                joins:
                  - {name: regions, relationship: many_to_one, sql: "{CUBE}.region_id = {regions}.id"}
                dimensions:
                  - {name: id, type: string, primary_key: true}
              - name: agents
                sql_table: agents
                certified: true
                joins:
                  - {name: regions, relationship: many_to_one, sql: "{CUBE}.region_id = {regions}.id"}
                dimensions:
                  - {name: id, type: string, primary_key: true}
              - name: regions
                sql_table: regions
                certified: true
                dimensions:
                  - {name: id, type: string, primary_key: true}
                  - {name: region_name, type: string, synonyms: [region]}
            """;

    @Test
    void anAmbiguousJoinIsAskedAboutAndTheAnswerPinsIt() {
        CatalogLoader.LoadResult loaded = CatalogLoader.loadStrings(Map.of("c.yml", CATALOG));
        assertTrue(loaded.ok(), loaded.report());
        Catalog catalog = loaded.catalog();
        QueryService compiler = new QueryService(catalog, null, PostgresDialect.INSTANCE, () -> LocalDate.of(2026, 6, 15),
                1000, Duration.ofSeconds(5));
        OfflinePlanner planner = OfflinePlanner.create(compiler);

        String question = "How many tickets by region?";
        PlannerOutcome first = planner.plan(question, Conversation.empty("s"));
        assertTrue(first instanceof PlannerOutcome.Clarify, first.toString());
        PlannerOutcome.Clarify ask = (PlannerOutcome.Clarify) first;
        assertEquals(List.of("tickets -> customers -> regions", "tickets -> agents -> regions"), ask.options());

        Conversation asked = Conversation.empty("s").with(new Conversation.Turn(question, null, ask.question(), ask.options()));
        PlannerOutcome second = planner.plan("the agent's region", asked);
        assertTrue(second instanceof PlannerOutcome.Planned, second.toString());
        PlannerOutcome.Planned planned = (PlannerOutcome.Planned) second;
        assertEquals(List.of(List.of("tickets", "agents", "regions")), planned.query().joinPaths());
        assertEquals(List.of("regions.region_name"), planned.query().dimensions());
        String sql = compiler.compile(planned.query(), new QueryService.Options(true)).sql().sql();
        assertTrue(sql.contains("\"agents\".region_id"), sql);
    }

    static final String SHIPPING = """
            cubes:
              - name: shipments
                sql_table: shipments
                certified: true
                measures:
                  - {name: shipment_count, type: count}
                  - {name: on_time_count, type: count, filters: [{sql: "{CUBE}.on_time"}]}
                  - {name: late_count, type: count, filters: [{sql: "NOT {CUBE}.on_time"}]}
                dimensions:
                  - {name: id, type: string, primary_key: true}
                  - {name: carrier, type: string, synonyms: [shipper]}
            metrics:
              - {name: on_time_delivery_rate, type: ratio, numerator: shipments.on_time_count, denominator: shipments.shipment_count, certified: true}
              - {name: late_delivery_rate, type: ratio, numerator: shipments.late_count, denominator: shipments.shipment_count, certified: true}
            """;

    @Test
    void theMetricPickedFromAClarifyingQuestionAnswersTheQuestionAskedWithItsGrouping() {
        CatalogLoader.LoadResult loaded = CatalogLoader.loadStrings(Map.of("c.yml", SHIPPING));
        assertTrue(loaded.ok(), loaded.report());
        QueryService compiler = new QueryService(loaded.catalog(), null, PostgresDialect.INSTANCE, () -> LocalDate.of(2026, 6, 15),
                1000, Duration.ofSeconds(5));
        OfflinePlanner planner = OfflinePlanner.create(compiler);

        String question = "What is the delivery rate for each carrier?";
        PlannerOutcome first = planner.plan(question, Conversation.empty("s"));
        assertTrue(first instanceof PlannerOutcome.Clarify, first.toString());
        PlannerOutcome.Clarify ask = (PlannerOutcome.Clarify) first;
        assertEquals(List.of("on_time_delivery_rate", "late_delivery_rate"), ask.options());
        Conversation asked = Conversation.empty("s").with(new Conversation.Turn(question, null, ask.question(), ask.options()));

        // The option itself (as a button sends it) and a word only one option has both pick it.
        for (String answer : List.of("late_delivery_rate", "the late one")) {
            PlannerOutcome second = planner.plan(answer, asked);
            assertTrue(second instanceof PlannerOutcome.Planned, answer + ": " + second);
            PlannerOutcome.Planned planned = (PlannerOutcome.Planned) second;
            assertEquals(List.of("late_delivery_rate"), planned.query().metrics(), answer);
            assertEquals(List.of("shipments.carrier"), planned.query().dimensions(), answer + ": the grouping asked for stays");
            assertTrue(planned.assumptions().stream().anyMatch(a -> a.contains("as you chose")), planned.assumptions().toString());
            assertTrue(planned.assumptions().stream().noneMatch(a -> a.contains("\"delivery\"")), "the word the choice read is used: " + planned.assumptions());
        }
        // An answer that picks neither is a question of its own.
        PlannerOutcome other = planner.plan("how many shipments per carrier", asked);
        assertTrue(other instanceof PlannerOutcome.Planned p && p.query().metrics().contains("shipments.shipment_count"), other.toString());
    }
}
