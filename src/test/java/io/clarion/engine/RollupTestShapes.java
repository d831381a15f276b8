package io.clarion.engine;

import java.util.List;

/** Queries of the shapes dashboards ask, which the demo catalog's rollups are declared to answer (rollup tests and benchmark). */
public final class RollupTestShapes {
    private RollupTestShapes() {
    }

    /**
     * The demo engine over the raw tables, the same engine reading every rollup built that answers
     * exactly whatever its size ({@code withRollups}: on 5,000 customers several hold about as many
     * rows as their tables, and their rows must be right all the same), and as the server reads
     * them ({@code asServer}: such rollups are not read).
     */
    public record Built(QueryService raw, QueryService withRollups, QueryService asServer) {
    }

    /** Builds the demo rollups {@code which} picks into the demo database's app store; each must hold rows. */
    public static Built build(java.util.function.Predicate<io.clarion.catalog.model.Rollup> which) {
        javax.sql.DataSource db = io.clarion.testing.TestDatabase.demo();
        io.clarion.store.AppStore.migrate(db);
        QueryService raw = io.clarion.testing.DemoEngine.queries();
        Rollups rollups = new Rollups(io.clarion.testing.DemoEngine.catalog(), db, io.clarion.sql.PostgresDialect.INSTANCE,
                java.time.Duration.ofSeconds(120), java.time.Clock.systemUTC());
        for (io.clarion.catalog.model.Rollup r : io.clarion.testing.DemoEngine.catalog().rollups()) {
            if (!which.test(r)) continue;
            Rollups.Status s = rollups.build(r.name(), raw);
            if (!s.fresh() || s.rows() <= 0) throw new AssertionError(r.name() + ": " + s);
        }
        return new Built(raw, raw.withRollups(rollups.readingAnySize()), raw.withRollups(rollups));
    }

