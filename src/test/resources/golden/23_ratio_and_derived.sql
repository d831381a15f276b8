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
  FROM (WITH signup_months AS (
  SELECT generate_series(date_trunc('month', min(c.created_at)), max(c.created_at), interval '1 month')::date AS month
  FROM customers c
)
SELECT u.month, u.channel, sum(u.spend) AS spend, sum(u.new_customers) AS new_customers
FROM (
  SELECT s.month, s.channel, s.spend, 0 AS new_customers
  FROM marketing_spend s
  UNION ALL
  SELECT m.month, c.acquisition_channel, 0, count(*)
  FROM signup_months m
  JOIN customers c ON c.created_at >= m.month AND c.created_at < m.month + interval '1 month'
  GROUP BY 1, 2
) u
GROUP BY 1, 2
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
