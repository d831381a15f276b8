package io.clarion.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.clarion.warehouse.EmbeddedPostgresServer;
import io.clarion.demo.DemoLoader;
import io.clarion.demo.DemoSpec;
import io.clarion.demo.Progress;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One real PostgreSQL per test JVM (the embedded binaries, data under the build folder), with
 * the demo data set loaded once and reused across runs while its spec is unchanged.
 */
public final class TestDatabase {
    public static final DemoSpec DEMO = new DemoSpec(42, 5000, LocalDate.of(2026, 6, 15));
    private static EmbeddedPostgresServer server;
    private static final Map<String, HikariDataSource> pools = new HashMap<>();

    private TestDatabase() {
    }

    private static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            String build = System.getProperty("clarion.build.dir", "target");
            Path dir = Path.of(build).isAbsolute() ? Path.of(build) : Path.of(System.getProperty("user.dir")).resolve(build);
            server = EmbeddedPostgresServer.start(dir.resolve("test-pg"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                pools.values().forEach(HikariDataSource::close);
                server.close();
            }));
        }
        return server;
    }

    public static DemoSpec demoSpec() {
        return DEMO;
    }

    /** The database holding the demo data set (seed 42, 5,000 customers, as of 2026-06-15). */
    public static synchronized DataSource demo() {
        HikariDataSource ds = pool("clarion_demo", true);
        try (Connection c = ds.getConnection()) {
            Optional<DemoSpec> loaded = DemoLoader.loaded(c);
            if (loaded.isPresent() && (!loaded.get().equals(DEMO) || derivedContacts(c))) {
                new io.clarion.demo.DemoGenerator(DEMO).generate(c, Progress.NONE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        DemoLoader.ensureLoaded(ds, DEMO, Progress.NONE);
        return ds;
    }

    /** A data set from before contacts were drawn on their own (ops@ or billing@ the company's domain) is generated again. */
    private static boolean derivedContacts(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM customers WHERE email = 'ops@' || company_domain)")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** The JDBC URL of a database on the test server (user postgres unless the URL names one). */
    public static String jdbcUrl(String db) {
        return url(db);
    }

    public static String demoJdbcUrl() {
        demo();
        return url("clarion_demo");
    }

    /** A new, empty database on the same server. */
    public static synchronized DataSource freshDatabase(String name) {
        HikariDataSource old = pools.remove(name);
        if (old != null) old.close();
        try (Connection c = pool("postgres", false).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pool(name, false);
    }

    /** A database on the same server, created when missing and kept otherwise (for benchmark data sets). */
    public static synchronized DataSource freshDatabaseIfMissing(String name) {
        return pool(name, true);
    }

    /**
     * A configured server instead of the embedded one: clarion.test.jdbc-url (or CLARION_TEST_JDBC_URL),
     * e.g. jdbc:postgresql://localhost:5432/postgres?user=me&password=secret; the user must be
     * allowed to create databases.
     */
    private static String baseUrl() {
        String configured = System.getProperty("clarion.test.jdbc-url", System.getenv("CLARION_TEST_JDBC_URL"));
        if (configured != null && !configured.isBlank()) {
            if (!configured.contains("/postgres")) throw new IllegalStateException("clarion.test.jdbc-url must name the postgres database");
            return configured.contains("?") ? configured : configured + "?";
        }
        return server().jdbcUrl() + "&password=" + server().password();
    }

    private static String url(String db) {
        return baseUrl().replace("/postgres?", "/" + db + "?");
    }

    private static HikariDataSource pool(String db, boolean create) {
        HikariDataSource existing = pools.get(db);
        if (existing != null) return existing;
        HikariDataSource admin = db.equals("postgres") ? null : pool("postgres", false);
        return pools.computeIfAbsent(db, name -> {
            if (create) {
                try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                    var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
                    if (!rs.next()) s.execute("CREATE DATABASE " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(url(name));
            if (!cfg.getJdbcUrl().contains("user=")) cfg.setUsername("postgres");
            cfg.setMaximumPoolSize(8);
            // Many test databases share one server: hold connections only while they are used.
            cfg.setMinimumIdle(0);
            cfg.setIdleTimeout(10_000);
            cfg.setPoolName("test-" + name);
            return new HikariDataSource(cfg);
        });
    }
}
