WITH q0 AS (
  SELECT "customers"."segment" AS d0, sum("revenue_retention"."current_mrr") AS m0, sum("revenue_retention"."base_mrr") AS m1, sum("revenue_retention"."capped_mrr") AS m2
  FROM (WITH d AS NOT MATERIALIZED (
  SELECT date_trunc('month', CAST(CAST(? AS date) AS date))::date AS cur_month
),
base AS (
  SELECT m.customer_id, m.mrr
  FROM mrr_snapshots m, d
  WHERE m.month = (d.cur_month - interval '12 months')::date
),
cur AS (
  SELECT m.customer_id, m.mrr
  FROM mrr_snapshots m, d
  WHERE m.month = d.cur_month
)
SELECT base.customer_id,
       base.mrr AS base_mrr,
       coalesce(cur.mrr, 0) AS current_mrr,
       least(coalesce(cur.mrr, 0), base.mrr) AS capped_mrr
FROM base
LEFT JOIN cur ON cur.customer_id = base.customer_id
) AS "revenue_retention"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "revenue_retention".customer_id = "customers".customer_id
  GROUP BY 1
)
SELECT "customers.segment", "net_revenue_retention", "gross_revenue_retention"
FROM (
  SELECT q0.d0 AS "customers.segment",
    (CAST(q0.m0 AS numeric) / NULLIF(q0.m1, 0)) AS "net_revenue_retention",
    (CAST(q0.m2 AS numeric) / NULLIF(q0.m1, 0)) AS "gross_revenue_retention"
  FROM q0
) AS r
ORDER BY r."net_revenue_retention" DESC NULLS LAST, r."customers.segment" ASC NULLS LAST
LIMIT ?
-- binds: 2026-06-15 (LocalDate); 1001 (Integer);
