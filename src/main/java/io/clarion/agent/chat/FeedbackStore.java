package io.clarion.agent.chat;

import io.clarion.agent.VerifiedQuery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryParser;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Feedback on chat answers and the verified queries analysts promote from it, in the app
 * schema. Queries are stored normalized, as JSON.
 */
public final class FeedbackStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource ds;

    public FeedbackStore(DataSource ds) {
        this.ds = ds;
    }

    /** @param givenBy who gave the feedback (null on rows from before it was recorded) */
    public record Feedback(long id, OffsetDateTime at, String sessionId, Integer turn, String question, boolean helpful,
                           String comment, com.fasterxml.jackson.databind.JsonNode correctedQuery, String givenBy) {
    }

    public record Promoted(long id, String question, com.fasterxml.jackson.databind.JsonNode query, String verifiedBy,
                           LocalDate verifiedAt, Long feedbackId) {
    }

    public Feedback add(String sessionId, Integer turn, String question, boolean helpful, String comment, MetricQuery corrected) {
        return add(sessionId, turn, question, helpful, comment, corrected, null);
    }

    public Feedback add(String sessionId, Integer turn, String question, boolean helpful, String comment, MetricQuery corrected,
                        String givenBy) {
        String sql = "INSERT INTO clarion.chat_feedback (session_id, turn, question, helpful, comment, corrected_query, given_by) "
                + "VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?) RETURNING id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sessionId);
            if (turn == null) ps.setNull(2, Types.INTEGER);
            else ps.setInt(2, turn);
            ps.setString(3, question);
            ps.setBoolean(4, helpful);
            ps.setString(5, comment);
            ps.setString(6, corrected == null ? null : QueryParser.toJson(corrected).toString());
            ps.setString(7, givenBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return find(rs.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the feedback: " + e.getMessage(), e);
        }
    }

    public Optional<Feedback> find(long id) {
        List<Feedback> l = list("WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<Feedback> list() {
        return list("", null);
    }

    private List<Feedback> list(String where, Long id) {
        String sql = "SELECT id, at, session_id, turn, question, helpful, comment, corrected_query::text, given_by "
                + "FROM clarion.chat_feedback " + where + " ORDER BY id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) ps.setLong(1, id);
            List<Feedback> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer turn = rs.getObject(4) == null ? null : rs.getInt(4);
                    out.add(new Feedback(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), turn,
                            rs.getString(5), rs.getBoolean(6), rs.getString(7), json(rs.getString(8)), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the feedback: " + e.getMessage(), e);
        }
    }

    public Promoted promote(long feedbackId, String question, MetricQuery query, String verifiedBy) {
        String sql = "INSERT INTO clarion.verified_query (question, query, verified_by, feedback_id) "
                + "VALUES (?, CAST(? AS jsonb), ?, ?) RETURNING id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, question);
            ps.setString(2, QueryParser.toJson(query).toString());
            ps.setString(3, verifiedBy);
            ps.setLong(4, feedbackId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return promoted().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the verified query: " + e.getMessage(), e);
        }
    }

    public List<Promoted> promoted() {
        String sql = "SELECT id, question, query::text, verified_by, verified_at, feedback_id FROM clarion.verified_query ORDER BY id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Promoted> out = new ArrayList<>();
            while (rs.next()) {
                Long fb = rs.getObject(6) == null ? null : rs.getLong(6);
                out.add(new Promoted(rs.getLong(1), rs.getString(2), json(rs.getString(3)), rs.getString(4),
                        rs.getObject(5, LocalDate.class), fb));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the verified queries: " + e.getMessage(), e);
        }
    }

    /** Promoted queries as the planners use them. */
    public List<VerifiedQuery> promotedQueries() {
        List<VerifiedQuery> out = new ArrayList<>();
        for (Promoted p : promoted()) out.add(new VerifiedQuery(p.question(), QueryParser.parse(p.query()), p.verifiedBy(), p.verifiedAt()));
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String s) {
        if (s == null) return null;
        try {
            return JSON.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
