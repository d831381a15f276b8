package io.clarion.demo;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress as a person at a terminal sees it, and as a pipe or a log file gets it. */
class ConsoleProgressTest {

    /** A table of {@code rows} reported every 1,000 rows against an estimate of {@code estimate}, as the generator does. */
    static void write(Progress p, String table, long rows, long estimate) {
        for (long r = 1_000; r <= rows; r += 1_000) p.table(table, r, Math.max(estimate, r));
        p.tableDone(table, rows);
    }

    @Test
    void offATerminalEachTableIsAFewPlainLines() {
        StringWriter out = new StringWriter();
        Progress p = new ConsoleProgress(new PrintWriter(out), false);
        p.begin("Generating");
        write(p, "owners", 75, 75);
        write(p, "product_events", 2_000_000, 1_500_000);
        p.begin("  indexes and statistics");
        p.done("Generated");

        String text = out.toString();
        assertFalse(text.contains("\r"), "no carriage returns in a pipe");
        String[] lines = text.split("\n");
        assertTrue(lines.length <= 16, "one line per tenth of a large table at most: " + lines.length + "\n" + text);
        assertTrue(text.contains("  owners: 75 rows in "), text);
        assertTrue(text.contains("  product_events: 50% (750,000 rows)"), text);
        assertTrue(text.contains("  product_events: 2,000,000 rows in "), text);
        assertEquals("Generated", lines[lines.length - 1]);
        assertTrue(text.indexOf("product_events: 2,000,000 rows") < text.indexOf("indexes and statistics"), "stages in order");
    }

    @Test
    void onATerminalTheBarReachesAHundredOnlyWhenTheTableIsDone() {
        StringWriter out = new StringWriter();
        Progress p = new ConsoleProgress(new PrintWriter(out), true);
        // The estimate is short: rows go on past it.
        for (long r = 1_000; r <= 300_000; r += 1_000) {
            p.table("product_events", r, Math.max(100_000, r));
            if (r % 50_000 == 0) sleepPastRedraw();
        }
        String before = out.toString();
        assertFalse(before.contains("100.0%"), "not 100% while rows are still written: " + before);
        assertTrue(before.contains("99.0%"), before);
        p.tableDone("product_events", 300_000);
        assertTrue(out.toString().substring(before.length()).contains("[####################] 100.0%"), out.toString());
        assertTrue(out.toString().endsWith("\n"), "a finished table keeps its line");
    }

    private static void sleepPastRedraw() {
        try {
            Thread.sleep(210);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
