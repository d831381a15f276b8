WITH q0 AS (
  SELECT "customers"."segment" AS d0, count(*) AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  GROUP BY 1
)
SELECT "customers.segment", "customers.total_count"
FROM (
  SELECT q0.d0 AS "customers.segment",
    q0.m0 AS "customers.total_count"
  FROM q0
) AS r
ORDER BY r."customers.total_count" DESC NULLS LAST, r."customers.segment" ASC NULLS LAST
LIMIT ?
-- binds: 1001 (Integer);
