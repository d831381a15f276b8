WITH q0 AS (
  SELECT "customers"."plan" AS d0, sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "mrr".customer_id = "customers".customer_id
  WHERE "mrr"."month" IN (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr")
  GROUP BY 1
),
q1 AS (
  SELECT "customers"."plan" AS d0, sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "mrr".customer_id = "customers".customer_id
  WHERE ((("mrr".month = date_trunc('month', CAST(CAST(? AS date) AS date))::date)))
  GROUP BY 1
),
combined AS (
  SELECT d0, max(q0_m0) AS q0_m0, max(q1_m0) AS q1_m0
  FROM (
    SELECT d0, m0 AS q0_m0, NULL AS q1_m0 FROM q0
    UNION ALL
    SELECT d0, NULL AS q0_m0, m0 AS q1_m0 FROM q1
  ) AS u
  GROUP BY d0
)
SELECT "customers.plan", "mrr", "current_mrr"
FROM (
  SELECT combined.d0 AS "customers.plan",
    combined.q0_m0 AS "mrr",
    combined.q1_m0 AS "current_mrr"
  FROM combined
) AS r
ORDER BY r."mrr" DESC NULLS LAST, r."customers.plan" ASC NULLS LAST
LIMIT ?
-- binds: 2026-06-15 (LocalDate); 1001 (Integer);
