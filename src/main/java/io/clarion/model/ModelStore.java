package io.clarion.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Trained model versions in the app store (clarion.churn_model); the newest version of a skill is its current model. */
public final class ModelStore {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DataSource ds;

    public ModelStore(DataSource ds) {
        this.ds = ds;
    }

    /** Stores the model as the skill's next version and returns it with that version. */
    public TrainedModel save(TrainedModel m) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int version;
                try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) + 1 FROM clarion.churn_model WHERE skill = ?")) {
                    ps.setString(1, m.skill());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        version = rs.getInt(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO clarion.churn_model (skill, version, created_at, features, booster, "
                        + "platt_a, platt_b, medium_threshold, high_threshold, train_window, validation, rules, passes, promoted, gate) "
                        + "VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, CAST(? AS jsonb))")) {
                    ps.setString(1, m.skill());
                    ps.setInt(2, version);
                    ps.setObject(3, java.sql.Timestamp.from(m.createdAt()));
                    ps.setString(4, JSON.writeValueAsString(m.features()));
                    ps.setBytes(5, m.booster());
                    ps.setDouble(6, m.plattA());
                    ps.setDouble(7, m.plattB());
                    ps.setDouble(8, m.mediumThreshold());
                    ps.setDouble(9, m.highThreshold());
                    ps.setString(10, JSON.writeValueAsString(m.window()));
                    ps.setString(11, JSON.writeValueAsString(m.validation()));
                    ps.setString(12, m.rules() == null ? null : JSON.writeValueAsString(m.rules()));
                    ps.setBoolean(13, m.passes());
                    ps.setBoolean(14, m.promoted());
                    ps.setString(15, JSON.writeValueAsString(m.gate()));
                    ps.executeUpdate();
                }
                c.commit();
                return m.withVersion(version);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store the churn model: " + e.getMessage(), e);
        }
    }

    /** The skill's newest promoted model: the one the briefing scores with. */
    public Optional<TrainedModel> promoted(String skill) {
        List<TrainedModel> all = read("WHERE skill = ? AND promoted ORDER BY version DESC LIMIT 1", skill, true);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The skill's newest model, whether or not it was promoted. */
    public Optional<TrainedModel> current(String skill) {
        List<TrainedModel> all = read("WHERE skill = ? ORDER BY version DESC LIMIT 1", skill, true);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every version of the skill's model, newest first, without the trees. */
    public List<TrainedModel> history(String skill) {
        return read("WHERE skill = ? ORDER BY version DESC", skill, false);
    }

    private List<TrainedModel> read(String where, String skill, boolean withBooster) {
        List<TrainedModel> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT skill, version, created_at, features, "
                     + (withBooster ? "booster" : "NULL::bytea AS booster")
                     + ", platt_a, platt_b, medium_threshold, high_threshold, train_window, validation, rules, passes, gate FROM clarion.churn_model " + where)) {
            ps.setString(1, skill);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String rules = rs.getString("rules");
                    String gate = rs.getString("gate");
                    out.add(new TrainedModel(rs.getString("skill"), rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
                            JSON.readValue(rs.getString("features"), new TypeReference<List<ModelSpec.Feature>>() { }),
                            rs.getBytes("booster") == null ? new byte[0] : rs.getBytes("booster"), rs.getDouble("platt_a"), rs.getDouble("platt_b"),
                            rs.getDouble("medium_threshold"), rs.getDouble("high_threshold"),
                            JSON.readValue(rs.getString("train_window"), TrainedModel.Window.class),
                            JSON.readValue(rs.getString("validation"), Metrics.Summary.class),
                            rules == null ? null : JSON.readValue(rules, Metrics.Summary.class), rs.getBoolean("passes"),
                            gate == null ? null : JSON.readValue(gate, PromotionGate.class)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read churn models: " + e.getMessage(), e);
        }
        return out;
    }
}
