WITH q0 AS (
  SELECT CAST("__period"."period_start" AS date) AS d0, count(*) FILTER (WHERE ("customers".churned_at >= CAST(CAST("__period"."period_start" AS date) AS date) AND "customers".churned_at < CAST(CAST("__period"."period_start" + interval '1 month' AS date) AS date))) AS m0, count(*) FILTER (WHERE ("customers".created_at < CAST(CAST("__period"."period_start" AS date) AS date) AND ("customers".churned_at IS NULL OR "customers".churned_at >= CAST(CAST("__period"."period_start" AS date) AS date)))) AS m1
  FROM generate_series(CAST(? AS date), CAST(? AS date), interval '1 month') AS "__period"("period_start") CROSS JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  GROUP BY 1
)
SELECT "metric_time.month", "monthly_churn_rate"
FROM (
  SELECT q0.d0 AS "metric_time.month",
    (CAST(q0.m0 AS numeric) / NULLIF(q0.m1, 0)) AS "monthly_churn_rate"
  FROM q0
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: 2026-01-01 (LocalDate); 2026-06-01 (LocalDate); 1001 (Integer);
