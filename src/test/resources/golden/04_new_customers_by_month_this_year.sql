WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("customers"."created_at" AS timestamp)) AS date) AS d0, count(*) AS m0
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
  WHERE "customers"."created_at" >= CAST(? AS date) AND "customers"."created_at" < CAST(? AS date)
  GROUP BY 1
)
SELECT "customers.created_date.month", "customers.new_customer_count"
FROM (
  SELECT q0.d0 AS "customers.created_date.month",
    q0.m0 AS "customers.new_customer_count"
  FROM q0
) AS r
ORDER BY r."customers.created_date.month" ASC NULLS LAST
LIMIT ?
-- binds: 2026-01-01 (LocalDate); 2026-06-16 (LocalDate); 1001 (Integer);
