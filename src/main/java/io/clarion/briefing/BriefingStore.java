package io.clarion.briefing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Briefings as built, their accounts and evidence, and one delivery row per channel, in the app
 * schema. A briefing is keyed by (skill, owner, cycle): storing it twice keeps the first, so a
 * second trigger or a restart never builds a different one or sends it again.
 */
public final class BriefingStore {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final DataSource ds;

    public BriefingStore(DataSource ds) {
        this.ds = ds;
    }

    /** @param created false when the briefing was already there (kept as it was) */
    public record Saved(long id, boolean created) {
    }

    /**
     * @param idempotencyKey the same for every attempt: the email's Message-ID and the Slack message's metadata derive from it
     * @param messageId      once sent, the SMTP Message-ID, the Slack message's ts, or "webhook"
     */
    public record Delivery(long id, long briefingId, String channel, String status, int attempts, String lastError,
                           OffsetDateTime nextAttemptAt, OffsetDateTime sentAt, String idempotencyKey, String messageId) {
    }

    public record Summary(long id, String skill, String ownerId, String ownerName, LocalDate cycle,
                          OffsetDateTime createdAt, int accounts, BigDecimal mrrAtRisk, List<Delivery> deliveries) {
    }

    public record Detail(Summary summary, OwnerBriefing briefing) {
    }

    /** A briefing to store and the channels it gets a pending delivery on. */
    public record ToSave(OwnerBriefing briefing, List<String> channels) {
    }

    /** Work done last in the transaction that stores a cycle (its audit row); throwing rolls the whole cycle back. */
    @FunctionalInterface
    public interface Last {
        void run(Connection c);
    }

    /** Stores one briefing, its accounts and a pending delivery per channel in one transaction. */
    public Saved save(OwnerBriefing b, List<String> channels) {
        return saveAll(List.of(new ToSave(b, channels)), c -> { }).get(0);
    }

