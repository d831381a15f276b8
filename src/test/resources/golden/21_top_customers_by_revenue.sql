WITH q0 AS (
  SELECT "customers"."customer_id" AS d0, "customers"."customer_name" AS d1, sum("invoices"."amount") FILTER (WHERE ("invoices".status = 'paid')) AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
  GROUP BY 1, 2
)
SELECT "customers.customer_id", "customers.customer_name", "invoices.revenue"
FROM (
  SELECT q0.d0 AS "customers.customer_id",
    q0.d1 AS "customers.customer_name",
    q0.m0 AS "invoices.revenue"
  FROM q0
) AS r
ORDER BY r."invoices.revenue" DESC NULLS LAST
LIMIT ?
-- binds: 11 (Integer);
