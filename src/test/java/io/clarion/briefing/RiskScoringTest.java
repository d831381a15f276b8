package io.clarion.briefing;

import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Risk scoring on the demo data set, checked against signals computed by hand-written SQL. */
class RiskScoringTest {
    static RiskScoring.Assessment assessment;

    /** Two signals with definitions simple enough to restate in SQL: failed payments and NPS detractors. */
    static RiskModel model(int medium, int high, int cap) {
        return new RiskModel(QueryParser.parse("""
                {"metrics": ["customer_health.current_mrr"],
                 "dimensions": ["customer_health.customer_id", "customers.customer_name", "customers.owner_id"]}"""),
                "customer_health.customer_id", "customers.customer_name", "customers.owner_id", "customer_health.current_mrr",
                List.of(new RiskModel.Signal("failed_payments", "Failed payments in the last 90 days", 2, "payment problems",
                                List.of("invoices.failed_payments"), QueryParser.parse("""
                                        {"metrics": ["invoices.failed_payments"], "dimensions": ["customers.customer_id"],
                                         "filters": [{"dimension": "invoices.issued_date", "operator": "in_date_range", "value": "last 90 days"},
                                                     {"metric": "invoices.failed_payments", "operator": "gt", "value": 0}]}""")),
                        new RiskModel.Signal("nps_detractor", "NPS detractor", 1, "the customer would not recommend us",
                                List.of("customer_health.nps_score"), QueryParser.parse("""
                                        {"metrics": ["customer_health.customer_count"],
                                         "dimensions": ["customer_health.customer_id", "customer_health.nps_score"],
                                         "filters": [{"dimension": "customer_health.nps_score", "operator": "lte", "value": 6}]}"""))),
                high, medium, cap);
    }

    @BeforeAll
    static void score() {
        assessment = new RiskScoring(DemoEngine.queries()).assess(model(2, 3, 10));
    }

