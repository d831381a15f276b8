WITH q0 AS (
  SELECT count(*) FILTER (WHERE ("customers".churned_at >= CAST(CAST(? AS date) AS date) AND "customers".churned_at < CAST(CAST(? AS date) AS date))) AS m0, count(*) FILTER (WHERE ("customers".created_at < CAST(CAST(? AS date) AS date) AND ("customers".churned_at IS NULL OR "customers".churned_at >= CAST(CAST(? AS date) AS date)))) AS m1
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  WHERE ((("customers".churned_at >= CAST(CAST(? AS date) AS date) AND "customers".churned_at < CAST(CAST(? AS date) AS date))) OR (("customers".created_at < CAST(CAST(? AS date) AS date) AND ("customers".churned_at IS NULL OR "customers".churned_at >= CAST(CAST(? AS date) AS date)))))
)
SELECT "monthly_churn_rate"
FROM (
  SELECT (CAST(q0.m0 AS numeric) / NULLIF(q0.m1, 0)) AS "monthly_churn_rate"
  FROM q0
) AS r
ORDER BY r."monthly_churn_rate" DESC NULLS LAST
LIMIT ?
-- binds: 2026-05-01 (LocalDate); 2026-06-01 (LocalDate); 2026-05-01 (LocalDate); 2026-05-01 (LocalDate); 2026-05-01 (LocalDate); 2026-06-01 (LocalDate); 2026-05-01 (LocalDate); 2026-05-01 (LocalDate); 1001 (Integer);
