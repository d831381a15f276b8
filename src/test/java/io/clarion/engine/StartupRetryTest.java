package io.clarion.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.clarion.retry.Retrying;
import io.clarion.store.AppStore;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up work that is one transaction is run again after a database failure that may pass, as
 * on a loaded machine where the pool hands out no connection in time, and not after one that no
 * wait mends.
 */
class StartupRetryTest {
    /** Short waits: what is tested is which failures are retried, not how long the waits are. */
    static final Retrying.Settings FAST = new Retrying.Settings(4, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO, 0);

    static HikariDataSource pool(String jdbcUrl, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(250);
        c.setInitializationFailTimeout(-1);
        return new HikariDataSource(c);
    }

    @Test
    void aMigrationThatGotNoConnectionInTimeIsRunAgainWholeAndSucceeds() throws Exception {
        TestDatabase.freshDatabase("startup_retry");
        try (HikariDataSource busy = pool(TestDatabase.jdbcUrl("startup_retry"), 2)) {
            // Every connection of the pool is taken, as while another start-up step holds them.
            List<Connection> held = new ArrayList<>(List.of(busy.getConnection(), busy.getConnection()));
            List<String> retries = new ArrayList<>();
            StartupRetry.run(FAST, "migrating the app store", () -> {
                AppStore.migrate(busy);
                return null;
            }, message -> {
                retries.add(message);
                for (Connection c : held) {
                    try {
                        c.close();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            assertEquals(1, retries.size(), retries.toString());
            assertTrue(retries.get(0).startsWith("migrating the app store: attempt 2 of 4 ("), retries.get(0));
            try (Connection c = busy.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT to_regclass('clarion.audit_log') IS NOT NULL")) {
                assertTrue(rs.next() && rs.getBoolean(1), "the second attempt migrated the store");
            }
        }
    }

    @Test
    void aFailureNoWaitMendsIsNotRetried() {
        TestDatabase.freshDatabase("startup_retry_permanent");
        try (HikariDataSource ds = pool(TestDatabase.jdbcUrl("startup_retry_permanent"), 2)) {
            List<String> retries = new ArrayList<>();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartupRetry.run(FAST, "reading a table", () -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT * FROM no_such_table_here");
                    return null;
                } catch (SQLException x) {
                    throw new IllegalStateException(x);
                }
            }, retries::add));
            assertEquals(List.of(), retries);
            assertTrue(e.getMessage().contains("no_such_table_here"), e.getMessage());
        }
    }

    @Test
    void aServerThatCannotBeReachedIsTriedEveryAttemptThenItsFailureIsThrown() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (HikariDataSource nowhere = pool("jdbc:postgresql://127.0.0.1:" + closed + "/none?user=nobody&connectTimeout=1", 1)) {
            List<String> retries = new ArrayList<>();
            RuntimeException e = assertThrows(RuntimeException.class, () -> StartupRetry.run(FAST, "migrating the app store", () -> {
                AppStore.migrate(nowhere);
                return null;
            }, retries::add));
            assertEquals(3, retries.size(), "four attempts in all: " + retries);
            assertTrue(StartupRetry.transientFailure(e), e.toString());
        }
    }
}
