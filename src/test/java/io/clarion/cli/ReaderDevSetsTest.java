package io.clarion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The question shapes the reader is built for (ranking a group, breakdowns by two dimensions,
 * shares, lists in a segment, periods; refusals only for real changes), written for development
 * on the demo catalog and on the Chinook test catalog, scored through {@code clarion eval} as CI
 * scores every set. These are development questions: the measuring sets are the others.
 */
class ReaderDevSetsTest {
    @BeforeAll
    static void load() {
        EvalSetsScoreTest.load();
    }

    @Test
    void answersTheShapesOnTheDemoCatalog() throws Exception {
        JsonNode r = EvalSetsScoreTest.score("reader-dev.jsonl", EvalSetsScoreTest.demoCatalog(), TestDatabase.demoJdbcUrl(),
                EvalSetsScoreTest.DEMO_AS_OF);
        assertTrue(r.path("right").asInt() >= r.path("total").asInt() - 1, r.toString());
    }

    @Test
    void answersTheSameShapesOnACatalogItWasNotWrittenFor() throws Exception {
        JsonNode r = EvalSetsScoreTest.score("reader-chinook-dev.jsonl", EvalSetsScoreTest.chinookCatalog(),
                TestDatabase.jdbcUrl(EvalSetsScoreTest.CHINOOK_DB), EvalSetsScoreTest.CHINOOK_AS_OF);
        assertTrue(r.path("right").asInt() >= r.path("total").asInt() - 1, r.toString());
    }
}
