WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("invoices"."issued_at" AS timestamp)) AS date) AS d0, count(*) AS m0, count(*) FILTER (WHERE ("customers"."segment" IN (?, ?)) AND ("invoices".status = 'failed')) AS m1
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
  WHERE "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1
)
SELECT "metric_time.month", "invoices.invoice_count", "invoices.invoice_count_share"
FROM (
  SELECT q0.d0 AS "metric_time.month",
    q0.m0 AS "invoices.invoice_count",
    (CAST(q0.m1 AS numeric) / NULLIF(q0.m0, 0)) AS "invoices.invoice_count_share"
  FROM q0
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: enterprise (String); mid_market (String); own_001 (String); own_001 (String); 2026-01-01 (LocalDate); 2026-04-01 (LocalDate); 1001 (Integer);