    /** Dashboard shapes the demo rollups are declared for, and variants that must not be served. */
    public static final List<String> SHAPES = List.of(
            "{\"metrics\": [\"invoices.revenue\"], \"dimensions\": [\"customers.segment\", \"metric_time.month\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025\"}]}",
            "{\"metrics\": [\"invoices.revenue\", \"invoices.failed_payments\"], \"dimensions\": [\"customers.region\", \"metric_time.quarter\"]}",
            "{\"metrics\": [\"invoices.paid_invoice_count\", \"invoices.failed_payments\"], \"dimensions\": [\"customers.plan\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"last 90 days\"}]}",
            "{\"metrics\": [\"invoices.failed_amount\"], \"dimensions\": [\"customers.segment\"], \"filters\": [{\"dimension\": \"customers.region\", \"operator\": \"in\", \"values\": [\"EMEA\", \"APAC\"]}]}",
            "{\"metrics\": [\"invoices.revenue\"], \"dimensions\": [\"invoices.status\", \"metric_time.week\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"last 8 weeks\"}]}",
            "{\"metrics\": [\"invoices.revenue\"], \"dimensions\": [\"customers.segment\"], \"filters\": [{\"metric\": \"invoices.revenue\", \"operator\": \"gt\", \"value\": 100000}], \"order_by\": [{\"field\": \"customers.segment\", \"direction\": \"asc\"}], \"limit\": 2}",
            "{\"metrics\": [\"customers.total_count\", \"customers.active_count\"], \"dimensions\": [\"customers.segment\", \"customers.region\"]}",
            "{\"metrics\": [\"customers.new_customer_count\"], \"dimensions\": [\"customers.region\", \"metric_time.month\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"this year\"}]}",
            "{\"metrics\": [\"customers.churned_count\"], \"dimensions\": [\"customers.plan\", \"metric_time.quarter\"]}",
            "{\"metrics\": [\"support_tickets.ticket_count\", \"support_tickets.escalated_tickets\"], \"dimensions\": [\"support_tickets.priority\", \"metric_time.month\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"last 6 calendar months\"}]}",
            "{\"metrics\": [\"support_tickets.open_tickets\"], \"dimensions\": [\"customers.segment\"]}",
            "{\"metrics\": [\"customer_health.customer_count\", \"customer_health.mrr_at_risk\"], \"dimensions\": [\"customer_health.health_score_band\"]}",
            "{\"metrics\": [\"customer_health.at_risk_customers\"], \"dimensions\": [\"customers.segment\", \"customers.region\"]}",
            "{\"metrics\": [\"customer_health.current_mrr\"], \"dimensions\": [\"customer_health.lifecycle_stage\"], \"filters\": [{\"dimension\": \"customers.plan\", \"operator\": \"not_in\", \"values\": [\"starter\"]}]}",
            "{\"metrics\": [\"customer_health.current_mrr\"], \"dimensions\": [\"customer_health.customer_id\", \"customers.customer_name\", \"customer_health.health_score\"], \"filters\": [{\"dimension\": \"customer_health.health_score\", \"operator\": \"lt\", \"value\": 40}], \"order_by\": [{\"field\": \"customer_health.current_mrr\", \"direction\": \"desc\"}], \"limit\": 25}",
            "{\"metrics\": [\"customer_health.customer_count\", \"customer_health.current_mrr\"], \"dimensions\": [\"customers.owner_id\", \"customer_health.health_score_band\"]}",
            "{\"metrics\": [\"customer_health.customer_count\"], \"dimensions\": [\"customer_health.login_trend_risk\", \"customers.segment\"], \"filters\": [{\"dimension\": \"customer_health.nps_score\", \"operator\": \"lte\", \"value\": 6}]}",
            "{\"metrics\": [\"customers.active_count\"], \"dimensions\": [\"customer_health.health_score_band\"]}",
            "{\"metrics\": [\"customer_health.mrr_at_risk\"], \"dimensions\": [\"owners.name\", \"owners.owner_id\"], \"filters\": [{\"dimension\": \"owners.name\", \"operator\": \"set\"}], \"order_by\": [{\"field\": \"customer_health.mrr_at_risk\", \"direction\": \"desc\"}, {\"field\": \"owners.name\", \"direction\": \"asc\"}], \"limit\": 1}",
            // MRR is a snapshot: served only grouped by its month, the rollup's grain.
            "{\"metrics\": [\"mrr\"], \"dimensions\": [\"metric_time.month\"]}",
            "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.month\", \"mrr.plan\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025\"}]}",
            "{\"metrics\": [\"mrr.mrr\"], \"dimensions\": [\"metric_time.month\", \"customers.segment\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025-06 to 2026-05\"}]}");

    /** The weekly briefing's reads shared by all owners (grouped by the owner, every row), which the owner rollups answer. */
    public static final List<String> BRIEFING_READS = List.of(
            "{\"metrics\": [\"mrr\"], \"dimensions\": [\"metric_time.month\", \"customers.segment\", \"customers.region\", \"mrr.plan\", \"customers.owner_id\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"values\": [\"2025-11-01\", \"2026-06-30\"]}]}",
            "{\"metrics\": [\"product_events.latest_event_time\"], \"dimensions\": [\"customers.owner_id\"]}",
            "{\"metrics\": [\"support_tickets.ticket_count\"], \"dimensions\": [\"metric_time.month\", \"customers.segment\", \"support_tickets.category\", \"support_tickets.priority\", \"customers.owner_id\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"values\": [\"2025-11-01\", \"2026-06-30\"]}]}",
            "{\"metrics\": [\"customers.new_customer_count\"], \"dimensions\": [\"metric_time.month\", \"customers.segment\", \"customers.region\", \"customers.acquisition_channel\", \"customers.owner_id\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"values\": [\"2025-11-01\", \"2026-06-30\"]}]}",
            "{\"metrics\": [\"customers.churned_count\"], \"dimensions\": [\"metric_time.month\", \"customers.segment\", \"customers.region\", \"customers.acquisition_channel\", \"customers.owner_id\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"values\": [\"2025-11-01\", \"2026-06-30\"]}]}");
}
