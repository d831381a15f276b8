WITH q0 AS (
  SELECT avg("customers"."lifetime_revenue") AS m0
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
),
q1 AS (
  SELECT sum("marketing"."spend") AS m0, sum("marketing"."new_customers") AS m1
  FROM (WITH spend AS (
  SELECT s.month, s.channel, s.spend FROM marketing_spend s
),
signups AS (
  SELECT date_trunc('month', c.created_at)::date AS month, c.acquisition_channel AS channel, count(*) AS new_customers
  FROM customers c
  GROUP BY 1, 2
)
SELECT coalesce(spend.month, signups.month) AS month,
       coalesce(spend.channel, signups.channel) AS channel,
       coalesce(spend.spend, 0) AS spend,
       coalesce(signups.new_customers, 0) AS new_customers
FROM spend
FULL OUTER JOIN signups ON signups.month = spend.month AND signups.channel = spend.channel
) AS "marketing"
)
SELECT "ltv_cac_ratio", "customer_acquisition_cost", "customer_lifetime_value"
FROM (
  SELECT (CAST(q0.m0 AS numeric) / NULLIF((CAST(q1.m0 AS numeric) / NULLIF(q1.m1, 0)), 0)) AS "ltv_cac_ratio",
    (CAST(q1.m0 AS numeric) / NULLIF(q1.m1, 0)) AS "customer_acquisition_cost",
    q0.m0 AS "customer_lifetime_value"
  FROM q0 CROSS JOIN q1
) AS r
ORDER BY r."ltv_cac_ratio" DESC NULLS LAST
LIMIT ?
-- binds: 1001 (Integer);
