package io.clarion.engine;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Rollup;
import io.clarion.governance.policy.Access;
import io.clarion.query.AccessRules;
import io.clarion.query.MetricQuery;
import io.clarion.query.ResolvedQuery;
import io.clarion.sql.CompiledSql;
import io.clarion.sql.Dialect;
import io.clarion.warehouse.QueryResult;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's rollups: built from the warehouse into Clarion's app store (tables
 * {@code clarion.rollup_<name>}, never the warehouse), their state (fingerprint of the build
 * query, reference date, build time, rows), and the choice of a rollup for a query. A rollup is
 * read only when {@link RollupMatcher} finds it exact and it is fresh: built from today's
 * definition and reference date (the fingerprint) and younger than its {@code max_age}, and
 * when it holds clearly fewer rows than the tables it is built from ({@link #MAX_SHARE}).
 * Otherwise the query reads the raw tables and explain says why.
 */
public final class Rollups {
    /** The most rows one rollup may hold; a bigger one is not a rollup but a copy. */
    static final int MAX_ROWS = 2_000_000;
    /**
     * The largest share of the rows of the tables it is built from (as PostgreSQL estimates them at
     * its build) a rollup may hold and still be read. A rollup pays by reading fewer rows than those
     * tables; at about as many, they read as fast or faster (on a short date range the table's index
     * on the date reads little; at 100,000 customers signups by day over five profile columns kept
     * 81% of the customers and read at 0.8-0.9x the table on "this year"). Rollups holding 26% to
     * 45% of their tables' rows still read 1.8 to 7.9 times faster, as they save the joins and the
     * grouping: so half, not less. A cube computed from many rows (the health cube) is weighed
     * against those rows, not its own, so its rollup is read whatever its size against the cube.
     */
    static final double MAX_SHARE = 0.5;

    private final Catalog catalog;
    private final DataSource store;
    private final Dialect dialect;
    private final Clock clock;
    private final Duration timeout;
    private final double maxShare;
    /** The current build query's fingerprint per rollup and reference date (the catalog is fixed for this object's life). */
    private final java.util.Map<String, String> fingerprints = new java.util.concurrent.ConcurrentHashMap<>();

    public Rollups(Catalog catalog, DataSource store, Dialect dialect, Duration timeout, Clock clock) {
        this(catalog, store, dialect, timeout, clock, MAX_SHARE);
    }

    private Rollups(Catalog catalog, DataSource store, Dialect dialect, Duration timeout, Clock clock, double maxShare) {
        this.catalog = catalog;
        this.store = store;
        this.dialect = dialect;
        this.timeout = timeout;
        this.clock = clock;
        this.maxShare = maxShare;
    }

    /**
     * The same rollups read whatever their size against their tables': for tests that check a
     * rollup's rows on a data set too small for it to pay.
     */
    public Rollups readingAnySize() {
        return new Rollups(catalog, store, dialect, timeout, clock, Double.POSITIVE_INFINITY);
    }

    /** Which rollup answered a query (null: the raw tables), and why each other one did not. */
    public record Route(String served, List<String> notes) {
        public static final Route NONE = new Route(null, List.of());

        public Route {
            notes = List.copyOf(notes);
        }
    }

    /**
     * A rollup's state as built, and whether it may be read now; {@code sourceRows}: the rows of the
     * tables it is built from, when built (0: not known); {@code lastFailure}: the builds that failed since the last
     * one that succeeded, or null. {@code reason}: why queries do not read it (stale, missing, or
     * holding about as many rows as its tables), or null.
     */
    public record Status(String name, String cube, boolean built, Instant builtAt, LocalDate referenceDate, long rows,
                         long sourceRows, long buildMillis, boolean fresh, String reason, Failure lastFailure) {
    }

    /** Builds that failed in a row: when the last did, how many, and why. */
    public record Failure(Instant at, int attempts, String message) {
    }

    public static class RollupException extends RuntimeException {
        public RollupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record State(String fingerprint, LocalDate referenceDate, Instant builtAt, long buildMillis, long rows, long sourceRows) {
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Builds (or rebuilds) rollup {@code name} with the raw engine {@code raw}, replacing the old table in one transaction. */
    public Status build(String name, QueryService raw) {
        Rollup r = catalog.rollup(name).orElseThrow(() -> new RollupException("no rollup named " + name
                + (catalog.rollups().isEmpty() ? " (the catalog declares none)" : "; the catalog declares "
                + String.join(", ", catalog.rollups().stream().map(Rollup::name).toList())), null));
        long start = System.nanoTime();
        QueryService builder = raw.onCatalog(RollupCatalog.forBuilding(r, catalog));
        QueryService.Compiled c = builder.compile(buildQuery(r), new QueryService.Options(false, MAX_ROWS, Access.FULL));
        QueryResult rows = builder.execute(c);
        if (rows.truncated()) throw new RollupException("rollup " + name + " would hold more than " + MAX_ROWS + " rows", null);
        List<String> cols = RollupCatalog.columns(r, catalog);
        long sourceRows = sourceRows(name, builder, c);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < rows.columns().size(); i++) {
            types.add(switch (rows.columns().get(i).type()) {
                case "time" -> "date";
                case "boolean" -> "boolean";
                case "string" -> "text";
                default -> RollupCatalog.measureType(rows.rows(), i);
            });
        }
        String table = RollupCatalog.table(r);
        String next = table + "__next";
        try (Connection conn = store.getConnection()) {
            conn.setAutoCommit(false);
            try (Statement s = conn.createStatement()) {
                // One build of a rollup at a time across instances sharing the store.
                s.execute("SELECT pg_advisory_xact_lock(hashtext('clarion.rollup." + name + "'))");
                s.execute("DROP TABLE IF EXISTS " + next);
                List<String> defs = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) defs.add(dialect.quote(cols.get(i)) + " " + types.get(i));
                s.execute("CREATE TABLE " + next + " (" + String.join(", ", defs) + ")");
            }
            String insert = "INSERT INTO " + next + " VALUES (" + String.join(", ", cols.stream().map(x -> "?").toList()) + ")";
            try (PreparedStatement ps = conn.prepareStatement(insert)) {
                int n = 0;
                for (List<Object> row : rows.rows()) {
                    for (int i = 0; i < cols.size(); i++) ps.setObject(i + 1, RollupCatalog.value(row.get(i), types.get(i)));
                    ps.addBatch();
                    if (++n % 5000 == 0) ps.executeBatch();
                }
                ps.executeBatch();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            try (Statement s = conn.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("ALTER TABLE " + next + " RENAME TO " + dialect.quote(RollupCatalog.cubeName(r)));
                // A date range then reads its own periods, as the raw table's index on the date
                // does: without it, a day rollup scanned whole loses to the table on a short range.
                // Made after the rename, so the index is named after the table that keeps it.
                if (r.timeDimension() != null) s.execute("CREATE INDEX ON " + table + " (" + dialect.quote(RollupCatalog.TIME) + ")");
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO clarion.rollup_state (name, fingerprint, reference_date, "
                    + "built_at, build_ms, row_count, source_rows) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                    + "fingerprint = excluded.fingerprint, reference_date = excluded.reference_date, built_at = excluded.built_at, "
                    + "build_ms = excluded.build_ms, row_count = excluded.row_count, source_rows = excluded.source_rows")) {
                ps.setString(1, name);
                ps.setString(2, fingerprint(c.sql()));
                ps.setObject(3, raw.referenceDate());
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setLong(5, millis);
                ps.setLong(6, rows.rows().size());
                ps.setLong(7, sourceRows);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM clarion.rollup_failure WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            conn.commit();
            try (Statement s = conn.createStatement()) {
                conn.setAutoCommit(true);
                s.execute("ANALYZE " + table);
            }
        } catch (SQLException e) {
            throw new RollupException("cannot build rollup " + name + " in the app store: " + e.getMessage(), e);
        }
        return status(r, raw);
    }

    /**
     * The rows of the warehouse tables the build read (the health cube's: events, tickets and
     * payments, not its own rows), or 0 when the warehouse cannot say: the rollup is then read
     * whatever its size, as an estimate is not worth a failed build.
     */
    private static long sourceRows(String name, QueryService builder, QueryService.Compiled build) {
        try {
            return builder.rowsOfTablesRead(build.sql());
        } catch (io.clarion.warehouse.WarehouseException e) {
            org.jboss.logging.Logger.getLogger(Rollups.class).warnf("rollup %s: its tables' rows are not known (%s), "
                    + "so it is read whatever its size", name, e.getMessage());
            return 0;
        }
    }

    public List<Status> status(QueryService raw) {
        return catalog.rollups().stream().map(r -> status(r, raw)).toList();
    }

    /** Rollup {@code name}'s state; a name the catalog does not declare is a {@link RollupException}. */
    public Status status(String name, QueryService raw) {
        return status(catalog.rollup(name).orElseThrow(() -> new RollupException("no rollup named " + name, null)), raw);
    }

    private Status status(Rollup r, QueryService raw) {
        Optional<State> s = state(r.name());
        String stale = staleness(r, s, raw);
        String reason = stale != null ? stale : tooBig(r, s.get());
        Failure failed = lastFailure(r.name()).orElse(null);
        return s.map(x -> new Status(r.name(), r.cube(), true, x.builtAt(), x.referenceDate(), x.rows(), x.sourceRows(), x.buildMillis(),
                        stale == null, reason, failed))
                .orElseGet(() -> new Status(r.name(), r.cube(), false, null, null, 0, 0, 0, false, reason, failed));
    }

    /**
     * Why rollup {@code r}, as built, is not worth reading (about as many rows as its tables), or
     * null: compared with the rows recorded at its build, so no query is run to decide.
     */
    private String tooBig(Rollup r, State s) {
        if (s.sourceRows() <= 0 || s.rows() <= maxShare * s.sourceRows()) return null;
        return String.format(java.util.Locale.ROOT, "rollup %s holds %,d rows, about as many as its tables' %,d (a rollup is read "
                + "when it holds at most %d%% of them): read the tables", r.name(), s.rows(), s.sourceRows(), Math.round(maxShare * 100));
    }

    /**
     * The rollup that answers {@code q} for {@code access}, with the query over it compiled, or
     * none; every rollup that did not serve says why in the route's notes.
     */
    Optional<Served> route(ResolvedQuery q, AccessRules access, QueryService raw) {
        List<String> notes = new ArrayList<>();
        Served best = null;
        long bestRows = Long.MAX_VALUE;
        for (Rollup r : catalog.rollups()) {
            RollupMatcher.Result m = RollupMatcher.match(r, catalog, q, access);
            if (m instanceof RollupMatcher.Miss miss) {
                notes.add(r.name() + ": not used: " + miss.reason());
                continue;
            }
            RollupMatcher.Match match = (RollupMatcher.Match) m;
            Optional<State> s = state(r.name());
            String stale = staleness(r, s, raw);
            if (stale != null) {
                notes.add(r.name() + ": not used: " + stale + "; the raw tables answered");
                continue;
            }
            String big = tooBig(r, s.get());
            if (big != null) {
                notes.add(r.name() + ": not used: " + big);
                continue;
            }
            if (best != null && s.get().rows() >= bestRows) {
                notes.add(r.name() + ": not used: " + best.rollup() + " answers too and is smaller");
                continue;
            }
            MetricQuery rq = match.query();
            Optional<String> seg = RollupCatalog.rowsSegment(r, match.filtered());
            if (seg.isPresent()) {
                rq = new MetricQuery(rq.metrics(), rq.dimensions(), rq.filters(), List.of(seg.get()), rq.orderBy(), rq.limit(),
                        rq.timezone(), null, List.of(), List.of(), false);
            }
            QueryService reader = raw.onCatalog(RollupCatalog.forReading(r, catalog, match.filtered()));
            QueryService.Compiled c = reader.compile(rq, new QueryService.Options(false, Math.max(1, q.limit()), Access.FULL));
            if (c.columns().size() != q.dimensions().size() + q.outputs().size()) {
                notes.add(r.name() + ": not used: its answer would not have the query's columns");
                continue;
            }
            if (best != null) notes.add(best.rollup() + ": not used: " + r.name() + " answers too and is smaller");
            best = new Served(r.name(), c.sql(), c.plan().limit());
            bestRows = s.get().rows();
        }
        if (best == null) return notes.isEmpty() ? Optional.empty() : Optional.of(new Served(null, null, 0, notes));
        return Optional.of(new Served(best.rollup(), best.sql(), best.limit(), notes));
    }

    /** The answer's SQL over a rollup (null rollup: none served; the notes still say why). */
    record Served(String rollup, CompiledSql sql, int limit, List<String> notes) {
        Served(String rollup, CompiledSql sql, int limit) {
            this(rollup, sql, limit, List.of());
        }
    }

    /** Why rollup {@code r} may not be read now, or null when it may. */
    private String staleness(Rollup r, Optional<State> s, QueryService raw) {
        if (s.isEmpty()) return "rollup " + r.name() + " has not been built (clarion rollups build " + r.name() + ")";
        String now = fingerprints.computeIfAbsent(r.name() + "@" + raw.referenceDate(), k -> fingerprint(raw.onCatalog(
                RollupCatalog.forBuilding(r, catalog)).compile(buildQuery(r), new QueryService.Options(false, MAX_ROWS, Access.FULL)).sql()));
        if (!now.equals(s.get().fingerprint())) {
            return "rollup " + r.name() + " was built from another definition or reference date (built as of "
                    + s.get().referenceDate() + ", the query is as of " + raw.referenceDate() + ")";
        }
        Duration age = Duration.between(s.get().builtAt(), clock.instant());
        if (age.compareTo(r.maxAge()) > 0) {
            return "rollup " + r.name() + " is stale: built " + age.toMinutes() + " minutes ago, its max_age is "
                    + r.maxAge().toMinutes() + " minutes";
        }
        return null;
    }

    /** Records a failed build of {@code name}; the failures in a row so far, this one included. */
    public Failure recordFailure(String name, String message) {
        try (Connection c = store.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO clarion.rollup_failure (name, failed_at, attempts, message) "
                     + "VALUES (?, ?, 1, ?) ON CONFLICT (name) DO UPDATE SET failed_at = excluded.failed_at, "
                     + "attempts = clarion.rollup_failure.attempts + 1, message = excluded.message RETURNING failed_at, attempts, message")) {
            ps.setString(1, name);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, message == null ? "(no message)" : message);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Failure(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new RollupException("cannot record the failed build of rollup " + name + " in the app store: " + e.getMessage(), e);
        }
    }

    /** The builds of {@code name} that failed since its last successful one, if any did. */
    public Optional<Failure> lastFailure(String name) {
        try (Connection c = store.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT failed_at, attempts, message FROM clarion.rollup_failure WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Failure(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new RollupException("cannot read the rollups' failures in the app store: " + e.getMessage(), e);
        }
    }

    private Optional<State> state(String name) {
        try (Connection c = store.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT fingerprint, reference_date, built_at, build_ms, row_count, source_rows "
                     + "FROM clarion.rollup_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                // getLong reads a null source_rows (built before it was counted) as 0: not known.
                return Optional.of(new State(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getTimestamp(3).toInstant(),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw new RollupException("cannot read the rollups' state in the app store: " + e.getMessage(), e);
        }
    }

    private MetricQuery buildQuery(Rollup r) {
        return new MetricQuery(RollupCatalog.buildMeasures(r, catalog), RollupCatalog.buildDimensions(r), null, null, null,
                MAX_ROWS, null, null, null, null, false);
    }

    /** The build query's SQL and values: it changes when the definition or (for members reading it) the reference date does. */
    private static String fingerprint(CompiledSql sql) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(sql.sql().getBytes(StandardCharsets.UTF_8));
            for (Object b : sql.binds()) md.update(("\u0000" + b).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    QueryResult execute(CompiledSql sql, List<QueryResult.Column> columns, int limit) {
        return new io.clarion.warehouse.QueryExecutor(store, timeout, dialect.queryTransactionSettings()).execute(sql, columns, limit);
    }
}
