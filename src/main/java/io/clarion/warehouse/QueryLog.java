package io.clarion.warehouse;

import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/** Records each query run in clarion.query_log. A failure to log never fails the query. */
public final class QueryLog {
    private static final Logger LOG = Logger.getLogger(QueryLog.class);

    private QueryLog() {
    }

    public static void ok(DataSource ds, String source, String principal, QueryService.Outcome out) {
        write(ds, source, principal, out.compiled().query(), sha256(out.compiled().sql().sql()),
                out.result().rowCount(), (int) out.result().durationMs(), "ok", null);
    }

    public static void failed(DataSource ds, String source, String principal, MetricQuery q, RuntimeException e) {
        String outcome = e instanceof QueryException qe && !qe.errors().isEmpty() ? qe.errors().get(0).code()
                : e instanceof WarehouseException we ? we.kind().name().toLowerCase() : "error";
        write(ds, source, principal, q, null, null, null, outcome, e.getMessage());
    }

    private static void write(DataSource ds, String source, String principal, MetricQuery q, String hash, Integer rows,
                              Integer ms, String outcome, String message) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO clarion.query_log (principal, source, query, sql_hash, "
                     + "row_count, duration_ms, outcome, message) VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)")) {
            ps.setString(1, principal);
            ps.setString(2, source);
            ps.setString(3, QueryParser.toJson(q).toString());
            ps.setString(4, hash);
            ps.setObject(5, rows);
            ps.setObject(6, ms);
            ps.setString(7, outcome);
            ps.setString(8, message);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("could not write the query log: %s", e.getMessage());
        }
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
