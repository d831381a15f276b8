package io.clarion.demo;

import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo data set has the shape of demo-data.md, and the same seed gives the same rows. */
class DemoGeneratorTest {
    /** Health of active customers, exactly as the metric dictionary (and eval d13) defines it. */
    static final String HEALTH = """
            WITH d AS (SELECT as_of, date_trunc('month', as_of)::date AS cur_month FROM dataset_info),
            act AS (SELECT customer_id FROM customers WHERE churned_at IS NULL),
            u AS (SELECT e.customer_id, count(DISTINCT e.event_time::date) AS days FROM product_events e, d WHERE e.event_type = 'login' AND e.event_time >= d.as_of - 29 AND e.event_time < d.as_of + 1 GROUP BY 1),
            f AS (SELECT e.customer_id, count(DISTINCT e.feature_name) AS n FROM product_events e, d WHERE e.event_type = 'feature_used' AND e.event_time >= d.as_of - 89 AND e.event_time < d.as_of + 1 GROUP BY 1),
            tf AS (SELECT count(*) AS n FROM features, d WHERE launched_at <= d.as_of),
            n AS (SELECT DISTINCT ON (customer_id) customer_id, score FROM nps_responses, d WHERE responded_at < d.as_of + 1 ORDER BY customer_id, responded_at DESC),
            s AS (SELECT t.customer_id, avg(t.satisfaction) AS csat FROM support_tickets t, d WHERE t.satisfaction IS NOT NULL AND t.created_at >= d.as_of - 89 AND t.created_at < d.as_of + 1 GROUP BY 1),
            g AS (SELECT a.customer_id, CASE WHEN coalesce((SELECT mrr FROM mrr_snapshots m WHERE m.customer_id = a.customer_id AND m.month = d.cur_month), 0) > coalesce((SELECT mrr FROM mrr_snapshots m WHERE m.customer_id = a.customer_id AND m.month = (d.cur_month - interval '3 months')::date), 0) THEN 100 ELSE 50 END AS growth FROM act a, d),
            h AS (SELECT a.customer_id, round(0.35 * CASE WHEN coalesce(u.days,0) >= 25 THEN 100 WHEN coalesce(u.days,0) >= 20 THEN 80 WHEN coalesce(u.days,0) >= 15 THEN 60 WHEN coalesce(u.days,0) >= 10 THEN 40 ELSE 20 END + 0.25 * 100.0 * coalesce(f.n,0) / nullif(tf.n,0) + 0.20 * coalesce(10 * n.score, 50) + 0.10 * coalesce(20 * s.csat, 80) + 0.10 * g.growth) AS health FROM act a CROSS JOIN tf LEFT JOIN u USING (customer_id) LEFT JOIN f USING (customer_id) LEFT JOIN n USING (customer_id) LEFT JOIN s USING (customer_id) JOIN g USING (customer_id))
            """;

    static double one(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    static Map<String, Double> map(DataSource ds, String sql) throws SQLException {
        Map<String, Double> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.put(rs.getString(1), rs.getDouble(2));
        }
        return out;
    }

    static void near(double expected, double actual, double tolerance, String what) {
        System.out.printf("%-40s expected %.3f, got %.3f%n", what, expected, actual);
        assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected " + expected + " ± " + tolerance + ", got " + actual);
    }

    @Test
    void segmentSharesAndMrrRanges() throws SQLException {
        DataSource ds = TestDatabase.demo();
        Map<String, Double> share = map(ds, "SELECT segment, count(*)::float / sum(count(*)) OVER () FROM customers GROUP BY 1");
        near(0.03, share.get("enterprise"), 0.01, "enterprise share");
        near(0.18, share.get("mid-market"), 0.03, "mid-market share");
        near(0.79, share.get("smb"), 0.03, "smb share");
        Map<String, Double> mrr = map(ds, "SELECT c.segment, percentile_cont(0.5) WITHIN GROUP (ORDER BY m.mrr) FROM mrr_snapshots m "
                + "JOIN customers c USING (customer_id) WHERE m.month = (SELECT date_trunc('month', as_of) FROM dataset_info) GROUP BY 1");
        assertTrue(mrr.get("enterprise") >= 5000 && mrr.get("enterprise") <= 16000, "enterprise MRR " + mrr);
        assertTrue(mrr.get("mid-market") >= 500 && mrr.get("mid-market") <= 1600, "mid-market MRR " + mrr);
        assertTrue(mrr.get("smb") >= 50 && mrr.get("smb") <= 160, "smb MRR " + mrr);
    }

