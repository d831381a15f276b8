WITH q0 AS (
  SELECT sum("invoices"."amount") AS m0, sum("invoices"."amount") FILTER (WHERE ("customers"."region" = ?)) AS m1
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
)
SELECT "revenue", "revenue_share"
FROM (
  SELECT q0.m0 AS "revenue",
    (CAST(q0.m1 AS numeric) / NULLIF(q0.m0, 0)) AS "revenue_share"
  FROM q0
) AS r
ORDER BY r."revenue" DESC NULLS LAST
LIMIT ?
-- binds: EMEA (String); 2025-01-01 (LocalDate); 2026-01-01 (LocalDate); 1001 (Integer);
