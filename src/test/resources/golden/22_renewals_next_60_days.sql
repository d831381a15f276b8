WITH q0 AS (
  SELECT "customers"."customer_name" AS d0, "owners"."name" AS d1
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  LEFT JOIN "owners" AS "owners" ON "customers".owner_id = "owners".owner_id
  WHERE "customers"."contract_end_date" >= CAST(? AS date) AND "customers"."contract_end_date" < CAST(? AS date)
    AND ("customers".churned_at IS NULL)
  GROUP BY 1, 2
)
SELECT "customers.customer_name", "owners.name"
FROM (
  SELECT q0.d0 AS "customers.customer_name",
    q0.d1 AS "owners.name"
  FROM q0
) AS r
ORDER BY r."customers.customer_name" ASC NULLS LAST, r."owners.name" ASC NULLS LAST
LIMIT ?
-- binds: 2026-06-16 (LocalDate); 2026-08-15 (LocalDate); 1001 (Integer);