    @Test
    void monthlyLogoChurnBySegment() throws SQLException {
        // Average over the last 12 months of churned-in-month / active at the start of the month.
        String sql = """
                WITH months AS (SELECT generate_series(date_trunc('month', as_of) - interval '12 months',
                                 date_trunc('month', as_of) - interval '1 month', interval '1 month') AS m FROM dataset_info)
                SELECT c.segment, avg(x.rate) FROM (SELECT DISTINCT segment FROM customers) c, LATERAL (
                  SELECT (SELECT count(*) FROM customers k WHERE k.segment = c.segment AND k.churned_at >= months.m AND k.churned_at < months.m + interval '1 month')::float
                       / nullif((SELECT count(*) FROM customers k WHERE k.segment = c.segment AND k.created_at < months.m AND (k.churned_at IS NULL OR k.churned_at >= months.m)), 0) AS rate
                  FROM months) x GROUP BY 1""";
        Map<String, Double> churn = map(TestDatabase.demo(), sql);
        near(0.02, churn.get("enterprise"), 0.015, "enterprise monthly churn");
        near(0.045, churn.get("mid-market"), 0.02, "mid-market monthly churn");
        near(0.08, churn.get("smb"), 0.03, "smb monthly churn");
        assertTrue(churn.get("enterprise") < churn.get("mid-market") && churn.get("mid-market") < churn.get("smb"), churn.toString());
    }

    @Test
    void healthBandsOfActiveCustomers() throws SQLException {
        Map<String, Double> bands = map(TestDatabase.demo(), HEALTH + """
                SELECT CASE WHEN health >= 80 THEN 'excellent' WHEN health >= 60 THEN 'good' WHEN health >= 40 THEN 'at risk' ELSE 'critical' END,
                       count(*)::float / sum(count(*)) OVER () FROM h GROUP BY 1""");
        near(0.35, bands.getOrDefault("excellent", 0.0), 0.08, "health 80+");
        near(0.44, bands.getOrDefault("good", 0.0), 0.08, "health 60-79");
        near(0.15, bands.getOrDefault("at risk", 0.0), 0.06, "health 40-59");
        near(0.06, bands.getOrDefault("critical", 0.0), 0.04, "health <40");
    }

    @Test
    void journeyFunnel() throws SQLException {
        Map<String, Double> reach = map(TestDatabase.demo(), "SELECT stage, count(*)::float / (SELECT count(*) FROM customers) FROM journey_events GROUP BY 1");
        near(1.0, reach.get("signup"), 0.001, "signup");
        near(0.75, reach.get("onboarding_started"), 0.06, "onboarding_started");
        near(0.50, reach.get("first_value"), 0.06, "first_value");
        near(0.35, reach.get("paid"), 0.06, "paid");
        near(0.20, reach.get("expansion"), 0.05, "expansion");
        near(0.10, reach.get("advocacy"), 0.04, "advocacy");
    }

    @Test
    void ownersDuplicatesAndTime() throws SQLException {
        DataSource ds = TestDatabase.demo();
        near(60, one(ds, "SELECT (SELECT count(*) FROM customers)::float / count(*) FROM owners"), 5, "customers per owner");
        assertEquals(0, one(ds, "SELECT count(*) FROM customers WHERE segment IN ('enterprise', 'mid-market') AND owner_id IS NULL"));
        assertEquals(0, one(ds, "SELECT count(*) FROM customers c JOIN owners o USING (owner_id) WHERE o.team <> c.segment"),
                "each owner works in the team of their customers");
        near(0.02, one(ds, "SELECT count(*)::float / (SELECT count(*) FROM customers) FROM customers c WHERE EXISTS "
                + "(SELECT 1 FROM customers d WHERE d.customer_id < c.customer_id AND (d.email = c.email OR d.company_domain = c.company_domain))"),
                0.01, "duplicate customers");
        assertEquals(0, one(ds, "SELECT count(*) FROM product_events, dataset_info WHERE event_time >= as_of + 1"), "no event after as_of");
        assertEquals(0, one(ds, "SELECT count(*) FROM invoices, dataset_info WHERE issued_at > as_of"));
        assertEquals(0, one(ds, "SELECT count(*) FROM customers, dataset_info WHERE created_at >= as_of + 1 OR churned_at >= as_of + 1"));
        near(100, one(ds, "SELECT count(*)::float / (SELECT count(*) FROM customers) FROM product_events"), 30, "events per customer");
        assertEquals(0, one(ds, "SELECT count(*) FROM features f WHERE NOT EXISTS (SELECT 1 FROM product_events e JOIN customers c USING (customer_id) "
                + "WHERE c.churned_at IS NULL AND e.feature_name = f.feature_name)"), "every feature is used by an active customer");
        assertTrue(one(ds, "SELECT count(*) FROM customers, dataset_info WHERE churned_at IS NULL AND contract_end_date > as_of AND contract_end_date <= as_of + 60") > 10);
    }

