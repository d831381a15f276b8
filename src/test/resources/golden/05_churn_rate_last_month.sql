WITH q0 AS (
  SELECT count(*) FILTER (WHERE ("customers".churned_at >= CAST(CAST(? AS date) AS date) AND "customers".churned_at < CAST(CAST(? AS date) AS date))) AS m0, count(*) FILTER (WHERE ("customers".created_at < CAST(CAST(? AS date) AS date) AND ("customers".churned_at IS NULL OR "customers".churned_at >= CAST(CAST(? AS date) AS date)))) AS m1
  FROM (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers"
  WHERE ((("customers".churned_at >= CAST(CAST(? AS date) AS date) AND "customers".churned_at < CAST(CAST(? AS date) AS date))) OR (("customers".created_at < CAST(CAST(? AS date) AS date) AND ("customers".churned_at IS NULL OR "customers".churned_at >= CAST(CAST(? AS date) AS date)))))
)
SELECT "monthly_churn_rate"
FROM (
  SELECT (CAST(q0.m0 AS numeric) / NULLIF(q0.m1, 0)) AS "monthly_churn_rate"
  FROM q0
) AS r
ORDER BY r."monthly_churn_rate" DESC NULLS LAST
LIMIT ?
-- binds: 2026-05-01 (LocalDate); 2026-06-01 (LocalDate); 2026-05-01 (LocalDate); 2026-05-01 (LocalDate); 2026-05-01 (LocalDate); 2026-06-01 (LocalDate); 2026-05-01 (LocalDate); 2026-05-01 (LocalDate); 1001 (Integer);
