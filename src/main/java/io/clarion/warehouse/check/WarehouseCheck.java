package io.clarion.warehouse.check;

import io.clarion.catalog.model.AccessPolicy;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;
import io.clarion.diagnostics.Where;
import io.clarion.sql.Dialect;
import io.clarion.sql.PostgresDialect;
import io.clarion.sql.SecretBind;
import io.clarion.sql.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a loaded catalog against the warehouse it describes. Every fragment is compiled with
 * EXPLAIN (planned, never run) inside one read-only transaction, each in a savepoint so one
 * failure does not hide the next; only the primary-key check reads data, bounded to
 * {@link #EXACT_KEY_ROWS} rows. Parameters the engine binds at query time (the reference date,
 * the caller's attributes) are typed NULLs here, of the types the engine binds.
 */
public final class WarehouseCheck {
    /** Keys of cubes up to this many rows are checked exactly; larger ones on this many rows. */
    public static final long EXACT_KEY_ROWS = 1_000_000;
    private static final Pattern MISSING_COLUMN = Pattern.compile("column \"?(?:[A-Za-z0-9_]+\\.)?\"?([^\" ]+)\"? does not exist");
    private static final Set<String> DATE_TYPES = Set.of("date", "timestamp", "timestamptz");

    private final Catalog catalog;
    private final Dialect d = PostgresDialect.INSTANCE;
    private final List<Issue> issues = new ArrayList<>();
    private final Map<String, List<String>> columns = new LinkedHashMap<>();
    private Connection c;

    private WarehouseCheck(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every finding, errors and warnings, in catalog order. */
    public record Result(List<Issue> issues) {
        public Result {
            issues = List.copyOf(issues);
        }

        public List<Issue> errors() {
            return issues.stream().filter(WarehouseCheck::isError).toList();
        }

        public List<Issue> warnings() {
            return issues.stream().filter(i -> !isError(i)).toList();
        }
    }

    public static boolean isError(Issue i) {
        return !(i.code() instanceof WarehouseCheckCode w) || w.error();
    }

    /** Runs every check; a warehouse that cannot be reached at all throws SQLException. */
    public static Result run(Catalog catalog, DataSource ds) throws SQLException {
        WarehouseCheck check = new WarehouseCheck(catalog);
        try (Connection conn = ds.getConnection()) {
            check.c = conn;
            boolean auto = conn.getAutoCommit();
            conn.setAutoCommit(false);
            conn.setReadOnly(true);
            try (Statement s = conn.createStatement()) {
                s.execute("SET LOCAL statement_timeout = '60s'");
            }
            try {
                check.all();
            } finally {
                conn.rollback();
                conn.setReadOnly(false);
                conn.setAutoCommit(auto);
            }
        }
        return new Result(check.issues);
    }

    private void all() throws SQLException {
        Set<String> usable = new HashSet<>();
        for (Cube cube : catalog.cubes().values()) {
            if (source(cube)) usable.add(cube.name());
        }
        for (Cube cube : catalog.cubes().values()) {
            if (!usable.contains(cube.name())) continue;
            for (Dimension dim : cube.dimensions()) dimension(cube, dim);
            for (Measure m : cube.measures()) measure(cube, m);
            for (Segment s : cube.segments()) {
                explain(cube, s.location(), "segment " + s.fullName(), "SELECT 1 FROM " + from(cube) + " WHERE " + render(s.sql(), cube.name()));
            }
            for (Join j : cube.joins()) {
                if (usable.contains(j.to())) join(cube, j);
            }
            Dimension pk = cube.primaryKey().orElse(null);
            if (pk == null) {
                issues.add(Issue.of(WarehouseCheckCode.NO_PRIMARY_KEY, cube.location(), "cube " + cube.name()
                        + " has no primary key: counts are right, but distinct counts through joins need one"));
            } else {
                primaryKey(cube, pk);
            }
        }
        for (AccessPolicy.Role role : catalog.access().roles().values()) {
            for (AccessPolicy.RowFilter f : role.rowFilters()) {
                Cube cube = catalog.cubes().get(f.cube());
                if (cube == null || !usable.contains(cube.name())) continue;
                rowFilter(role, cube, f);
            }
        }
    }

    /** The cube's source plans, and its columns are known; false when it does not (reported). */
    private boolean source(Cube cube) throws SQLException {
        String sql = "SELECT * FROM " + from(cube);
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) names.add(md.getColumnName(i));
            columns.put(cube.name(), names);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            c.rollback(sp);
            if ("42P01".equals(e.getSQLState()) && cube.sourceIsTable()) {
                String table = cube.source().source().strip();
                issues.add(Issue.of(WarehouseCheckCode.MISSING_TABLE, cube.location(), "cube " + cube.name() + ": table " + table
                        + " does not exist (or this user may not read it)", Suggestions.closest(table, tables())).about(cube.name()));
            } else {
                sqlError(cube, cube.location(), "cube " + cube.name() + " source", e, List.of(cube.name()));
            }
            return false;
        }
    }

    private void dimension(Cube cube, Dimension dim) throws SQLException {
        String expr = render(dim.sql(), cube.name());
        String what = "dimension " + dim.fullName();
        String type = typeOf(cube, dim.location(), what, "SELECT " + expr + " FROM " + from(cube));
        if (type == null) return;
        if (dim.type() == DimensionType.TIME && !DATE_TYPES.contains(type)) {
            issues.add(Issue.of(WarehouseCheckCode.NOT_A_DATE, dim.location(), what + " is a time dimension, but its SQL gives "
                    + type + ", not a date or timestamp (cast it, e.g. CAST(... AS date), or make it a string)").about(dim.fullName()));
        }
        if (dim.info().pii()) {
            // Only compiled, never run: the key's placeholder stands in as a typed NULL.
            String masked = "hash".equals(dim.info().masking())
                    ? d.maskHash(Sql.of(expr), new SecretBind("")).text().replace("?", "CAST(NULL AS text)") : d.redact(Sql.of(expr)).text();
            explain(cube, dim.location(), what + " (masked)", "SELECT " + masked + " FROM " + from(cube));
        }
    }

    private void measure(Cube cube, Measure m) throws SQLException {
        String expr = m.sql() == null ? "*" : render(m.sql(), cube.name());
        String agg = switch (m.type()) {
            case COUNT -> "count(" + expr + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + expr + ")";
            case NUMBER -> expr;
            default -> m.type().name().toLowerCase(Locale.ROOT) + "(" + expr + ")";
        };
        StringBuilder sql = new StringBuilder("SELECT ").append(agg).append(" FROM ").append(from(cube));
        for (int i = 0; i < m.filters().size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append('(').append(render(m.filters().get(i), cube.name())).append(')');
        }
        explain(cube, m.location(), "measure " + m.fullName(), sql.toString());
    }

    private void join(Cube cube, Join j) throws SQLException {
        Cube to = catalog.cubes().get(j.to());
        String sql = "SELECT 1 FROM " + from(cube) + " JOIN " + from(to) + " ON " + render(j.sql(), cube.name());
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("EXPLAIN " + sql);
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            c.rollback(sp);
            if ("42883".equals(e.getSQLState())) {
                issues.add(Issue.of(WarehouseCheckCode.INCOMPATIBLE_TYPES, j.location(), "join " + cube.name() + " -> " + j.to()
                        + ": the keys have incompatible types (" + firstLine(e.getMessage()) + "); cast one side").about(cube.name()));
            } else {
                sqlError(cube, j.location(), "join " + cube.name() + " -> " + j.to(), e, List.of(cube.name(), j.to()));
            }
        }
    }

    private void rowFilter(AccessPolicy.Role role, Cube cube, AccessPolicy.RowFilter f) throws SQLException {
        String sql = "SELECT 1 FROM " + from(cube) + " WHERE " + render(f.sql(), cube.name());
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("EXPLAIN " + sql);
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            c.rollback(sp);
            String what = "row filter of role " + role.name() + " on " + cube.name();
            List<String> near = List.of();
            String why = firstLine(e.getMessage());
            if ("42703".equals(e.getSQLState())) {
                near = near(e, List.of(cube.name()));
            } else if ("42883".equals(e.getSQLState())) {
                why += "; the caller's attributes are bound as text: compare with CAST(column AS text)";
            }
            issues.add(Issue.of(WarehouseCheckCode.ROW_FILTER_INVALID, f.location(), what + ": " + why, near).about(cube.name()));
        }
    }

    /** Exact on cubes up to {@link #EXACT_KEY_ROWS} rows; on the first that many rows of larger ones. */
    private void primaryKey(Cube cube, Dimension pk) throws SQLException {
        String key = render(pk.sql(), cube.name());
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            long rows;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + from(cube) + " LIMIT " + (EXACT_KEY_ROWS + 1) + ") r")) {
                rs.next();
                rows = rs.getLong(1);
            }
            boolean bounded = rows > EXACT_KEY_ROWS;
            String sample = "SELECT " + key + " AS k FROM " + from(cube) + (bounded ? " LIMIT " + EXACT_KEY_ROWS : "");
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT k), count(*) - count(k) FROM (" + sample + ") s")) {
                rs.next();
                long n = rs.getLong(1);
                long distinct = rs.getLong(2);
                long nulls = rs.getLong(3);
                if (distinct + nulls < n || nulls > 0) {
                    issues.add(Issue.of(WarehouseCheckCode.DUPLICATE_KEY, pk.location(), String.format(Locale.ROOT,
                            "primary key %s is not unique: %s%,d rows, %,d distinct values%s; figures through joins would be counted "
                                    + "more than once (choose a unique column, or remove primary_key)", pk.fullName(),
                            bounded ? "among the first " : "", n, distinct, nulls > 0 ? String.format(Locale.ROOT, ", %,d nulls", nulls) : ""))
                            .about(pk.fullName()));
                } else if (bounded) {
                    issues.add(Issue.of(WarehouseCheckCode.KEY_CHECK_BOUNDED, pk.location(), String.format(Locale.ROOT,
                            "primary key %s is unique on the first %,d rows; the table is larger, so the check was not exhaustive",
                            pk.fullName(), EXACT_KEY_ROWS)).about(pk.fullName()));
                }
            }
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            c.rollback(sp);
            // The dimension check reports why its SQL fails; nothing to add here.
        }
    }

    /** The SQL's result type, or null when it does not compile (reported). */
    private String typeOf(Cube cube, Location where, String what, String sql) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            String type = ps.getMetaData().getColumnTypeName(1);
            c.releaseSavepoint(sp);
            return type;
        } catch (SQLException e) {
            c.rollback(sp);
            sqlError(cube, where, what, e, List.of(cube.name()));
            return null;
        }
    }

    private void explain(Cube cube, Location where, String what, String sql) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("EXPLAIN " + sql);
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            c.rollback(sp);
            sqlError(cube, where, what, e, List.of(cube.name()));
        }
    }

    private void sqlError(Cube cube, Where where, String what, SQLException e, List<String> cubes) {
        String msg = firstLine(e.getMessage());
        if ("42703".equals(e.getSQLState())) {
            issues.add(Issue.of(WarehouseCheckCode.MISSING_COLUMN, where, what + ": " + msg, near(e, cubes)).about(cube.name()));
        } else if ("42883".equals(e.getSQLState())) {
            issues.add(Issue.of(WarehouseCheckCode.INCOMPATIBLE_TYPES, where, what + ": " + msg).about(cube.name()));
        } else {
            issues.add(Issue.of(WarehouseCheckCode.SQL_ERROR, where, what + " does not compile: " + msg).about(cube.name()));
        }
    }

    /** Did-you-mean from the real columns of the cubes involved. */
    private List<String> near(SQLException e, List<String> cubes) {
        Matcher m = MISSING_COLUMN.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!m.find()) return List.of();
        List<String> candidates = new ArrayList<>();
        for (String cube : cubes) candidates.addAll(columns.getOrDefault(cube, List.of()));
        return Suggestions.closest(m.group(1), candidates);
    }

    private List<String> tables() {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_schema || '.' || table_name, table_name FROM information_schema.tables "
                        + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
                out.add(rs.getString(2));
            }
        } catch (SQLException e) {
            return List.of();
        }
        return out;
    }

    private String from(Cube cube) {
        String source;
        if (cube.sourceIsTable()) {
            source = String.join(".", java.util.Arrays.stream(cube.source().source().strip().split("\\.")).map(d::quote).toList());
        } else {
            source = "(" + render(cube.source(), cube.name()) + ")";
        }
        return source + " AS " + d.quote(cube.name());
    }

    /** {@code FROM} text of a cube's source, for {@link KeyUniqueness}. */
    static String fromOf(Catalog catalog, Cube cube) {
        return new WarehouseCheck(catalog).from(cube);
    }

    /** A dimension's SQL as the check renders it, for {@link KeyUniqueness}. */
    static String sqlOf(Catalog catalog, Dimension dim) {
        return new WarehouseCheck(catalog).render(dim.sql(), dim.cube());
    }

    /** A fragment as the engine renders it, with query-time parameters as typed NULLs. */
    String render(SqlTemplate t, String owner) {
        return render(t, owner, new HashSet<>());
    }

    private String render(SqlTemplate t, String owner, Set<String> inlining) {
        StringBuilder b = new StringBuilder();
        for (SqlTemplate.Part p : t.parts()) {
            if (p instanceof SqlTemplate.Text x) {
                b.append(x.sql());
            } else if (p instanceof SqlTemplate.Column col) {
                b.append(d.quote(col.cube())).append('.').append(d.quote(col.column()));
            } else if (p instanceof SqlTemplate.CubeRef ref) {
                b.append(d.quote(ref.cube()));
            } else if (p instanceof SqlTemplate.Attribute) {
                b.append("CAST(NULL AS varchar)");
            } else if (p instanceof SqlTemplate.Param) {
                b.append("CAST(NULL AS date)");
            } else if (p instanceof SqlTemplate.MemberRef m) {
                String cube = m.cube() == null ? owner : m.cube();
                Dimension dim = catalog.dimension(cube + "." + m.member()).orElse(null);
                if (dim == null && m.cube() == null && catalog.cubes().containsKey(m.member())) {
                    b.append(d.quote(m.member()));
                } else if (dim == null || !inlining.add(dim.fullName())) {
                    b.append(d.quote(m.member()));
                } else {
                    b.append('(').append(render(dim.sql(), dim.cube(), inlining)).append(')');
                    inlining.remove(dim.fullName());
                }
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String line = s.lines().findFirst().orElse("").strip();
        return line.startsWith("ERROR: ") ? line.substring(7) : line;
    }
}
