WITH q0 AS (
  SELECT CAST(date_trunc('month', "invoices"."issued_at") AS date) AS d0, "customers"."region" AS d1, sum("invoices"."amount") FILTER (WHERE ("invoices".status = 'paid')) AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1, 2
),
q1 AS (
  SELECT "__window".p AS d0, "customers"."region" AS d1, sum("invoices"."amount") FILTER (WHERE ("invoices".status = 'paid')) AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  JOIN (SELECT CAST("__s"."p" AS date) AS p, least(CAST("__s"."p" + interval '1 month' AS date), CAST(? AS date)) AS e FROM generate_series(CAST(? AS date), CAST(date_trunc('month', CAST(? AS date)) AS date), interval '1 month') AS "__s"("p")) AS "__window" ON "invoices"."issued_at" < "__window".e AND "invoices"."issued_at" >= CAST(date_trunc('year', CAST("__window".e + interval '-1 day' AS date)) AS date)
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1, 2
),
keys AS (
  SELECT q0.d0, q0.d1 FROM q0
  UNION
  SELECT q1.d0, q1.d1 FROM q1
)
SELECT "metric_time.month", "customers.region", "revenue", "revenue_year_to_date"
FROM (
  SELECT keys.d0 AS "metric_time.month",
    keys.d1 AS "customers.region",
    q0.m0 AS "revenue",
    q1.m0 AS "revenue_year_to_date"
  FROM keys
  LEFT JOIN q0 ON coalesce(keys.d0, '-infinity') = coalesce(q0.d0, '-infinity') AND (keys.d0 IS NULL) = (q0.d0 IS NULL) AND coalesce(keys.d1, '') = coalesce(q0.d1, '') AND (keys.d1 IS NULL) = (q0.d1 IS NULL)
  LEFT JOIN q1 ON coalesce(keys.d0, '-infinity') = coalesce(q1.d0, '-infinity') AND (keys.d0 IS NULL) = (q1.d0 IS NULL) AND coalesce(keys.d1, '') = coalesce(q1.d1, '') AND (keys.d1 IS NULL) = (q1.d1 IS NULL)
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST, r."customers.region" ASC NULLS LAST
LIMIT ?
-- binds: 2025-04-01 (LocalDate); 2025-10-01 (LocalDate); 2025-10-01 (LocalDate); 2025-04-01 (LocalDate); 2025-09-30 (LocalDate); 2025-01-01 (LocalDate); 2025-10-01 (LocalDate); 1001 (Integer);
