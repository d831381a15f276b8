WITH q0 AS (
  SELECT "customers"."region" AS d0, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
  GROUP BY 1
)
SELECT "customers.region", "invoices.revenue"
FROM (
  SELECT q0.d0 AS "customers.region",
    q0.m0 AS "invoices.revenue"
  FROM q0
) AS r
ORDER BY r."invoices.revenue" DESC NULLS LAST, r."customers.region" ASC NULLS LAST
LIMIT ?
-- binds: 1001 (Integer);
