WITH q0 AS (
  SELECT "owners"."name" AS d0, sum("customer_health"."current_mrr") AS m0
  FROM (WITH d AS NOT MATERIALIZED (
  SELECT CAST(CAST(? AS date) AS date) AS as_of
),
m AS NOT MATERIALIZED (
  SELECT d.as_of, date_trunc('month', d.as_of)::date AS cur_month,
         (date_trunc('month', d.as_of) - interval '3 months')::date AS m3_month
  FROM d
),
act AS (
  -- Active as of as_of (not only today), so that past reference dates replay correctly.
  SELECT c.customer_id FROM customers c, m
  WHERE c.created_at < m.as_of + 1 AND (c.churned_at IS NULL OR c.churned_at >= m.as_of + 1)
),
-- Events in three reads, one per window and event type, each its own LEFT JOIN on a
-- unique key: a query that needs one of these columns reads only that window's events
-- (PostgreSQL drops a LEFT JOIN whose columns are unused), instead of every event of 90 days.
logins_30d AS (
  SELECT e.customer_id,
         count(DISTINCT e.event_time::date) AS active_days_30d,
         count(*) FILTER (WHERE e.event_time >= m.as_of - 27) AS logins_28d
  FROM product_events e, m
  WHERE e.event_type = 'login' AND e.event_time >= m.as_of - 29 AND e.event_time < m.as_of + 1
  GROUP BY e.customer_id
),
logins_prev AS (
  SELECT e.customer_id, count(*) AS logins_prev_28d
  FROM product_events e, m
  WHERE e.event_type = 'login' AND e.event_time >= m.as_of - 55 AND e.event_time < m.as_of - 27
  GROUP BY e.customer_id
),
features_90d AS (
  SELECT e.customer_id, count(DISTINCT e.feature_name) AS features_used_90d
  FROM product_events e, m
  WHERE e.event_type = 'feature_used' AND e.event_time >= m.as_of - 89 AND e.event_time < m.as_of + 1
  GROUP BY e.customer_id
),
launched AS (
  SELECT count(*) AS n FROM features f, m WHERE f.launched_at <= m.as_of
),
latest_nps AS (
  SELECT DISTINCT ON (r.customer_id) r.customer_id, r.score
  FROM nps_responses r, m
  WHERE r.responded_at < m.as_of + 1
  ORDER BY r.customer_id, r.responded_at DESC, r.response_id DESC
),
tix AS (
  SELECT t.customer_id,
         avg(t.satisfaction) AS csat_90d,
         count(*) FILTER (WHERE t.created_at >= m.as_of - 29) AS tickets_30d,
         avg(t.satisfaction) FILTER (WHERE t.created_at >= m.as_of - 29) AS csat_30d
  FROM support_tickets t, m
  WHERE t.created_at >= m.as_of - 89 AND t.created_at < m.as_of + 1
  GROUP BY t.customer_id
),
rev AS (
  SELECT s.customer_id,
         sum(s.mrr) FILTER (WHERE s.month = m.cur_month) AS current_mrr,
         sum(s.mrr) FILTER (WHERE s.month = m.m3_month) AS mrr_3_months_ago
  FROM mrr_snapshots s, m
  WHERE s.month IN (m.cur_month, m.m3_month)
  GROUP BY s.customer_id
),
parts AS (
  SELECT act.customer_id,
         coalesce(logins_30d.active_days_30d, 0) AS active_days_30d,
         coalesce(features_90d.features_used_90d, 0) AS features_used_90d,
         coalesce(logins_30d.logins_28d, 0) AS logins_28d,
         coalesce(logins_prev.logins_prev_28d, 0) AS logins_prev_28d,
         launched.n AS launched_features,
         latest_nps.score AS nps_score,
         tix.csat_90d,
         coalesce(tix.tickets_30d, 0) AS tickets_30d,
         tix.csat_30d,
         coalesce(rev.current_mrr, 0) AS current_mrr,
         coalesce(rev.mrr_3_months_ago, 0) AS mrr_3_months_ago,
         CASE WHEN coalesce(logins_30d.active_days_30d, 0) >= 25 THEN 100
              WHEN coalesce(logins_30d.active_days_30d, 0) >= 20 THEN 80
              WHEN coalesce(logins_30d.active_days_30d, 0) >= 15 THEN 60
              WHEN coalesce(logins_30d.active_days_30d, 0) >= 10 THEN 40
              ELSE 20 END AS usage_score,
         100.0 * coalesce(features_90d.features_used_90d, 0) / NULLIF(launched.n, 0) AS adoption_score,
         coalesce(10 * latest_nps.score, 50) AS nps_component_score,
         coalesce(20 * tix.csat_90d, 80) AS support_score,
         CASE WHEN coalesce(rev.current_mrr, 0) > coalesce(rev.mrr_3_months_ago, 0) THEN 100 ELSE 50 END AS growth_score
  FROM act
  CROSS JOIN launched
  LEFT JOIN logins_30d ON logins_30d.customer_id = act.customer_id
  LEFT JOIN logins_prev ON logins_prev.customer_id = act.customer_id
  LEFT JOIN features_90d ON features_90d.customer_id = act.customer_id
  LEFT JOIN latest_nps ON latest_nps.customer_id = act.customer_id
  LEFT JOIN tix ON tix.customer_id = act.customer_id
  LEFT JOIN rev ON rev.customer_id = act.customer_id
),
scored AS (
  SELECT parts.*,
         round(0.35 * usage_score + 0.25 * adoption_score + 0.20 * nps_component_score
               + 0.10 * support_score + 0.10 * growth_score)::int AS health_score
  FROM parts
)
SELECT scored.*,
       CASE WHEN health_score >= 80 THEN 'excellent' WHEN health_score >= 60 THEN 'good'
            WHEN health_score >= 40 THEN 'at risk' ELSE 'critical' END AS health_score_band,
       CASE WHEN health_score < 60 THEN 'at-risk' ELSE 'active' END AS lifecycle_stage,
       CASE WHEN logins_28d < 0.5 * logins_prev_28d THEN 'high'
            WHEN logins_28d < 0.75 * logins_prev_28d OR (tickets_30d > 5 AND csat_30d < 3) THEN 'medium'
            ELSE 'low' END AS login_trend_risk
FROM scored
) AS "customer_health"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "customer_health".customer_id = "customers".customer_id
  LEFT JOIN "owners" AS "owners" ON "customers".owner_id = "owners".owner_id
  WHERE ((("customer_health".health_score_band IN ('at risk', 'critical'))))
  GROUP BY 1
)
SELECT "owners.name", "mrr_at_risk"
FROM (
  SELECT q0.d0 AS "owners.name",
    q0.m0 AS "mrr_at_risk"
  FROM q0
) AS r
ORDER BY r."mrr_at_risk" DESC NULLS LAST
LIMIT ?
-- binds: 2026-06-15 (LocalDate); 2 (Integer);
