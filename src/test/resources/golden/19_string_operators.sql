WITH q0 AS (
  SELECT "customers"."industry" AS d0, count(*) AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  WHERE "customers"."customer_name" ILIKE ?
    AND ("customers"."acquisition_channel" NOT IN (?) OR "customers"."acquisition_channel" IS NULL)
    AND "customers"."company_domain" ILIKE ?
    AND "customers"."contract_end_date" IS NOT NULL
  GROUP BY 1
)
SELECT "customers.industry", "customers.total_count"
FROM (
  SELECT q0.d0 AS "customers.industry",
    q0.m0 AS "customers.total_count"
  FROM q0
) AS r
ORDER BY r."customers.total_count" DESC NULLS LAST, r."customers.industry" ASC NULLS LAST
LIMIT ?
-- binds: %50\%\_off% (String); events (String); a% (String); 1001 (Integer);
