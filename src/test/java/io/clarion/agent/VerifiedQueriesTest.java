package io.clarion.agent;

import io.clarion.diagnostics.Issue;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TextPositions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedQueriesTest {

    @Test
    void eachProblemIsPlacedAtTheLineAndColumnItWasWritten(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("semantic"));
        String text = """
                verified_queries:
                  - question: How many customers do we have?
                    query:
                      metrics: [customers.total_cont]
                      dimensions: [customers.segment]
                  - question: What is our revenue?
                    verified_at: yesterday
                    query: {metrics: [invoices.revenue]}
                  - query: {metrics: [invoices.revenue]}
                """;
        Files.writeString(dir.resolve("verified.yml"), text);
        VerifiedQueries.Loaded loaded = VerifiedQueries.load(dir, DemoEngine.compiler(LocalDate.of(2026, 6, 15)));
        assertEquals(List.of(), loaded.queries(), "nothing is used when anything is wrong");
        List<String> where = loaded.errors().stream().map(i -> i.where().toString()).toList();
        assertEquals(3, where.size(), loaded.errors().toString());
        assertEquals("semantic/verified.yml:" + TextPositions.position(text, "customers.total_cont"), where.get(0));
        assertEquals("semantic/verified.yml:" + TextPositions.position(text, "yesterday"), where.get(1));
        // An entry without a question is placed at the entry.
        assertTrue(where.get(2).startsWith("semantic/verified.yml:" + TextPositions.line(text, "  - query:") + ":"), where.get(2));
        Issue unknown = loaded.errors().get(0);
        assertTrue(unknown.suggestions().contains("customers.total_count"), unknown.toString());
        assertTrue(unknown.message().contains("How many customers do we have?"), unknown.toString());
    }
}
