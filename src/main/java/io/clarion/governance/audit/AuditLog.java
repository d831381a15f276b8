package io.clarion.governance.audit;

import io.clarion.sql.CompiledSql;
import io.clarion.warehouse.QueryResult;
import io.clarion.warehouse.WarehouseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clarion.catalog.model.Catalog;
import io.clarion.query.MetricQuery;
import io.clarion.governance.policy.Principal;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log ({@code clarion.audit_log}): who asked what, the SQL that answered (by hash),
 * how many rows, and how it went. Values of PII filters and e-mail addresses or phone numbers
 * in free text are masked before they are written. A failure to write never fails the work.
 */
public final class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{7,}\\d");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    public static final int MAX_PAGE = 1000;

    public enum Kind { QUERY, CHAT_QUESTION, TOOL_CALL, BRIEFING_RUN, DELIVERY, FEEDBACK, ACCESS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One audited event; {@code query} is the normalized metric query when there is one. */
    public record Event(Kind kind, String source, Principal principal, String subject, JsonNode query, String sqlHash,
                        Integer rows, Integer durationMs, String outcome, String message) {
    }

    /** A stored entry, as the audit API returns it. */
    public record Entry(long id, Instant at, String principal, String roles, String kind, String source, String subject,
                        JsonNode query, String sqlHash, Integer rowCount, Integer durationMs, String outcome, String message) {
    }

    /** Which entries to read: each null field matches everything. */
    public record Search(String principal, String kind, String outcome, String source, Instant since, Instant until,
                         Long beforeId, int limit) {
    }

    private final DataSource ds;
    private final Catalog catalog;

    public AuditLog(DataSource ds, Catalog catalog) {
        this.ds = ds;
        this.catalog = catalog;
    }

    public void queryOk(String source, Principal p, MetricQuery query, CompiledSql sql, QueryResult result) {
        record(new Event(Kind.QUERY, source, p, null, normalized(query), sha256(sql.sql()),
                result.rowCount(), (int) result.durationMs(), "ok", null));
    }

    public void queryFailed(String source, Principal p, MetricQuery q, RuntimeException e) {
        record(new Event(Kind.QUERY, source, p, null, q == null ? null : normalized(q), null, null, null, outcome(e), e.getMessage()));
    }

    /** The error code of a failure: the first query error's code, the warehouse failure kind, or "error". */
    public static String outcome(RuntimeException e) {
        return e instanceof QueryException qe && !qe.errors().isEmpty() ? qe.errors().get(0).key()
                : e instanceof WarehouseException we ? we.kind().name().toLowerCase(Locale.ROOT) : "error";
    }

    /**
     * Records an event that ran no metric query. {@code startNanos} is {@link System#nanoTime()}
     * when the work began, or 0 when its duration is not worth recording.
     */
    public void event(Kind kind, String source, Principal p, String subject, Integer rows, long startNanos, String outcome,
                      String message) {
        record(new Event(kind, source, p, subject, null, null, rows, startNanos == 0 ? null : millisSince(startNanos), outcome, message));
    }

    public static int millisSince(long startNanos) {
        return (int) ((System.nanoTime() - startNanos) / 1_000_000);
    }

    public void record(Event e) {
        Principal p = e.principal() == null ? Principal.SYSTEM : e.principal();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO clarion.audit_log (kind, principal, roles, source, subject, "
                     + "query, sql_hash, row_count, duration_ms, outcome, message) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.kind().key());
            ps.setString(2, p.name());
            ps.setString(3, p.roles().isEmpty() ? null : String.join(",", p.roles()));
            ps.setString(4, e.source());
            ps.setString(5, scrub(e.subject()));
            ps.setString(6, e.query() == null ? null : e.query().toString());
            ps.setString(7, e.sqlHash());
            ps.setObject(8, e.rows());
            ps.setObject(9, e.durationMs());
            ps.setString(10, e.outcome());
            ps.setString(11, scrub(e.message()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            LOG.warnf("could not write the audit log: %s", ex.getMessage());
        }
    }

    /** The query as JSON, with the values of filters on PII dimensions masked. */
    public JsonNode normalized(MetricQuery q) {
        ObjectNode json = QueryParser.toJson(q);
        JsonNode filters = json.get("filters");
        if (filters instanceof ArrayNode list) {
            for (JsonNode f : list) {
                JsonNode dim = f.get("dimension");
                boolean pii = dim != null && dim.isTextual() && catalog.dimension(dim.asText()).map(d -> d.info().pii()).orElse(false);
                if (pii && f instanceof ObjectNode o) {
                    if (o.has("value")) o.set("value", TextNode.valueOf("[masked]"));
                    if (o.has("values")) o.set("values", TextNode.valueOf("[masked]"));
                }
            }
        }
        return json;
    }

    /** Free text with e-mail addresses and phone numbers replaced. */
    public static String scrub(String text) {
        if (text == null) return null;
        // Dates and times look like digit runs too: a phone number has at least 9 digits and is not an ISO date.
        return PHONE.matcher(EMAIL.matcher(text).replaceAll("[email]")).replaceAll(m -> {
            String run = m.group();
            boolean phone = run.chars().filter(Character::isDigit).count() >= 9 && !ISO_DATE.matcher(run).find();
            return Matcher.quoteReplacement(phone ? "[phone]" : run);
        });
    }

    public List<Entry> search(Search s) {
        StringBuilder sql = new StringBuilder("SELECT id, at, principal, roles, kind, source, subject, query, sql_hash, row_count, "
                + "duration_ms, outcome, message FROM clarion.audit_log WHERE TRUE");
        List<Object> binds = new ArrayList<>();
        if (s.principal() != null) { sql.append(" AND principal = ?"); binds.add(s.principal()); }
        if (s.kind() != null) { sql.append(" AND kind = ?"); binds.add(s.kind()); }
        if (s.outcome() != null) { sql.append(" AND outcome = ?"); binds.add(s.outcome()); }
        if (s.source() != null) { sql.append(" AND source = ?"); binds.add(s.source()); }
        if (s.since() != null) { sql.append(" AND at >= ?"); binds.add(Timestamp.from(s.since())); }
        if (s.until() != null) { sql.append(" AND at < ?"); binds.add(Timestamp.from(s.until())); }
        if (s.beforeId() != null) { sql.append(" AND id < ?"); binds.add(s.beforeId()); }
        sql.append(" ORDER BY id DESC LIMIT ?");
        binds.add(Math.max(1, Math.min(MAX_PAGE, s.limit())));
        List<Entry> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < binds.size(); i++) ps.setObject(i + 1, binds.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String q = rs.getString(8);
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), q == null ? null : JSON.readTree(q), rs.getString(9),
                            (Integer) rs.getObject(10), (Integer) rs.getObject(11), rs.getString(12), rs.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw new WarehouseException(WarehouseException.Kind.UNAVAILABLE, "cannot read the audit log: " + e.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an audit entry holds invalid JSON: " + e.getMessage(), e);
        }
        return out;
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
