package io.clarion.agent.offline;

import io.clarion.agent.eval.ResultComparison;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A current-state number asked over periods is answered by its dated twin (same table, aggregation
 * and column, with a date), not as today's value with the period dropped; a word that only fills a
 * sentence ("still") links to nothing on its own. Demo catalog, today 15 June 2026.
 */
class DatedTwinsAndFillerWordsTest {
    static TwoCatalogReaders t;

    @BeforeAll
    static void load() {
        t = TwoCatalogReaders.load("clarion_chinook_dated_twins");
    }

    @Test
    void aCurrentNumberOverTwoMonthsIsItsDatedTwin() throws Exception {
        var q = TwoCatalogReaders.planned(t.demoPlanner(), "current mrr for april 2026 versus may 2026").query();
        List<List<Object>> gold = Datasets.rows(TestDatabase.demo(), "SELECT month, sum(mrr) FROM mrr_snapshots"
                + " WHERE month IN (DATE '2026-04-01', DATE '2026-05-01') GROUP BY 1");
        List<List<Object>> answer = TwoCatalogReaders.rows(t.demoQueries(), q);
        assertEquals(2, gold.size());
        assertTrue(ResultComparison.mismatch(gold, answer, false).isEmpty(), q + ": " + answer + " vs " + gold);
    }

    @Test
    void aFillerWordNamesNothingAlone() {
        var q = TwoCatalogReaders.planned(t.demoPlanner(), "how many high priority tickets were still waiting").query();
        assertTrue(q.filters().stream().noneMatch(f -> f.dimension() != null && f.dimension().startsWith("customers.")), q.toString());
    }
}
