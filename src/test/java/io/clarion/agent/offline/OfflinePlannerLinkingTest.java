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

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline reader with the linker as its fallback, on the reviewed Chinook catalog: words
 * no catalog phrase names are linked, used, and said as an assumption. New wordings only.
 */
class OfflinePlannerLinkingTest {
    static OfflinePlanner planner;

    @BeforeAll
    static void load() {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        if (!r.ok()) throw new AssertionError(r.report());
        QueryService queries = new QueryService(r.catalog(), Datasets.chinook("clarion_chinook_reader_linking"), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(60), () -> "reader-linking-mask-key");
        planner = OfflinePlanner.create(queries, DimensionValues.load(queries), List.of());
    }

    @Test
    void roleWordsFilterOnTheRelatedTablesValueAndSaySo() {
        PlannerOutcome o = planner.plan("How many customers are looked after by support agents?", Conversation.empty("t"));
        PlannerOutcome.Planned p = assertInstanceOf(PlannerOutcome.Planned.class, o, o.toString());
        MetricQuery q = p.query();
        assertTrue(q.filters().stream().anyMatch(f -> "employee.title".equals(f.dimension()) && f.value() != null
                && f.value().asText().equals("Sales Support Agent")), q.toString());
        assertTrue(p.assumptions().stream().anyMatch(a -> a.contains("support agents") && a.contains("Sales Support Agent")),
                p.assumptions().toString());
    }
}
