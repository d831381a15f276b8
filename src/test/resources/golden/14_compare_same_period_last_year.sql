WITH q0 AS (
  SELECT count(*) AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  WHERE "customers"."created_at" >= CAST(? AS date)
    AND "customers"."created_at" < CAST(? AS date)
),
q1 AS (
  SELECT count(*) AS m0
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
SELECT "customers.new_customer_count", "customers.new_customer_count_previous", "customers.new_customer_count_change", "customers.new_customer_count_change_pct"
FROM (
  SELECT coalesce(q0.m0, 0) AS "customers.new_customer_count",
    coalesce(q1.m0, 0) AS "customers.new_customer_count_previous",
    (coalesce(q0.m0, 0) - coalesce(q1.m0, 0)) AS "customers.new_customer_count_change",
    (CAST((coalesce(q0.m0, 0) - coalesce(q1.m0, 0)) AS numeric) / NULLIF(coalesce(q1.m0, 0), 0)) AS "customers.new_customer_count_change_pct"
  FROM q0 CROSS JOIN q1
) AS r
ORDER BY r."customers.new_customer_count" DESC NULLS LAST
LIMIT ?
-- binds: 2026-05-01 (LocalDate); 2026-06-01 (LocalDate); 2025-05-01 (LocalDate); 2025-06-01 (LocalDate); 1001 (Integer);
