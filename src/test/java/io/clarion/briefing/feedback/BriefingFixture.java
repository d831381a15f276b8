package io.clarion.briefing.feedback;

import io.clarion.testing.TestDatabase;
import io.clarion.store.AppStore;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/** Briefings and their flagged accounts written straight into the app store, as the briefing pipeline stores them. */
public final class BriefingFixture {
    public static final String SKILL = "weekly-retention-risk";
    public static final String EVIDENCE = """
            [{"signal": "low_health", "label": "Health score under 60",
              "values": {"customer_health.health_score": 41, "customer_health.health_score_band": "at_risk"}},
             {"signal": "failed_payments", "label": "Failed payments in the last 90 days",
              "values": {"invoices.failed_payments": 3}}]""";

    private final DataSource ds;

    private BriefingFixture(DataSource ds) {
        this.ds = ds;
    }

    /** A fresh, migrated database. */
    public static BriefingFixture fresh(String name) {
        DataSource ds = TestDatabase.freshDatabase(name);
        AppStore.migrate(ds);
        return new BriefingFixture(ds);
    }

    /** Over a database already migrated (one that also holds a warehouse, for tests that read both). */
    public static BriefingFixture on(DataSource ds) {
        return new BriefingFixture(ds);
    }

    public DataSource dataSource() {
        return ds;
    }

    public long briefing(String skill, String ownerId, LocalDate cycle) {
        String sql = "INSERT INTO clarion.briefing (skill, owner_id, cycle, owner_name, owner_email, summary) "
                + "VALUES (?, ?, ?, ?, ?, '{}'::jsonb) RETURNING id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, skill);
            ps.setString(2, ownerId);
            ps.setObject(3, cycle);
            ps.setString(4, "Owner " + ownerId);
            ps.setString(5, ownerId + "@example.com");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void account(long briefingId, String customerId, String name, int riskPoints) {
        account(briefingId, customerId, name, riskPoints >= 5 ? "high" : "medium", riskPoints, new BigDecimal("1250.50"),
                "payment problems", EVIDENCE);
    }

    public void account(long briefingId, String customerId, String name, String level, int riskPoints, BigDecimal mrr,
                        String driver, String evidence) {
        String sql = "INSERT INTO clarion.briefing_account (briefing_id, rank, customer_id, customer_name, risk_level, risk_points, "
                + "mrr, driver, evidence) VALUES (?, (SELECT count(*) + 1 FROM clarion.briefing_account WHERE briefing_id = ?), "
                + "?, ?, ?, ?, ?, ?, CAST(? AS jsonb))";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, briefingId);
            ps.setLong(2, briefingId);
            ps.setString(3, customerId);
            ps.setString(4, name);
            ps.setString(5, level);
            ps.setInt(6, riskPoints);
            ps.setBigDecimal(7, mrr);
            ps.setString(8, driver);
            ps.setString(9, evidence);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String table) {
        return rows(ds, table);
    }

    /** Rows in a table of the app schema. */
    public static long rows(DataSource ds, String table) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM clarion." + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