    @Test
    void contactAddressesDoNotFollowFromOtherColumns() throws SQLException {
        DataSource ds = TestDatabase.demo();
        // Masking the email hides nothing if it can be rebuilt from a column left visible.
        assertEquals(0, one(ds, "SELECT count(*) FROM customers WHERE split_part(email, '@', 2) = company_domain "
                + "OR position(split_part(company_domain, '.', 1) IN email) > 0"));
        assertEquals(0, one(ds, "SELECT count(*) FROM customers WHERE email NOT LIKE '%_@_%._%'"), "well-formed addresses");
        // Addresses repeat only where a customer appears twice (CRM and billing) with the same contact.
        assertTrue(one(ds, "SELECT count(*) - count(DISTINCT email) FROM customers") <= 0.015 * 5000);
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() throws SQLException {
        LocalDate asOf = LocalDate.of(2026, 1, 31);
        DataSource a = TestDatabase.freshDatabase("gen_a");
        DataSource b = TestDatabase.freshDatabase("gen_b");
        DataSource c = TestDatabase.freshDatabase("gen_c");
        DemoLoader.ensureLoaded(a, new DemoSpec(7, 300, asOf), Progress.NONE);
        DemoLoader.ensureLoaded(b, new DemoSpec(7, 300, asOf), Progress.NONE);
        DemoLoader.ensureLoaded(c, new DemoSpec(8, 300, asOf), Progress.NONE);
        for (String t : new String[]{"owners", "customers", "mrr_snapshots", "invoices", "product_events", "support_tickets",
                "nps_responses", "journey_events", "marketing_spend", "features"}) {
            String sql = "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM " + t + " x";
            assertEquals(digest(a, sql), digest(b, sql), t + " differs between two runs of the same seed");
        }
        assertNotEquals(digest(a, "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM customers x"),
                digest(c, "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM customers x"));
    }

    @Test
    void ensureLoadedKeepsWhatIsThere() throws SQLException {
        DataSource ds = TestDatabase.freshDatabase("gen_keep");
        DemoSpec first = new DemoSpec(1, 100, LocalDate.of(2025, 12, 31));
        assertEquals(first, DemoLoader.ensureLoaded(ds, first, Progress.NONE));
        String before = digest(ds, "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM customers x");
        DemoSpec other = new DemoSpec(2, 200, LocalDate.of(2025, 12, 31));
        assertEquals(first, DemoLoader.ensureLoaded(ds, other, Progress.NONE), "the data set already there is kept");
        assertEquals(before, digest(ds, "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM customers x"));
    }

    @Test
    void loadedTablesAreVacuumedAndAnalyzedButNoOtherTable() throws SQLException {
        DataSource ds = TestDatabase.freshDatabase("gen_stats");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA theirs");
            s.execute("CREATE TABLE theirs.kept AS SELECT g AS id FROM generate_series(1, 500) g");
        }
        DemoLoader.ensureLoaded(ds, new DemoSpec(3, 150, LocalDate.of(2026, 3, 31)), Progress.NONE);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String t : DemoTarget.TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables "
                        + "WHERE schemaname = current_schema() AND relname = '" + t + "'")) {
                    assertTrue(rs.next(), t);
                    assertTrue(rs.getBoolean(1), t + " was not vacuumed after loading");
                    assertTrue(rs.getBoolean(2), t + " has no statistics after loading");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT last_vacuum IS NULL AND last_analyze IS NULL FROM pg_stat_user_tables "
                    + "WHERE schemaname = 'theirs' AND relname = 'kept'")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1), "a table Clarion did not create was vacuumed or analyzed");
            }
        }
    }

    static String digest(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
