WITH q0 AS (
  SELECT count(*) AS m0, count(*) FILTER (WHERE ("customers".churned_at IS NOT NULL)) AS m1
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
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
