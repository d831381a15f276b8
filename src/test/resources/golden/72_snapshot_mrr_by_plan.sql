WITH q0 AS (
  SELECT "customers"."plan" AS d0, sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
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
) AS "customers" ON "mrr".customer_id = "customers".customer_id
  WHERE "mrr"."month" IN (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr")
  GROUP BY 1
),
q1 AS (
  SELECT "customers"."plan" AS d0, sum("mrr"."mrr") FILTER (WHERE ("mrr".month = date_trunc('month', CAST(CAST(? AS date) AS date))::date)) AS m0
  FROM "mrr_snapshots" AS "mrr"
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
) AS "customers" ON "mrr".customer_id = "customers".customer_id
  WHERE ((("mrr".month = date_trunc('month', CAST(CAST(? AS date) AS date))::date)))
  GROUP BY 1
),
keys AS (
  SELECT q0.d0 FROM q0
  UNION
  SELECT q1.d0 FROM q1
)
SELECT "customers.plan", "mrr", "current_mrr"
FROM (
  SELECT keys.d0 AS "customers.plan",
    q0.m0 AS "mrr",
    q1.m0 AS "current_mrr"
  FROM keys
  LEFT JOIN q0 ON coalesce(keys.d0, '') = coalesce(q0.d0, '') AND (keys.d0 IS NULL) = (q0.d0 IS NULL)
  LEFT JOIN q1 ON coalesce(keys.d0, '') = coalesce(q1.d0, '') AND (keys.d0 IS NULL) = (q1.d0 IS NULL)
) AS r
ORDER BY r."mrr" DESC NULLS LAST, r."customers.plan" ASC NULLS LAST
LIMIT ?
-- binds: 2026-06-15 (LocalDate); 2026-06-15 (LocalDate); 1001 (Integer);
