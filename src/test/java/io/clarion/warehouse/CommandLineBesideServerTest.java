package io.clarion.warehouse;

import io.clarion.cli.ClarionCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line beside a running Clarion on the same clarion.home: it uses the PostgreSQL
 * that Clarion runs (port and generated password recorded beside the data folder) instead of
 * failing on the data folder's lock.
 */
class CommandLineBesideServerTest {
    record Run(int exit, String out, String err) {
    }

    /** Commands print to picocli's writers or to System.out and System.err: both are caught. */
    static Run clarion(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ClarionCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = cl.execute(args);
            return new Run(exit, out + o.toString(StandardCharsets.UTF_8), err + e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void generateAndQueryUseThePostgresqlOfTheRunningClarion() throws Exception {
        Path data = EmbeddedPostgresServerTest.freshFolder("cli-beside");
        Path home = data.getParent();
        Process server = EmbeddedPostgresServerTest.startChild(data);
        try {
            // The folder is held by a live Clarion: a second one may not start PostgreSQL on it.
            assertTrue(new DataFolder(data).running().isPresent());
            Run generated = clarion("generate", "--scale", "40", "--seed", "7", "--as-of", "2026-06-15", "--home", home.toString());
            assertEquals(0, generated.exit(), generated.err());

            Run query = clarion("query", "{\"metrics\": [\"customers.total_count\"]}", "--format", "csv", "--home", home.toString());
            assertEquals(0, query.exit(), query.out() + query.err());
            assertTrue(query.out().strip().endsWith("40"), query.out());
            assertTrue(server.isAlive(), "the running Clarion is left alone");
        } finally {
            server.destroyForcibly();
            server.waitFor(60, TimeUnit.SECONDS);
        }
        // Its PostgreSQL, left behind by the kill, is stopped by the next start.
        try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(data)) {
            assertTrue(next.port() > 0);
        }
    }
}
