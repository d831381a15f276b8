package io.clarion.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.clarion.warehouse.Warehouse;
import io.clarion.warehouse.WarehouseSettings;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Clarion's own state, apart from the user's data. Clarion never writes into a warehouse it was
 * given: with the embedded demo warehouse the store is a schema of that same embedded server;
 * with a configured warehouse it is {@code clarion.store.jdbc-url} when set, else an embedded
 * PostgreSQL of Clarion's own under {@code clarion.home}. A store Clarion cannot write stops
 * start-up with what to grant or configure, rather than losing audit rows later.
 */
public final class Store implements AutoCloseable {
    private final DataSource dataSource;
    private final AutoCloseable owned;
    private final String where;

    private Store(DataSource dataSource, AutoCloseable owned, String where) {
        this.dataSource = dataSource;
        this.owned = owned;
        this.where = where;
    }

    /** Raised when the store cannot be reached or written; the message says what to grant or configure. */
    public static class StoreException extends RuntimeException {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Store open(StoreSettings settings, Warehouse warehouse) {
        if (settings.jdbcUrl().isPresent()) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(settings.jdbcUrl().get());
            cfg.setUsername(settings.username());
            cfg.setPassword(settings.password());
            cfg.setMaximumPoolSize(8);
            cfg.setMinimumIdle(1);
            cfg.setPoolName("clarion-store");
            cfg.setInitializationFailTimeout(-1);
            // A loaded machine at start-up can take a while to hand out the first connection.
            cfg.setConnectionTimeout(30_000);
            HikariDataSource ds = new HikariDataSource(cfg);
            return new Store(ds, ds, "the app store " + redact(settings.jdbcUrl().get()));
        }
        if (warehouse.settings().embedded()) {
            // The demo's embedded PostgreSQL is Clarion's own: its state goes in schema clarion beside the demo data.
            return new Store(warehouse.dataSource(), null, "the embedded PostgreSQL");
        }
        WarehouseSettings own = warehouse.settings().embeddedInstead();
        Warehouse embedded = Warehouse.open(own);
        return new Store(embedded.dataSource(), embedded, "the embedded app store under " + own.home());
    }

    /** Creates or upgrades schema {@code clarion}; fails with one sentence when it cannot. */
    public void migrate() {
        try {
            AppStore.migrate(dataSource);
        } catch (RuntimeException e) {
            throw new StoreException("Clarion cannot write its own state to " + where + " (" + rootMessage(e) + "). "
                    + "Its user needs CONNECT and CREATE on that database (it creates and owns schema clarion), "
                    + "or set " + StoreSettings.JDBC_URL_KEY + " to a database it may write.", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The key of masked PII pseudonyms, generated once and kept in the store. */
    public Supplier<String> maskKey() {
        return AppSecrets.maskKey(dataSource);
    }

    public String where() {
        return where;
    }

    @Override
    public void close() {
        if (owned == null) return;
        try {
            owned.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + where, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        if (t instanceof SQLException s && s.getSQLState() != null) m = m + " [SQLState " + s.getSQLState() + "]";
        return m;
    }

    /** A JDBC URL without its password parameter, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
