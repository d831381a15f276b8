WITH q0 AS (
  SELECT avg("customers"."lifetime_revenue") AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
),
q1 AS (
  SELECT sum("marketing"."spend") AS m0, sum("marketing"."new_customers") AS m1
  FROM (SELECT CAST(s.month AS timestamp) AS occurred_at, s.month, s.channel, s.spend, 0 AS new_customers,
       'spend/' || s.month || '/' || s.channel AS row_id
FROM marketing_spend s
UNION ALL
SELECT c.created_at, CAST(date_trunc('month', c.created_at) AS date), c.acquisition_channel, NULL, 1,
       'signup/' || c.customer_id
FROM customers c
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
