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
 * in free text are masked before they are written. A failure to write is an error: the request it
 * records is not answered without its row (deliveries, already sent, only log it).
 */
public final class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{7,}\\d");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    public static final int MAX_PAGE = 1000;
    /** Subjects and messages are cut to this many characters before they are scrubbed and written. */
    static final int MAX_TEXT = 2_000;

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

    /**
     * Writes one entry. A failure to write is thrown (as the warehouse being unavailable), not
     * swallowed: the work it records must not be answered without its audit row.
     */
    public void record(Event e) {
        try (Connection c = ds.getConnection()) {
            insert(c, e);
        } catch (SQLException ex) {
            throw unwritten(ex);
        }
    }

    /**
     * Writes one entry on {@code c}, a connection to the store this log writes to, inside the
     * caller's transaction: the change it records and its row are committed together or not at all.
     */
    public void record(Connection c, Event e) {
        try {
            insert(c, e);
        } catch (SQLException ex) {
            throw unwritten(ex);
        }
    }

    private static Unwritten unwritten(SQLException ex) {
        LOG.warnf("could not write the audit log: %s", ex.getMessage());
        return new Unwritten(ex);
    }

    /**
     * The audit row could not be written, so the work it records was not done or not answered.
     * The API answers it as the store being unavailable (503); the command line tells it apart
     * from a warehouse that is down.
     */
    public static final class Unwritten extends WarehouseException {
        Unwritten(SQLException cause) {
            super(Kind.UNAVAILABLE, "the audit log could not be written, so the request was not answered; try again later", cause);
        }
    }

    private static void insert(Connection c, Event e) throws SQLException {
        Principal p = e.principal() == null ? Principal.SYSTEM : e.principal();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO clarion.audit_log (kind, principal, roles, source, subject, "
                     + "query, sql_hash, row_count, duration_ms, outcome, message) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.kind().key());
            ps.setString(2, storable(p.name()));
            ps.setString(3, p.roles().isEmpty() ? null : storable(String.join(",", p.roles())));
            ps.setString(4, e.source());
            ps.setString(5, scrub(storable(e.subject())));
            // jsonb refuses the escaped NUL as well: written as the replacement character.
            ps.setString(6, e.query() == null ? null : e.query().toString().replace("\\u0000", "\\uFFFD"));
            ps.setString(7, e.sqlHash());
            ps.setObject(8, e.rows());
            ps.setObject(9, e.durationMs());
            ps.setString(10, e.outcome());
            ps.setString(11, scrub(storable(e.message())));
            ps.executeUpdate();
        }
    }

    /** Cut to {@link #MAX_TEXT} characters, NUL bytes (which PostgreSQL refuses in text) replaced. */
    static String storable(String s) {
        if (s == null) return null;
        String t = s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "… (" + s.length() + " characters)" : s;
        return t.indexOf('\0') >= 0 ? t.replace('\0', '\uFFFD') : t;
    }

    /** The query as JSON, with the values of filters on PII dimensions masked and e-mail addresses or phone numbers in any other scrubbed. */
    public JsonNode normalized(MetricQuery q) {
        ObjectNode json = QueryParser.toJson(q);
        JsonNode filters = json.get("filters");
        if (filters instanceof ArrayNode list) {
            for (JsonNode f : list) {
                JsonNode dim = f.get("dimension");
                boolean pii = dim != null && dim.isTextual() && catalog.dimension(dim.asText()).map(d -> d.info().pii()).orElse(false);
                if (!(f instanceof ObjectNode o)) continue;
                if (pii) {
                    if (o.has("value")) o.set("value", TextNode.valueOf("[masked]"));
                    if (o.has("values")) o.set("values", TextNode.valueOf("[masked]"));
                } else {
                    // Values (a list for in, between or a date range), and whatever was typed as the member.
                    scrubbed(o);
                }
            }
        }
        // An address typed where a member name goes (an unknown metric, a join path) is kept out too.
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) if (!k.equals("filters")) json.set(k, scrubbed(json.get(k)));
        return json;
    }

    /** Every text inside {@code v} scrubbed: a value may be a list (a date range, between) or an object. */
    private static JsonNode scrubbed(JsonNode v) {
        if (v.isTextual()) return TextNode.valueOf(scrub(storable(v.textValue())));
        if (v instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) a.set(i, scrubbed(a.get(i)));
        } else if (v instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) o.set(k, scrubbed(o.get(k)));
        }
        return v;
    }

    /**
     * Free text with e-mail addresses and phone numbers replaced. Linear in the text's length:
     * addresses are found by scanning out from each '@' rather than by a pattern that backtracks
     * over every long token (a 60,000-letter word took minutes).
     */
    public static String scrub(String text) {
        if (text == null) return null;
        // Dates and times look like digit runs too: a phone number has at least 9 digits and is not an ISO date.
        return PHONE.matcher(emails(text)).replaceAll(m -> {
            String run = m.group();
            boolean phone = run.chars().filter(Character::isDigit).count() >= 9 && !ISO_DATE.matcher(run).find();
            return Matcher.quoteReplacement(phone ? "[phone]" : run);
        });
    }

    /** Each local@domain.tld replaced by [email]; every character is looked at a bounded number of times. */
    static String emails(String text) {
        int at = text.indexOf('@');
        if (at < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (at >= 0) {
            int start = at;
            while (start > copied && localChar(text.charAt(start - 1))) start--;
            int end = at + 1;
            while (end < text.length() && domainChar(text.charAt(end))) end++;
            // The domain ends in a dot and 2+ letters; trailing dots or hyphens are not part of it.
            int domainEnd = end;
            while (domainEnd > at + 1 && !Character.isLetter(text.charAt(domainEnd - 1))) domainEnd--;
            int letters = 0;
            while (domainEnd - letters - 1 > at + 1 && isAsciiLetter(text.charAt(domainEnd - letters - 1))) letters++;
            boolean tld = letters >= 2 && text.charAt(domainEnd - letters - 1) == '.';
            if (start < at && tld) {
                out.append(text, copied, start).append("[email]");
                copied = domainEnd;
                at = text.indexOf('@', domainEnd);
            } else {
                at = text.indexOf('@', at + 1);
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean localChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean domainChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
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
