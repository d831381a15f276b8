WITH q0 AS (
  SELECT count(*) AS m0, count(*) FILTER (WHERE ("customers".churned_at IS NOT NULL)) AS m1
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
  WHERE "customers"."created_at" >= CAST(? AS date)
    AND "customers"."created_at" < CAST(? AS date)
)
SELECT "customers.new_customer_count", "customers.new_customer_count_share"
FROM (
  SELECT q0.m0 AS "customers.new_customer_count",
    (CAST(q0.m1 AS numeric) / NULLIF(q0.m0, 0)) AS "customers.new_customer_count_share"
  FROM q0
) AS r
ORDER BY r."customers.new_customer_count" DESC NULLS LAST
LIMIT ?
-- binds: 2025-01-01 (LocalDate); 2026-01-01 (LocalDate); 1001 (Integer);
