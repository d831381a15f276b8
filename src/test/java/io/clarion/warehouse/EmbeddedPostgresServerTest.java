package io.clarion.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded PostgreSQL is Clarion's alone, and a Clarion killed hard does not block the next start. */
class EmbeddedPostgresServerTest {

    public static Path freshFolder(String name) throws Exception {
        String build = System.getProperty("clarion.build.dir", "target");
        Path base = Path.of(build).isAbsolute() ? Path.of(build) : Path.of(System.getProperty("user.dir")).resolve(build);
        Path home = base.resolve("epg-tests").resolve(name);
        // A server an earlier, failed run left behind would keep running over a deleted folder.
        if (Files.exists(home.resolve("pgdata"))) new DataFolder(home.resolve("pgdata")).stopStaleServer();
        if (Files.exists(home)) {
            try (var walk = Files.walk(home)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.toString().contains("pgdata-bin")) Files.deleteIfExists(p);
                }
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // the extracted binaries stay for the next run
            }
        }
        return Files.createDirectories(home).resolve("pgdata");
    }

    static Connection connect(int port, String password) throws SQLException {
        var props = new java.util.Properties();
        props.setProperty("user", "postgres");
        if (password != null) props.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", props);
    }

    static void assertRefused(int port, String password) {
        SQLException e = assertThrows(SQLException.class, () -> connect(port, password).close());
        // Without a password the driver gives up as soon as the server asks for one.
        assertTrue(password == null || password.isEmpty() ? e.getMessage().contains("SCRAM-based authentication")
                        : "28P01".equals(e.getSQLState()),
                "authentication refused, not " + e);
    }

    @Test
    void aConnectionWithoutThePasswordIsRefusedAndThePasswordFileIsOwnerOnly() throws Exception {
        Path data = freshFolder("auth");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            Path file = data.resolveSibling("pgdata.password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(server.password(), Files.readString(file).strip());
            assertRefused(server.port(), null);
            assertRefused(server.port(), "postgres");
            assertRefused(server.port(), "");
            try (Connection c = connect(server.port(), server.password()); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT current_setting('unix_socket_permissions'),"
                        + " (SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256')");
                rs.next();
                assertEquals("0700", rs.getString(1));
                assertEquals(0, rs.getInt(2), "every pg_hba rule asks for the password");
            }
        }
        // The same password on the next start; the data folder is not re-keyed.
        String before = Files.readString(data.resolveSibling("pgdata.password"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            assertEquals(before.strip(), server.password());
            assertRefused(server.port(), null);
            connect(server.port(), server.password()).close();
        }
    }

    @Test
    void aFolderCreatedWithoutAPasswordGetsOneOnItsNextStart() throws Exception {
        Path data = freshFolder("migrate");
        // The data folder as Clarion created it before passwords: the library's defaults, trust for everyone.
        new DataFolder(data).binaries();
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(Files.createDirectories(data.resolveSibling("pgdata-bin")).toFile()).start()) {
            connect(old.getPort(), null).close();
            try (Connection c = connect(old.getPort(), null); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (x int)");
                s.execute("INSERT INTO kept VALUES (7)");
            }
        }
        assertFalse(Files.exists(data.resolveSibling("pgdata.password")));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            assertRefused(server.port(), null);
            try (Connection c = connect(server.port(), server.password()); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT x FROM kept");
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @Test
    void aServerLeftByAKilledClarionIsStoppedAndALiveOneIsReportedAtOnce() throws Exception {
        Path data = freshFolder("stale");
        Process child = startChild(data);
        try {
            // A live Clarion holds the folder: refused at once, with the reason; its server can be shared.
            long t0 = System.nanoTime();
            DataFolder.InUseException busy = assertThrows(DataFolder.InUseException.class, () -> EmbeddedPostgresServer.start(data));
            System.out.printf("refusing a folder held by a live Clarion took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertTrue(busy.getMessage().contains("in use by a running Clarion (pid " + child.pid() + ")"), busy.getMessage());
            DataFolder.Running running = new DataFolder(data).running().orElseThrow();
            try (Connection c = DriverManager.getConnection(running.jdbcUrl(), "postgres", running.password());
                 Statement s = c.createStatement()) {
                assertTrue(s.executeQuery("SELECT 1").next());
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(60, TimeUnit.SECONDS);
        }
        long stalePid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        assertTrue(ProcessHandle.of(stalePid).map(ProcessHandle::isAlive).orElse(false), "the killed Clarion left PostgreSQL running");

        long t0 = System.nanoTime();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            System.out.printf("start after kill -9 of the Clarion holding the folder took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertFalse(ProcessHandle.of(stalePid).map(ProcessHandle::isAlive).orElse(false), "the stale server was stopped");
            connect(server.port(), server.password()).close();
        }
    }

    public static Process startChild(Path data) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), EmbeddedServerChild.class.getName(), data.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the child is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return p;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child did not start its server:\n" + seen);
    }
}
