package io.clarion.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool to the warehouse, and the embedded server behind it when there is one. */
public final class Warehouse implements AutoCloseable {
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    private final HikariDataSource dataSource;
    private final EmbeddedPostgresServer embedded;
    private final WarehouseSettings settings;

    private Warehouse(HikariDataSource dataSource, EmbeddedPostgresServer embedded, WarehouseSettings settings) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.settings = settings;
    }

    /** Connects to the configured server, or starts the embedded one (never both). */
    public static Warehouse open(WarehouseSettings settings) {
        EmbeddedPostgresServer embedded = null;
        String url;
        String user = settings.username();
        String password = settings.password();
        Optional<DataFolder.Running> beside = settings.embedded() && settings.besideRunningServer()
                ? runningServer(settings.home().resolve("pgdata")) : Optional.empty();
        if (beside.isPresent()) {
            url = beside.get().jdbcUrl();
            user = "postgres";
            password = beside.get().password();
        } else if (settings.embedded()) {
            embedded = EmbeddedPostgresServer.start(settings.home().resolve("pgdata"));
            url = embedded.jdbcUrl();
            user = "postgres";
            password = embedded.password();
        } else {
            url = settings.jdbcUrl().orElseThrow();
            // A wrong password or database name will not fix itself: say so now, in the driver's words.
            ConnectionProbe.check(url, user, password).filter(ConnectionProbe.Failure::permanent).ifPresent(f -> {
                throw new WarehouseException(WarehouseException.Kind.UNAVAILABLE, f.message(), null);
            });
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(16);
        cfg.setMinimumIdle(1);
        cfg.setPoolName("clarion-warehouse");
        // Fail fast at start-up only for the embedded server; a configured server may come up later (503 until then).
        cfg.setInitializationFailTimeout(settings.embedded() ? 1 : -1);
        // A loaded two-core machine generating the demo data set (embedded, or a configured server
        // with clarion.demo.load) can take seconds to hand out a connection, and failing a start
        // for it is worse than waiting; a request to a server that is down answers 503 after this.
        cfg.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        cfg.addDataSourceProperty("connectTimeout", String.valueOf(ConnectionProbe.TIMEOUT_SECONDS));
        cfg.addDataSourceProperty("loginTimeout", String.valueOf(ConnectionProbe.TIMEOUT_SECONDS));
        try {
            return new Warehouse(new HikariDataSource(cfg), embedded, settings);
        } catch (RuntimeException e) {
            if (embedded != null) embedded.close();
            throw e;
        }
    }

    private static Optional<DataFolder.Running> runningServer(Path dataDir) {
        try {
            return new DataFolder(dataDir).runningWhenReady(Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** The server shuts down in order (work in flight, then the pool, then PostgreSQL), not in a JVM hook. */
    public void stopOnExitByOwner() {
        if (embedded != null) embedded.stopOnExitByOwner();
    }

    public WarehouseSettings settings() {
        return settings;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) embedded.close();
    }
}
