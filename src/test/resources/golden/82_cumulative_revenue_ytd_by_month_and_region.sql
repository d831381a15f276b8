WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("invoices"."issued_at" AS timestamp)) AS date) AS d0, "customers"."region" AS d1, sum("invoices"."amount") AS m0
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
  GROUP BY 1, 2
),
q1 AS (
  SELECT "__window".p AS d0, "customers"."region" AS d1, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  JOIN (SELECT CAST("__s"."p" AS date) AS p, least(CAST("__s"."p" + interval '1 month' AS date), CAST(? AS date)) AS e FROM generate_series(CAST(? AS date), CAST(date_trunc('month', CAST(CAST(? AS date) AS timestamp)) AS date), interval '1 month') AS "__s"("p")) AS "__window" ON "invoices"."issued_at" < "__window".e AND "invoices"."issued_at" >= CAST(date_trunc('year', CAST(CAST("__window".e + interval '-1 day' AS date) AS timestamp)) AS date)
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1, 2
),
combined AS (
  SELECT d0, d1, max(q0_m0) AS q0_m0, max(q1_m0) AS q1_m0
  FROM (
    SELECT d0, d1, m0 AS q0_m0, NULL AS q1_m0 FROM q0
    UNION ALL
    SELECT d0, d1, NULL AS q0_m0, m0 AS q1_m0 FROM q1
  ) AS u
  GROUP BY d0, d1
)
SELECT "metric_time.month", "customers.region", "revenue", "revenue_year_to_date"
FROM (
  SELECT combined.d0 AS "metric_time.month",
    combined.d1 AS "customers.region",
    combined.q0_m0 AS "revenue",
    combined.q1_m0 AS "revenue_year_to_date"
  FROM combined
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST, r."customers.region" ASC NULLS LAST
LIMIT ?
-- binds: 2025-04-01 (LocalDate); 2025-10-01 (LocalDate); 2025-10-01 (LocalDate); 2025-04-01 (LocalDate); 2025-09-30 (LocalDate); 2025-01-01 (LocalDate); 2025-10-01 (LocalDate); 1001 (Integer);
