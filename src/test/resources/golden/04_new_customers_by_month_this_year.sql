WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("customers"."created_at" AS timestamp)) AS date) AS d0, count(*) AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
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
