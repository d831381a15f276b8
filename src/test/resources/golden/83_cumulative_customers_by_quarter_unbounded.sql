WITH q0 AS (
  SELECT "__window".p AS d0, count(*) AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  JOIN (SELECT CAST("__s"."p" AS date) AS p, CAST("__s"."p" + interval '3 month' AS date) AS e FROM generate_series(CAST(date_trunc('quarter', CAST((SELECT min("customers"."created_at") FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers") AS timestamp)) AS date), CAST(date_trunc('quarter', CAST((SELECT max("customers"."created_at") FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
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
