WITH q0 AS (
  SELECT "customers"."segment" AS d0, "customers"."industry" AS d1, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
  GROUP BY 1, 2
)
SELECT "customers.segment", "customers.industry", "invoices.revenue", "invoices.revenue_rank"
FROM (
  SELECT q0.d0 AS "customers.segment",
    q0.d1 AS "customers.industry",
    q0.m0 AS "invoices.revenue",
    rank() OVER (PARTITION BY q0.d0 ORDER BY q0.m0 DESC NULLS LAST) AS "invoices.revenue_rank"
  FROM q0
) AS r
WHERE r."invoices.revenue_rank" <= ?
ORDER BY r."invoices.revenue" DESC NULLS LAST, r."customers.segment" ASC NULLS LAST, r."customers.industry" ASC NULLS LAST
LIMIT ?
-- binds: 2 (BigDecimal); 1001 (Integer);
