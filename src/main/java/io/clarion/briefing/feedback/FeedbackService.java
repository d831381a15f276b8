package io.clarion.briefing.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.clarion.governance.policy.Principal;
import io.clarion.governance.audit.AuditLog;
import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Owners' feedback on the accounts their briefings flagged: the current state per (skill, owner,
 * customer) and every change, in the app schema.
 */
public final class FeedbackService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEEDBACK_COLUMNS = "id, skill, owner_id, customer_id, verdict, status, due_date, note, "
            + "briefing_id, risk_points, updated_at, updated_by";

    private final DataSource ds;

    public FeedbackService(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Records a verdict: the current row is inserted or replaced and the change appended to its
     * history, in one transaction. Refused when the account was not in a briefing of that skill
     * for that owner.
     */
    private volatile AuditLog audit;

    /** Records every feedback change (and refused change) in {@code log} from now on. */
    public void auditTo(AuditLog log) {
        this.audit = log;
    }

    private static AuditLog.Event event(FeedbackChange change, String outcome, String message) {
        String by = change.by() == null ? "owner " + change.ownerId() : change.by();
        return new AuditLog.Event(AuditLog.Kind.FEEDBACK, "feedback", Principal.named(by), change.skill() + " " + change.ownerId() + " "
                + change.customerId(), null, null, null, null, outcome, message);
    }

    /**
     * Records a change and its audit row in one transaction (the log writes to this same store):
     * a change whose row cannot be written is rolled back, and a refused one is audited on its own.
     */
    public Feedback record(FeedbackChange change) {
        try {
            return recordChange(change);
        } catch (RuntimeException e) {
            AuditLog log = audit;
            if (log != null && !(e instanceof io.clarion.warehouse.WarehouseException)) {
                log.record(event(change, e instanceof FeedbackException fe ? fe.code() : "error", e.getMessage()));
            }
            throw e;
        }
    }

    private Feedback recordChange(FeedbackChange change) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Feedback f = record(c, change);
                AuditLog log = audit;
                if (log != null) {
                    log.record(c, event(change, "ok", change.verdict() == null ? null : change.verdict().name().toLowerCase(java.util.Locale.ROOT)
                            + (change.status() == null ? "" : ", " + change.status().name().toLowerCase(java.util.Locale.ROOT))));
                }
                c.commit();
                return f;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the feedback: " + e.getMessage(), e);
        }
    }

    private Feedback record(Connection c, FeedbackChange ch) throws SQLException {
        Flagged flagged = flaggedIn(c, ch);
        Integer risk = ch.riskPoints() != null ? ch.riskPoints() : flagged.riskPoints();
        String upsert = "INSERT INTO clarion.account_feedback (skill, owner_id, customer_id, verdict, status, due_date, note, "
                + "briefing_id, risk_points, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?) "
                + "ON CONFLICT (skill, owner_id, customer_id) DO UPDATE SET verdict = EXCLUDED.verdict, status = EXCLUDED.status, "
                + "due_date = EXCLUDED.due_date, note = EXCLUDED.note, briefing_id = EXCLUDED.briefing_id, "
                + "risk_points = EXCLUDED.risk_points, updated_at = now(), updated_by = EXCLUDED.updated_by "
                + "RETURNING " + FEEDBACK_COLUMNS;
        Feedback f;
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            ps.setString(1, ch.skill());
            ps.setString(2, ch.ownerId());
            ps.setString(3, ch.customerId());
            ps.setString(4, ch.verdict().code());
            ps.setString(5, ch.status().code());
            ps.setObject(6, ch.dueDate(), Types.DATE);
            ps.setString(7, ch.note());
            ps.setLong(8, flagged.briefingId());
            ps.setInt(9, risk);
            ps.setString(10, ch.by());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                f = feedback(rs);
            }
        }
        String history = "INSERT INTO clarion.account_feedback_history (feedback_id, at, by_whom, verdict, status, due_date, note, briefing_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(history)) {
            ps.setLong(1, f.id());
            ps.setObject(2, f.updatedAt());
            ps.setString(3, ch.by());
            ps.setString(4, ch.verdict().code());
            ps.setString(5, ch.status().code());
            ps.setObject(6, ch.dueDate(), Types.DATE);
            ps.setString(7, ch.note());
            ps.setLong(8, flagged.briefingId());
            ps.executeUpdate();
        }
        return f;
    }

    private record Flagged(long briefingId, int riskPoints) {
    }

    /** The briefing (the given one, or the owner's latest of that skill) that flagged the account. */
    private static Flagged flaggedIn(Connection c, FeedbackChange ch) throws SQLException {
        String sql = "SELECT b.id, a.risk_points FROM clarion.briefing b JOIN clarion.briefing_account a ON a.briefing_id = b.id "
                + "WHERE b.skill = ? AND b.owner_id = ? AND a.customer_id = ? AND (CAST(? AS bigint) IS NULL OR b.id = ?) "
                + "ORDER BY b.cycle DESC, b.id DESC LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ch.skill());
            ps.setString(2, ch.ownerId());
            ps.setString(3, ch.customerId());
            ps.setObject(4, ch.briefingId(), Types.BIGINT);
            ps.setObject(5, ch.briefingId(), Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return new Flagged(rs.getLong(1), rs.getInt(2));
            }
        }
        String where = ch.briefingId() == null ? "any " + ch.skill() + " briefing" : ch.skill() + " briefing " + ch.briefingId();
        throw new FeedbackException("not_in_briefing", "customer_id", "customer " + ch.customerId() + " was not flagged in "
                + where + " of owner " + ch.ownerId() + "; feedback is taken only on accounts a briefing showed that owner");
    }

    public Optional<Feedback> find(long id) {
        List<Feedback> l = query("SELECT " + FEEDBACK_COLUMNS + " FROM clarion.account_feedback WHERE id = ?", List.of(id));
        return l.stream().findFirst();
    }

    /** The current feedback on one account, if any. */
    public Optional<Feedback> find(String skill, String ownerId, String customerId) {
        return query("SELECT " + FEEDBACK_COLUMNS + " FROM clarion.account_feedback WHERE skill = ? AND owner_id = ? AND customer_id = ?",
                List.of(skill, ownerId, customerId)).stream().findFirst();
    }

    /** Current feedback, newest first; each null filter matches everything. */
    public List<Feedback> list(String ownerId, FollowUpStatus status, String skill) {
        StringBuilder sql = new StringBuilder("SELECT " + FEEDBACK_COLUMNS + " FROM clarion.account_feedback WHERE true");
        List<Object> args = new ArrayList<>();
        if (ownerId != null) {
            sql.append(" AND owner_id = ?");
            args.add(ownerId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.code());
        }
        if (skill != null) {
            sql.append(" AND skill = ?");
            args.add(skill);
        }
        sql.append(" ORDER BY updated_at DESC, id DESC");
        return query(sql.toString(), args);
    }

    /** Every change of one feedback row, oldest first; NoSuchElementException when there is no such row. */
    public List<FeedbackHistoryEntry> history(long feedbackId) {
        if (find(feedbackId).isEmpty()) throw new NoSuchElementException("no feedback with id " + feedbackId);
        String sql = "SELECT id, feedback_id, at, by_whom, verdict, status, due_date, note, briefing_id "
                + "FROM clarion.account_feedback_history WHERE feedback_id = ? ORDER BY at, id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, feedbackId);
            List<FeedbackHistoryEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FeedbackHistoryEntry(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4),
                            Verdict.fromCode(rs.getString(5)), FollowUpStatus.fromCode(rs.getString(6)),
                            rs.getObject(7, LocalDate.class), rs.getString(8), nullableLong(rs, 9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the feedback history: " + e.getMessage(), e);
        }
    }

    /**
     * Precision per briefing cycle of a skill, oldest first, every cycle that has briefings. Each
     * account flagged in a cycle counts once, with the latest verdict given on that cycle's
     * briefing (an owner who changes their mind is counted by their last word).
     */
    public List<CyclePrecision> precisionByCycle(String skill) {
        return precisionByCycle(skill, null);
    }

    /** An owner's last word on an account flagged in a cycle: the verdict given on that cycle's briefing. */
    public record CycleVerdict(LocalDate cycle, String customerId, Verdict verdict) {
    }

    /**
     * Every verdict given on a skill's briefings, the latest per cycle and account, oldest cycle
     * first. A verdict is dated by its briefing's cycle (the date the account was scored as of);
     * one recorded without a briefing has no such date and is left out.
     */
    public List<CycleVerdict> verdictsByCycle(String skill) {
        String sql = """
                SELECT DISTINCT ON (b.cycle, f.customer_id) b.cycle, f.customer_id, h.verdict
                FROM clarion.account_feedback_history h
                JOIN clarion.account_feedback f ON f.id = h.feedback_id
                JOIN clarion.briefing b ON b.id = h.briefing_id
                WHERE b.skill = ?
                ORDER BY b.cycle, f.customer_id, h.at DESC, h.id DESC""";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, skill);
            List<CycleVerdict> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CycleVerdict(rs.getObject(1, LocalDate.class), rs.getString(2), Verdict.fromCode(rs.getString(3))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the verdicts: " + e.getMessage(), e);
        }
    }

    /** {@code ownerId} not null: only that owner's briefings and verdicts count (what an owner may see). */
    public List<CyclePrecision> precisionByCycle(String skill, String ownerId) {
        String sql = """
                WITH latest AS (
                  SELECT DISTINCT ON (b.cycle, f.customer_id) b.cycle, h.verdict
                  FROM clarion.account_feedback_history h
                  JOIN clarion.account_feedback f ON f.id = h.feedback_id
                  JOIN clarion.briefing b ON b.id = h.briefing_id
                  WHERE b.skill = ? AND (CAST(? AS text) IS NULL OR b.owner_id = ?)
                  ORDER BY b.cycle, f.customer_id, h.at DESC, h.id DESC
                ), cycles AS (
                  SELECT DISTINCT cycle FROM clarion.briefing WHERE skill = ? AND (CAST(? AS text) IS NULL OR owner_id = ?)
                )
                SELECT c.cycle,
                       count(*) FILTER (WHERE l.verdict = 'confirmed'),
                       count(*) FILTER (WHERE l.verdict = 'false_positive'),
                       count(*) FILTER (WHERE l.verdict = 'handled')
                FROM cycles c LEFT JOIN latest l ON l.cycle = c.cycle
                GROUP BY c.cycle ORDER BY c.cycle""";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, skill);
            ps.setString(2, ownerId);
            ps.setString(3, ownerId);
            ps.setString(4, skill);
            ps.setString(5, ownerId);
            ps.setString(6, ownerId);
            List<CyclePrecision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int confirmed = rs.getInt(2);
                    int falsePositives = rs.getInt(3);
                    Double precision = confirmed + falsePositives == 0 ? null : (double) confirmed / (confirmed + falsePositives);
                    out.add(new CyclePrecision(rs.getObject(1, LocalDate.class), confirmed, falsePositives, rs.getInt(4), precision));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute precision per cycle: " + e.getMessage(), e);
        }
    }

    /** The current feedback of one owner for one skill, by customer id: what the next cycle builds on. */
    /** Every owner's standing verdicts for a skill: owner → customer → state (one read for a whole cycle). */
    public Map<String, Map<String, FeedbackState>> currentFor(String skill) {
        Map<String, Map<String, FeedbackState>> out = new LinkedHashMap<>();
        for (Feedback f : query("SELECT " + FEEDBACK_COLUMNS + " FROM clarion.account_feedback WHERE skill = ? ORDER BY owner_id, customer_id",
                List.of(skill))) {
            out.computeIfAbsent(f.ownerId(), k -> new LinkedHashMap<>()).put(f.customerId(), f.state());
        }
        return out;
    }

    public Map<String, FeedbackState> currentFor(String skill, String ownerId) {
        Map<String, FeedbackState> out = new LinkedHashMap<>();
        for (Feedback f : query("SELECT " + FEEDBACK_COLUMNS + " FROM clarion.account_feedback WHERE skill = ? AND owner_id = ? ORDER BY customer_id",
                List.of(skill, ownerId))) {
            out.put(f.customerId(), f.state());
        }
        return out;
    }

    /** One account of one briefing as it was flagged, when the briefing belongs to that owner. */
    public Optional<FlaggedAccount> account(long briefingId, String customerId, String ownerId) {
        String sql = "SELECT b.id, b.skill, b.cycle, b.owner_id, b.owner_name, a.customer_id, a.customer_name, a.risk_level, "
                + "a.risk_points, a.mrr, a.driver, a.evidence::text FROM clarion.briefing b "
                + "JOIN clarion.briefing_account a ON a.briefing_id = b.id WHERE b.id = ? AND a.customer_id = ? AND b.owner_id = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, briefingId);
            ps.setString(2, customerId);
            ps.setString(3, ownerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new FlaggedAccount(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getBigDecimal(10),
                        rs.getString(11), evidence(rs.getString(12))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the briefing account: " + e.getMessage(), e);
        }
    }

    static List<FlaggedAccount.Evidence> evidence(String json) {
        JsonNode arr;
        try {
            arr = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the stored evidence is not JSON: " + e.getMessage(), e);
        }
        List<FlaggedAccount.Evidence> out = new ArrayList<>();
        if (arr == null || !arr.isArray()) return out;
        for (JsonNode e : arr) {
            Map<String, String> values = new LinkedHashMap<>();
            e.path("values").fields().forEachRemaining(v -> values.put(v.getKey(), v.getValue().isNull() ? "" : v.getValue().asText()));
            out.add(new FlaggedAccount.Evidence(e.path("signal").asText(""), e.path("label").asText(e.path("signal").asText("")), values));
        }
        return out;
    }

    private List<Feedback> query(String sql, List<?> args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            List<Feedback> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(feedback(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the feedback: " + e.getMessage(), e);
        }
    }

    private static Feedback feedback(ResultSet rs) throws SQLException {
        Integer risk = rs.getObject(10) == null ? null : rs.getInt(10);
        return new Feedback(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Verdict.fromCode(rs.getString(5)),
                FollowUpStatus.fromCode(rs.getString(6)), rs.getObject(7, LocalDate.class), rs.getString(8), nullableLong(rs, 9),
                risk, rs.getObject(11, OffsetDateTime.class), rs.getString(12));
    }

    private static Long nullableLong(ResultSet rs, int i) throws SQLException {
        return rs.getObject(i) == null ? null : rs.getLong(i);
    }
}
