package io.clarion.app;

import io.clarion.demo.Progress;
import io.clarion.engine.Engine;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server's start against a configured warehouse: it waits for a warehouse that does not answer
 * (bounded, saying so at each attempt) instead of claiming to be ready, and it checks the catalog
 * against the live warehouse, so a misspelt column or a row filter on a missing column stops the
 * start with every finding at file:line:column, not a 500 on each query later.
 */
class ServerStartTest {
    static final String DB = "server_start_chinook";
    static final Path CHINOOK = DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook");

    @BeforeAll
    static void load() {
        Datasets.chinook(DB);
        TestDatabase.freshDatabase(DB + "_store");
    }

    static Function<String, Optional<String>> config(String url, Path catalog, String waitSeconds) {
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", url);
        c.put("clarion.store.jdbc-url", TestDatabase.jdbcUrl(DB + "_store"));
        c.put("clarion.catalog.dir", catalog.toString());
        c.put("clarion.skills.dir", catalog.resolve("no-skills").toString());
        c.put("clarion.demo.load", "false");
        c.put("clarion.scheduler.enabled", "false");
        c.put(Clarion.START_WAIT_KEY, waitSeconds);
        return k -> Optional.ofNullable(c.get(k));
    }

    static Path copy(Path to) throws IOException {
        try (Stream<Path> s = Files.list(CHINOOK)) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
        return to;
    }

    @Test
    void aMatchingCatalogStartsAndSaysItWasChecked() {
        List<String> log = new ArrayList<>();
        try (Clarion c = Clarion.startServer(config(TestDatabase.jdbcUrl(DB), CHINOOK, "5"), Progress.NONE, log::add)) {
            assertEquals(11, c.engine().catalog().cubes().size());
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("the catalog matches the warehouse at ")), log.toString());
    }

    @Test
    void aCatalogThatDoesNotMatchTheWarehouseStopsTheStartWithEachFinding(@TempDir Path dir) throws IOException {
        Path catalog = copy(dir);
        Path invoice = catalog.resolve("invoice.yml");
        Files.writeString(invoice, Files.readString(invoice).replaceFirst("sql: total\n", "sql: totl\n"));
        Path access = catalog.resolve("access.yml");
        Files.writeString(access, Files.readString(access).replace("{CUBE}.support_rep_id", "{CUBE}.support_rep"));
        Engine.StartupException e = assertThrows(Engine.StartupException.class,
                () -> Clarion.startServer(config(TestDatabase.jdbcUrl(DB), catalog, "5"), Progress.NONE, l -> { }).close());
        String m = e.getMessage();
        assertTrue(m.contains("does not match the warehouse"), m);
        assertTrue(m.matches("(?s).*invoice\\.yml:\\d+:\\d+: .*totl.*"), "the misspelt column at its place: " + m);
        assertTrue(m.contains("total"), "did you mean the real column: " + m);
        assertTrue(m.matches("(?s).*access\\.yml:\\d+:\\d+: .*support_rep.*"), "the row filter's missing column: " + m);
    }

    @Test
    void aWarehouseThatDoesNotAnswerIsWaitedForThenNamed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();   // closed again: nothing listens there
        }
        List<String> log = new ArrayList<>();
        long t0 = System.nanoTime();
        Engine.StartupException e = assertThrows(Engine.StartupException.class, () -> Clarion.startServer(
                config("jdbc:postgresql://127.0.0.1:" + port + "/nowhere", CHINOOK, "4"), Progress.NONE, log::add).close());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        assertTrue(log.size() >= 2 && log.stream().allMatch(l -> l.startsWith("waiting for the warehouse (attempt ")), log.toString());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("gave up after 4 s"), e.getMessage());
        assertTrue(seconds < 30, "bounded: " + seconds + " s");
    }
}
