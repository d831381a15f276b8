package io.clarion.warehouse.introspect;

import io.clarion.catalog.draft.DbSchema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Describes the tables of one schema. Tables up to {@link #EXACT_ROWS} rows are counted
 * exactly (rows, distinct values, top values, candidate keys); larger ones keep the planner's
 * row estimate and prove nothing by counting, so a draft never claims a key it did not check.
 */
public final class SchemaReader {
    /** Largest table counted exactly. */
    public static final long EXACT_ROWS = 2_000_000;
    /** A text column with at most this many distinct values is low-cardinality: its top values are read. */
    public static final int LOW_CARDINALITY = 25;
    static final int TOP_VALUES = 10;

    private static final Set<String> COUNTABLE = Set.of("text", "character varying", "character", "integer", "bigint",
            "smallint", "numeric", "boolean", "date", "uuid", "double precision", "real",
            "timestamp without time zone", "timestamp with time zone");
    private static final Set<String> TEXT = Set.of("text", "character varying", "character", "boolean");

    private SchemaReader() {
    }

    /** The tables and views of {@code schema} accepted by {@code include}, in name order. */
    public static DbSchema read(Connection c, String schema, Predicate<String> include) throws SQLException {
        boolean auto = c.getAutoCommit();
        boolean readOnly = c.isReadOnly();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try {
            List<DbSchema.Table> tables = new ArrayList<>();
            for (Rel rel : relations(c, schema)) {
                if (include.test(rel.name)) tables.add(table(c, schema, rel));
            }
            return new DbSchema(schema, tables);
        } finally {
            c.rollback();
            c.setReadOnly(readOnly);
            c.setAutoCommit(auto);
        }
    }

    private record Rel(long oid, String name, boolean view, String comment, long estimate) {
    }

    private static List<Rel> relations(Connection c, String schema) throws SQLException {
        String sql = "SELECT c.oid, c.relname, c.relkind IN ('v', 'm'), obj_description(c.oid, 'pg_class'), c.reltuples::bigint "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname";
        List<Rel> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Rel(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getLong(5)));
            }
        }
        return out;
    }

    private record Col(String name, String type, boolean nullable, String comment) {
    }

    private static DbSchema.Table table(Connection c, String schema, Rel rel) throws SQLException {
        List<Col> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, NULL), NOT a.attnotnull, "
                + "col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, rel.oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) cols.add(new Col(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
            }
        }
        List<String> declaredPk = List.of();
        List<List<String>> uniques = new ArrayList<>();
        List<DbSchema.ForeignKey> fks = new ArrayList<>();
        String keys = "SELECT con.contype, "
                + "ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o) "
                + "  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o)::text[], "
                + "(SELECT r.relname FROM pg_class r WHERE r.oid = con.confrelid), "
                + "ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o) "
                + "  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] "
                + "FROM pg_constraint con WHERE con.conrelid = ? AND con.contype IN ('p', 'u', 'f') ORDER BY con.conname";
        try (PreparedStatement ps = c.prepareStatement(keys)) {
            ps.setLong(1, rel.oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> columns = strings(rs.getArray(2));
                    switch (rs.getString(1)) {
                        case "p" -> declaredPk = columns;
                        case "u" -> uniques.add(columns);
                        default -> fks.add(new DbSchema.ForeignKey(columns, rs.getString(3), strings(rs.getArray(4))));
                    }
                }
            }
        }
        String from = quote(schema) + "." + quote(rel.name);
        boolean exact = rel.view || rel.estimate < EXACT_ROWS;
        long rows = exact ? count(c, "SELECT count(*) FROM " + from) : rel.estimate;
        Map<String, Long> distinct = exact ? distinctCounts(c, from, cols) : Map.of();
        List<DbSchema.Column> columns = new ArrayList<>();
        for (Col col : cols) {
            Long d = distinct.get(col.name);
            List<DbSchema.ValueCount> top = d != null && d > 0 && d <= LOW_CARDINALITY && TEXT.contains(col.type)
                    ? topValues(c, from, col.name) : List.of();
            columns.add(new DbSchema.Column(col.name, col.type, col.nullable, col.comment, d, top));
        }
        List<String> pk = declaredPk.isEmpty() ? provenKey(rel.name, cols, uniques, distinct, rows) : declaredPk;
        return new DbSchema.Table(rel.name, rel.view, rel.comment, rows, columns, pk, fks);
    }

    /**
     * A key proven by the data when none is declared: a unique constraint on non-null columns,
     * else the first id-like column whose distinct count equals the row count (a distinct count
     * leaves out NULLs, so equality also proves there are none).
     */
    private static List<String> provenKey(String table, List<Col> cols, List<List<String>> uniques, Map<String, Long> distinct,
                                          long rows) {
        for (List<String> u : uniques) {
            boolean notNull = u.stream().allMatch(n -> cols.stream().anyMatch(c -> c.name.equals(n) && !c.nullable));
            if (notNull) return u;
        }
        if (rows == 0) return List.of();
        for (Col c : cols) {
            String n = c.name.toLowerCase(Locale.ROOT);
            boolean idLike = n.equals("id") || n.endsWith("_id") || n.endsWith("id") || n.equals(table.toLowerCase(Locale.ROOT) + "_key");
            if (idLike && Long.valueOf(rows).equals(distinct.get(c.name))) return List.of(c.name);
        }
        return List.of();
    }

    private static Map<String, Long> distinctCounts(Connection c, String from, List<Col> cols) throws SQLException {
        List<Col> countable = cols.stream().filter(col -> COUNTABLE.contains(col.type)).toList();
        Map<String, Long> out = new HashMap<>();
        if (countable.isEmpty()) return out;
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < countable.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("count(DISTINCT ").append(quote(countable.get(i).name)).append(")");
        }
        sql.append(" FROM ").append(from);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < countable.size(); i++) out.put(countable.get(i).name, rs.getLong(i + 1));
        }
        return out;
    }

    private static List<DbSchema.ValueCount> topValues(Connection c, String from, String column) throws SQLException {
        String col = quote(column);
        String sql = "SELECT " + col + "::text, count(*) FROM " + from + " WHERE " + col + " IS NOT NULL GROUP BY 1 "
                + "ORDER BY 2 DESC, 1 LIMIT " + TOP_VALUES;
        List<DbSchema.ValueCount> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(new DbSchema.ValueCount(rs.getString(1), rs.getLong(2)));
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** A PostgreSQL identifier, quoted (names come from the catalog tables, never from a request). */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