    /** customer id → [failed payments in the 90 days to as_of, latest NPS score] for customers active on as_of. */
    static Map<String, Object[]> byHand() throws SQLException {
        String sql = """
                WITH d AS (SELECT as_of FROM dataset_info),
                act AS (SELECT c.customer_id FROM customers c, d
                        WHERE c.created_at < d.as_of + 1 AND (c.churned_at IS NULL OR c.churned_at >= d.as_of + 1)),
                fp AS (SELECT i.customer_id, count(*) AS n FROM invoices i, d
                       WHERE i.status = 'failed' AND i.issued_at >= d.as_of - 89 AND i.issued_at < d.as_of + 1
                       GROUP BY i.customer_id),
                nps AS (SELECT DISTINCT ON (r.customer_id) r.customer_id, r.score FROM nps_responses r, d
                        WHERE r.responded_at < d.as_of + 1 ORDER BY r.customer_id, r.responded_at DESC, r.response_id DESC)
                SELECT act.customer_id, fp.n, nps.score FROM act
                LEFT JOIN fp ON fp.customer_id = act.customer_id LEFT JOIN nps ON nps.customer_id = act.customer_id
                WHERE fp.n > 0 OR nps.score <= 6""";
        Map<String, Object[]> out = new HashMap<>();
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.put(rs.getString(1), new Object[]{rs.getObject(2), rs.getObject(3)});
        }
        return out;
    }

    @Test
    void signalsFireForExactlyTheCustomersTheDefinitionsName() throws SQLException {
        Map<String, Object[]> expected = byHand();
        List<RiskScoring.ScoredAccount> withSignals = assessment.scored().stream().filter(a -> a.points() > 0).toList();
        assertEquals(expected.keySet(), withSignals.stream().map(RiskScoring.ScoredAccount::customerId).collect(Collectors.toSet()));
        assertTrue(expected.size() > 100, "the demo data has a few hundred such customers, got " + expected.size());
        for (RiskScoring.ScoredAccount a : withSignals) {
            Object[] e = expected.get(a.customerId());
            int points = (e[0] != null ? 2 : 0) + (e[1] != null && ((Number) e[1]).intValue() <= 6 ? 1 : 0);
            assertEquals(points, a.points(), a.customerId());
            for (RiskScoring.Evidence ev : a.evidence()) {
                if (ev.signal().equals("failed_payments")) {
                    assertEquals(((Number) e[0]).longValue(), ((Number) ev.values().get("invoices.failed_payments")).longValue());
                } else {
                    assertEquals(((Number) e[1]).intValue(), ((Number) ev.values().get("customer_health.nps_score")).intValue());
                }
            }
        }
    }

    @Test
    void levelsFollowPointsAndOrderIsRiskThenMrr() {
        for (RiskScoring.ScoredAccount a : assessment.scored()) {
            assertEquals(a.points() >= 3 ? RiskLevel.HIGH : a.points() >= 2 ? RiskLevel.MEDIUM : RiskLevel.LOW, a.level());
        }
        List<RiskScoring.ScoredAccount> s = assessment.scored();
        for (int i = 1; i < s.size(); i++) {
            RiskScoring.ScoredAccount x = s.get(i - 1);
            RiskScoring.ScoredAccount y = s.get(i);
            assertTrue(x.level().compareTo(y.level()) > 0
                    || x.level() == y.level() && (x.points() > y.points()
                    || x.points() == y.points() && x.mrr().compareTo(y.mrr()) >= 0), x + " before " + y);
        }
        assertEquals(assessment.scored().size(), assessment.accountsInScope());
    }

    @Test
    void mrrIsTheCustomersCurrentMrr() throws SQLException {
        RiskScoring.ScoredAccount top = assessment.flagged().get(0);
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(m.mrr), 0) FROM mrr_snapshots m, dataset_info d WHERE m.customer_id = '"
                     + top.customerId() + "' AND m.month = date_trunc('month', d.as_of)::date")) {
            rs.next();
            assertEquals(0, rs.getBigDecimal(1).compareTo(top.mrr()), top.customerId());
        }
    }

    @Test
    void theDriverNamesTheStrongestSignalFirst() {
        RiskScoring.ScoredAccount both = assessment.scored().stream().filter(a -> a.evidence().size() == 2).findFirst().orElseThrow();
        assertEquals("Payment problems; also the customer would not recommend us", both.driver());
        RiskScoring.ScoredAccount one = assessment.scored().stream()
                .filter(a -> a.evidence().size() == 1 && a.evidence().get(0).signal().equals("nps_detractor")).findFirst().orElseThrow();
        assertEquals("The customer would not recommend us", one.driver());
    }

    @Test
    void anEarlierReferenceDateScoresThePopulationOfThatDay() throws SQLException {
        var earlier = DemoEngine.queries().withReferenceDate(java.time.LocalDate.of(2026, 1, 15));
        RiskScoring.Assessment then = new RiskScoring(earlier).assess(model(2, 3, 10));
        assertEquals(java.time.LocalDate.of(2026, 1, 15), then.asOf());
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM customers WHERE created_at < DATE '2026-01-16' "
                     + "AND (churned_at IS NULL OR churned_at >= DATE '2026-01-16')")) {
            rs.next();
            assertEquals(rs.getInt(1), then.accountsInScope());
        }
        Set<String> nowIds = assessment.scored().stream().map(RiskScoring.ScoredAccount::customerId).collect(Collectors.toSet());
        assertFalse(nowIds.containsAll(then.scored().stream().map(RiskScoring.ScoredAccount::customerId).toList()),
                "customers who churned since January were in scope then");
    }

    @Test
    void aSignalWithoutItsEvidenceColumnIsAClearError() {
        RiskModel m = model(2, 3, 10);
        RiskModel broken = new RiskModel(m.accounts(), m.keyColumn(), m.nameColumn(), m.ownerColumn(), m.mrrColumn(),
                List.of(new RiskModel.Signal("x", "x", 1, "x", List.of("customer_health.health_score"), m.signals().get(1).query())),
                3, 2, 10);
        var e = assertThrows(IllegalArgumentException.class, () -> new RiskScoring(DemoEngine.queries()).assess(broken));
        assertEquals("the signal x query has no column customer_health.health_score", e.getMessage());
    }

    @Test
    void pointsMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> model(4, 3, 10));
        assertEquals(BigDecimal.ZERO, new RiskScoring.ScoredAccount("c", null, null, null, 0, RiskLevel.LOW, "", List.of()).mrr());
    }
}