    /**
     * Stores a cycle's briefings, their accounts and deliveries, then runs {@code last}, all in one
     * transaction: a run killed or refused half-way leaves nothing of it, so it is never partly
     * stored, nor stored without its audit row. Rows are inserted in owner order, so two runs of
     * one cycle wait for each other instead of deadlocking. Returns one {@link Saved} per item, in order.
     */
    public List<Saved> saveAll(List<ToSave> items, Last last) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) order.add(i);
        order.sort(java.util.Comparator.comparing((Integer i) -> items.get(i).briefing().owner().ownerId())
                .thenComparing(i -> items.get(i).briefing().skill()));
        Saved[] out = new Saved[items.size()];
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int i : order) out[i] = insert(c, items.get(i).briefing(), items.get(i).channels());
                last.run(c);
                c.commit();
                return List.of(out);
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                if (e instanceof RuntimeException r) throw r;
                throw new IllegalStateException("could not store the briefings: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the briefings: " + e.getMessage(), e);
        }
    }

    /** One briefing on the caller's transaction; one already stored (by an earlier or concurrent run) is kept as it was. */
    private static Saved insert(Connection c, OwnerBriefing b, List<String> channels) throws SQLException, JsonProcessingException {
        Long id = null;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO clarion.briefing (skill, owner_id, cycle, owner_name, owner_email, owner_slack_id, summary) "
                        + "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (skill, owner_id, cycle) DO NOTHING RETURNING id")) {
            ps.setString(1, b.skill());
            ps.setString(2, b.owner().ownerId());
            ps.setObject(3, b.cycle());
            ps.setString(4, b.owner().name());
            ps.setString(5, b.owner().email());
            ps.setString(6, b.owner().slackUserId());
            ps.setString(7, JSON.writeValueAsString(b));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) id = rs.getLong(1);
            }
        }
        if (id == null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM clarion.briefing WHERE skill = ? AND owner_id = ? AND cycle = ?")) {
                ps.setString(1, b.skill());
                ps.setString(2, b.owner().ownerId());
                ps.setObject(3, b.cycle());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new SQLException("briefing of " + b.owner().ownerId() + " vanished while it was stored");
                    return new Saved(rs.getLong(1), false);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO clarion.briefing_account (briefing_id, rank, customer_id, customer_name, risk_level, "
                        + "risk_points, mrr, driver, evidence, carried_over) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)")) {
            for (OwnerBriefing.Account a : b.accounts()) {
                RiskScoring.ScoredAccount s = a.scored();
                ps.setLong(1, id);
                ps.setInt(2, a.rank());
                ps.setString(3, s.customerId());
                ps.setString(4, s.name());
                ps.setString(5, s.level().key());
                ps.setInt(6, s.points());
                ps.setBigDecimal(7, s.mrr());
                ps.setString(8, s.driver());
                ps.setString(9, JSON.writeValueAsString(s.evidence()));
                ps.setBoolean(10, a.carriedOver());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO clarion.briefing_delivery (briefing_id, channel) VALUES (?, ?)")) {
            for (String ch : channels) {
                ps.setLong(1, id);
                ps.setString(2, ch);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new Saved(id, true);
    }

    public Optional<Long> find(String skill, String ownerId, LocalDate cycle) {
        return queryOne("SELECT id FROM clarion.briefing WHERE skill = ? AND owner_id = ? AND cycle = ?",
                rs -> rs.getLong(1), skill, ownerId, cycle);
    }

    /** Each owner's latest briefing before {@code cycle}: what "since last week" compares with. */
    public Map<String, BriefingBuilder.Previous> previous(String skill, LocalDate cycle) {
        String sql = "SELECT DISTINCT ON (owner_id) id, owner_id, cycle, summary FROM clarion.briefing "
                + "WHERE skill = ? AND cycle < ? ORDER BY owner_id, cycle DESC";
        Map<String, BriefingBuilder.Previous> out = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, skill);
            ps.setObject(2, cycle);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OwnerBriefing b = JSON.readValue(rs.getString("summary"), OwnerBriefing.class);
                    Set<String> ids = new HashSet<>();
                    for (OwnerBriefing.Account a : b.accounts()) if (!a.carriedOver()) ids.add(a.scored().customerId());
                    out.put(rs.getString("owner_id"), new BriefingBuilder.Previous(rs.getObject("cycle", LocalDate.class), ids,
                            b.headline().mrrAtRisk(), b.headline().flagged()));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read earlier briefings: " + e.getMessage(), e);
        }
        return out;
    }

    public List<Summary> list(String skill, int limit) {
        return list(skill, null, limit);
    }

    /** Newest cycle first; {@code ownerId} null: every owner's. The limit applies after the owner filter. */
    public List<Summary> list(String skill, String ownerId, int limit) {
        String sql = "SELECT b.id, b.skill, b.owner_id, b.owner_name, b.cycle, b.created_at, "
                + "(SELECT count(*) FROM clarion.briefing_account a WHERE a.briefing_id = b.id) AS accounts, "
                + "CAST(b.summary -> 'headline' ->> 'mrrAtRisk' AS numeric) AS mrr_at_risk "
                + "FROM clarion.briefing b WHERE (CAST(? AS text) IS NULL OR b.skill = ?) AND (CAST(? AS text) IS NULL OR b.owner_id = ?) "
                + "ORDER BY b.cycle DESC, b.owner_id LIMIT ?";
        List<Summary> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, skill);
            ps.setString(2, skill);
            ps.setString(3, ownerId);
            ps.setString(4, ownerId);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(summary(c, rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list briefings: " + e.getMessage(), e);
        }
        return out;
    }

    public Optional<Detail> get(long id) {
        String sql = "SELECT b.id, b.skill, b.owner_id, b.owner_name, b.cycle, b.created_at, "
                + "(SELECT count(*) FROM clarion.briefing_account a WHERE a.briefing_id = b.id) AS accounts, "
                + "CAST(b.summary -> 'headline' ->> 'mrrAtRisk' AS numeric) AS mrr_at_risk, b.summary "
                + "FROM clarion.briefing b WHERE b.id = ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Detail(summary(c, rs), JSON.readValue(rs.getString("summary"), OwnerBriefing.class)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read briefing " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims up to {@code max} deliveries that are due, for this instance only (rows another
     * instance holds are skipped, not waited for). A claim older than {@code lease} belongs to an
     * instance that stopped mid-send and is taken over.
     */
    public List<Delivery> claimDue(String instance, int max, Duration lease) {
        String sql = "UPDATE clarion.briefing_delivery d SET status = 'sending', claimed_by = ?, claimed_at = now(), "
                + "attempts = attempts + 1 WHERE d.id IN (SELECT id FROM clarion.briefing_delivery "
                + "WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND claimed_at < ?) "
                + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "RETURNING " + DELIVERY_COLUMNS;
        List<Delivery> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, instance);
            ps.setTimestamp(2, Timestamp.from(Instant.now().minus(lease)));
            ps.setInt(3, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(delivery(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim deliveries: " + e.getMessage(), e);
        }
        return out;
    }

    public void markSent(long deliveryId, String messageId) {
        update("UPDATE clarion.briefing_delivery SET status = 'sent', sent_at = now(), message_id = ?, last_error = NULL WHERE id = ?",
                messageId, deliveryId);
    }

    /** A permanent failure stays failed (visible in the API); another is retried at {@code nextAttempt}. */
    public void markFailed(long deliveryId, boolean permanent, String reason, Instant nextAttempt) {
        update("UPDATE clarion.briefing_delivery SET status = ?, last_error = ?, next_attempt_at = ?, claimed_by = NULL "
                + "WHERE id = ?", permanent ? "failed" : "pending", reason, Timestamp.from(nextAttempt), deliveryId);
    }

    /** Deliveries of these briefings not yet sent or failed for good. */
    public int unsent(List<Long> briefingIds) {
        if (briefingIds.isEmpty()) return 0;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM clarion.briefing_delivery WHERE briefing_id = ANY (?) AND status IN ('pending', 'sending')")) {
            ps.setArray(1, c.createArrayOf("bigint", briefingIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count deliveries: " + e.getMessage(), e);
        }
    }

    private static List<Delivery> deliveries(Connection c, long briefingId) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + DELIVERY_COLUMNS
                + " FROM clarion.briefing_delivery WHERE briefing_id = ? ORDER BY channel")) {
            ps.setLong(1, briefingId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(delivery(rs));
            }
        }
        return out;
    }

    private static Summary summary(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        return new Summary(id, rs.getString("skill"), rs.getString("owner_id"), rs.getString("owner_name"),
                rs.getObject("cycle", LocalDate.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getInt("accounts"), rs.getBigDecimal("mrr_at_risk"), deliveries(c, id));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("briefing_id"), rs.getString("channel"), rs.getString("status"),
                rs.getInt("attempts"), rs.getString("last_error"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("sent_at", OffsetDateTime.class), rs.getString("idempotency_key"), rs.getString("message_id"));
    }

    private static final String DELIVERY_COLUMNS = "id, briefing_id, channel, status, attempts, last_error, next_attempt_at, sent_at, "
            + "idempotency_key, message_id";

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> queryOne(String sql, Reader<T> reader, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
