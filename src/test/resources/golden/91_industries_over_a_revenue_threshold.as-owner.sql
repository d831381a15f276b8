SELECT count(*) AS "count_of_industry"
FROM (
WITH q0 AS (
  SELECT "customers"."industry" AS d0, sum("invoices"."amount") AS m0
  FROM (SELECT * FROM "invoices" AS "invoices" WHERE EXISTS (SELECT 1 FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "__rls0_customers" WHERE "invoices".customer_id = "__rls0_customers".customer_id AND ("__rls0_customers".owner_id = ?))) AS "invoices"
  LEFT JOIN (SELECT * FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" WHERE ("customers".owner_id = ?)) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1
)
SELECT "customers.industry", "revenue"
FROM (
  SELECT q0.d0 AS "customers.industry",
    q0.m0 AS "revenue"
  FROM q0
) AS r
WHERE r."revenue" >= ?
) AS g
WHERE g."customers.industry" IS NOT NULL
LIMIT ?
-- binds: own_001 (String); own_001 (String); 2025-01-01 (LocalDate); 2026-01-01 (LocalDate); 10000 (BigDecimal); 1001 (Integer);
