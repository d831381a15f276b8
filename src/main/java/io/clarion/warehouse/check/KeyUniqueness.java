package io.clarion.warehouse.check;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.SqlTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a cube's declared primary key is unique in the warehouse, for the engine before it
 * counts each row once through that key across a one-to-many join. A unique, not-null index on
 * the key's column proves it at the cost of a catalog lookup; otherwise the rows are counted
 * (every row, not a sample: a bounded proof is no proof). Read-only, in one transaction.
 */
public final class KeyUniqueness {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private KeyUniqueness() {
    }

    /** Why {@code cube}'s primary key cannot be relied on, or empty when it is proven unique and never null. */
    public static Optional<String> problem(Catalog catalog, Cube cube, DataSource ds, Duration timeout) {
        Dimension pk = cube.primaryKey().orElseThrow();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
            }
            try {
                if (heldByTheDatabase(c, cube, pk)) return Optional.empty();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT k), count(*) - count(k) FROM (SELECT "
                        + WarehouseCheck.sqlOf(catalog, pk) + " AS k FROM " + WarehouseCheck.fromOf(catalog, cube) + ") s")) {
                    rs.next();
                    long rows = rs.getLong(1);
                    long distinct = rs.getLong(2);
                    long nulls = rs.getLong(3);
                    if (distinct + nulls == rows && nulls == 0) return Optional.empty();
                    return Optional.of(String.format(Locale.ROOT, "%s is not unique in the warehouse: %,d rows, %,d distinct values%s",
                            pk.fullName(), rows, distinct, nulls > 0 ? String.format(Locale.ROOT, ", %,d nulls", nulls) : ""));
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
            return Optional.of(pk.fullName() + " could not be proven unique in the warehouse (" + why + ")");
        }
    }

    /** A unique index on exactly the key's column, which also cannot be null (a primary key, or unique and not null). */
    static boolean heldByTheDatabase(Connection c, Cube cube, Dimension pk) throws SQLException {
        String column = column(pk.sql()).orElse(null);
        if (!cube.sourceIsTable() || column == null) return false;
        String sql = "SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
                + "WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL "
                + "AND i.indexprs IS NULL AND a.attnotnull AND a.attname = ?";
        var sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, cube.source().source().strip());
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                boolean held = rs.next();
                c.releaseSavepoint(sp);
                return held;
            }
        } catch (SQLException e) {
            // Not PostgreSQL's catalog, or a name it reads otherwise: counting the rows decides.
            c.rollback(sp);
            return false;
        }
    }

    /** The plain column a key's SQL names ({@code order_id} or {@code {CUBE}.order_id}), if that is all it is. */
    static Optional<String> column(SqlTemplate t) {
        List<SqlTemplate.Part> parts = t.parts();
        if (parts.size() == 1 && parts.get(0) instanceof SqlTemplate.Column col) return Optional.of(col.column());
        if (parts.size() == 1 && parts.get(0) instanceof SqlTemplate.Text x && IDENTIFIER.matcher(x.sql().strip()).matches()) {
            return Optional.of(x.sql().strip());
        }
        if (parts.size() == 2 && parts.get(0) instanceof SqlTemplate.CubeRef && parts.get(1) instanceof SqlTemplate.Text x
                && x.sql().startsWith(".") && IDENTIFIER.matcher(x.sql().substring(1).strip()).matches()) {
            return Optional.of(x.sql().substring(1).strip());
        }
        return Optional.empty();
    }
}
