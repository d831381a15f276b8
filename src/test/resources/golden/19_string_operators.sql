WITH q0 AS (
  SELECT "customers"."industry" AS d0, count(*) AS m0
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
