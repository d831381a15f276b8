package io.clarion.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.sql.CompiledSql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of the tables a statement reads, as PostgreSQL knows them: the tables named by the
 * statement's plan (EXPLAIN, nothing run), each with its row estimate from the last ANALYZE
 * ({@code pg_class.reltuples}), or counted when it was never analyzed. A rollup is weighed
 * against this once, when built: a query is never planned twice to decide where it reads.
 */
public final class TablesRead {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TablesRead() {
    }

    /** The tables' rows, summed; a statement that reads no table reads 0. */
    public static long rows(DataSource dataSource, CompiledSql sql, Duration timeout) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
                }
                Set<List<String>> tables = new LinkedHashSet<>();
                // VERBOSE: each scan names its table's schema as well.
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN (VERBOSE, FORMAT JSON) " + sql.sql())) {
                    for (int i = 0; i < sql.binds().size(); i++) {
                        Object b = sql.binds().get(i);
                        ps.setObject(i + 1, b instanceof io.clarion.sql.SecretBind k ? k.value() : b);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        collect(JSON.readTree(rs.getString(1)), tables);
                    }
                }
                long sum = 0;
                for (List<String> t : tables) sum += rows(c, t.get(0), t.get(1));
                return sum;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw QueryExecutor.translate(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostgreSQL's plan was not JSON: " + e.getMessage(), e);
        }
    }

    private static void collect(JsonNode node, Set<List<String>> tables) {
        if (node.isArray()) {
            for (JsonNode n : node) collect(n, tables);
        } else if (node.isObject()) {
            if (node.has("Relation Name")) tables.add(List.of(node.path("Schema").asText("public"), node.get("Relation Name").asText()));
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isContainerNode()) collect(f.getValue(), tables);
            });
        }
    }

    private static long rows(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                // -1: never analyzed (a table just loaded); its count is exact and read only at a build.
                if (rs.next() && rs.getDouble(1) >= 0) return Math.round(rs.getDouble(1));
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(schema) + "." + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
