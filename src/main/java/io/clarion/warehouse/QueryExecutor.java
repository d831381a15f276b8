package io.clarion.warehouse;

import io.clarion.sql.CompiledSql;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs generated SQL: read-only transaction, statement timeout, row cap. The SQL asks for one
 * row more than the limit so that truncation is known without a second query; rows past the
 * limit are not kept.
 */
public final class QueryExecutor {
    private final DataSource dataSource;
    private final Duration timeout;
    /** The statement timeout and the dialect's settings as one string of statements, sent together. */
    private final String setup;

    public QueryExecutor(DataSource dataSource, Duration timeout) {
        this(dataSource, timeout, List.of());
    }

    /** {@code settings}: the dialect's statements for each query transaction ({@link io.clarion.sql.Dialect#queryTransactionSettings}). */
    public QueryExecutor(DataSource dataSource, Duration timeout, List<String> settings) {
        this.dataSource = dataSource;
        this.timeout = timeout;
        List<String> all = new ArrayList<>();
        all.add("SET LOCAL statement_timeout = " + timeout.toMillis());
        all.addAll(settings);
        this.setup = String.join("; ", all);
    }

    public QueryResult execute(CompiledSql sql, List<QueryResult.Column> columns, int limit) {
        long start = System.nanoTime();
        try (Connection c = connect()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            // One execute for every setting: the driver sends the statements of one string
            // together and waits once, so a query pays one round trip for its settings rather
            // than one per setting (on a fast query over a network that is most of its time).
            try (Statement s = c.createStatement()) {
                s.execute(setup);
            }
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = false;
            // No row count on the statement (setMaxRows, setFetchSize): the driver would send it with
            // the execute message, and PostgreSQL runs a portal that may be fetched in parts without
            // parallel workers, so every parallel plan ran on one core (the EXPLAIN of the same
            // statement showed workers it never got). The rendered statement carries its own
            // LIMIT of one row more than the limit, which bounds what is read.
            try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
                for (int i = 0; i < sql.binds().size(); i++) {
                    Object b = sql.binds().get(i);
                    ps.setObject(i + 1, b instanceof io.clarion.sql.SecretBind s ? s.value() : b);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        if (rows.size() == limit) {
                            truncated = true;
                            break;
                        }
                        List<Object> row = new ArrayList<>(n);
                        for (int i = 1; i <= n; i++) row.add(value(rs.getObject(i)));
                        rows.add(java.util.Collections.unmodifiableList(row));
                    }
                }
            } finally {
                c.rollback();
            }
            return new QueryResult(columns, List.copyOf(rows), truncated, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** The rows of the tables {@code sql} reads, as PostgreSQL estimates them ({@link TablesRead}); nothing is run. */
    public long rowsOfTablesRead(CompiledSql sql) {
        return TablesRead.rows(dataSource, sql, timeout);
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new WarehouseException(WarehouseException.Kind.UNAVAILABLE,
                    "the warehouse is unavailable: " + firstLine(e.getMessage()), e);
        }
    }

    static WarehouseException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("57014")) {
            return new WarehouseException(WarehouseException.Kind.TIMEOUT, "the query took longer than the statement timeout and was cancelled", e);
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")) {
            return new WarehouseException(WarehouseException.Kind.UNAVAILABLE, "the warehouse is unavailable: " + firstLine(e.getMessage()), e);
        }
        return new WarehouseException(WarehouseException.Kind.FAILED, "the warehouse rejected the generated query: " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** JSON-friendly values: exact decimals stay BigDecimal, dates become ISO text. */
    static Object value(Object v) {
        if (v == null) return null;
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toString();
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().scale() < 0 ? b.setScale(0) : b.stripTrailingZeros();
        if (v instanceof Double || v instanceof Float || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Boolean || v instanceof String) return v;
        if (v instanceof java.sql.Array a) {
            try {
                return List.of((Object[]) a.getArray());
            } catch (SQLException e) {
                return a.toString();
            }
        }
        return v.toString();
    }
}
