WITH q0 AS (
  SELECT "__window".p AS d0, count(*) AS m0
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
  JOIN (SELECT CAST("__s"."p" AS date) AS p, CAST("__s"."p" + interval '3 month' AS date) AS e FROM generate_series(CAST(date_trunc('quarter', CAST((SELECT min("customers"."created_at") FROM (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers") AS timestamp)) AS date), CAST(date_trunc('quarter', CAST((SELECT max("customers"."created_at") FROM (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers") AS timestamp)) AS date), interval '3 month') AS "__s"("p")) AS "__window" ON "customers"."created_at" < "__window".e
  GROUP BY 1
)
SELECT "metric_time.quarter", "cumulative_customers"
FROM (
  SELECT q0.d0 AS "metric_time.quarter",
    q0.m0 AS "cumulative_customers"
  FROM q0
) AS r
ORDER BY r."metric_time.quarter" ASC NULLS LAST
LIMIT ?
-- binds: 1001 (Integer);
