WITH q0 AS (
  SELECT "customers"."region" AS d0, sum("invoices"."amount") AS m0
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
),
q1 AS (
  SELECT "customers"."region" AS d0, count(*) AS m0
  FROM (SELECT * FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" WHERE ("customers".owner_id = ?)) AS "customers"
  WHERE "customers"."created_at" >= CAST(? AS date)
    AND "customers"."created_at" < CAST(? AS date)
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
SELECT "customers.region", "invoices.revenue", "customers.new_customer_count"
FROM (
  SELECT combined.d0 AS "customers.region",
    combined.q0_m0 AS "invoices.revenue",
    coalesce(combined.q1_m0, 0) AS "customers.new_customer_count"
  FROM combined
) AS r
ORDER BY r."invoices.revenue" DESC NULLS LAST, r."customers.region" ASC NULLS LAST
LIMIT ?
-- binds: own_001 (String); own_001 (String); 2026-01-01 (LocalDate); 2026-06-16 (LocalDate); own_001 (String); 2026-01-01 (LocalDate); 2026-06-16 (LocalDate); 1001 (Integer);
