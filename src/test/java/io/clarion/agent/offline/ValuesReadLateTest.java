package io.clarion.agent.offline;

import io.clarion.agent.Conversation;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.DimensionValues;
import io.clarion.engine.QueryService;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A question asked while the dimension values are still being read (just after a start) waits for
 * them and reads with them, as any caller: "enterprise" is the segment value, not a word left
 * unused because the reader was built before the values arrived.
 */
class ValuesReadLateTest {
    @Test
    void aQuestionAskedBeforeTheValuesArriveReadsWithThemOnceTheyDo() throws Exception {
        QueryService queries = DemoEngine.queries();
        var values = DimensionValues.load(queries);
        for (Access access : java.util.Arrays.asList(null, Access.of(queries.catalog(), new Principal("ana", List.of("analyst"), Map.of())))) {
            OfflinePlanner planner = OfflinePlanner.create(queries, Map.of(), List.of());
            planner.awaitValuesFor(Duration.ofSeconds(30));
            CompletableFuture<PlannerOutcome> asked = CompletableFuture.supplyAsync(
                    () -> planner.plan("active enterprise accounts by region", Conversation.empty("late"), access));
            // The question is waiting; the values arrive after it was asked.
            Thread.sleep(200);
            planner.useValues(values);
            PlannerOutcome o = asked.get(60, TimeUnit.SECONDS);
            var q = assertInstanceOf(PlannerOutcome.Planned.class, o, String.valueOf(o)).query();
            assertTrue(q.filters().stream().anyMatch(f -> "customers.segment".equals(f.dimension()) && "enterprise".equals(f.value().asText())),
                    access + ": " + q);
        }
    }
}
