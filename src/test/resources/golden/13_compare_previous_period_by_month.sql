WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("invoices"."issued_at" AS timestamp)) AS date) AS d0, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1
),
q1 AS (
  SELECT CAST(CAST(date_trunc('month', CAST("invoices"."issued_at" AS timestamp)) AS date) + interval '1 month' AS date) AS d0, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1
),
combined AS (
  SELECT d0, max(q0_m0) AS q0_m0, max(q1_m0) AS q1_m0
  FROM (
    SELECT d0, 1 AS k, m0 AS q0_m0, NULL AS q1_m0 FROM q0
    UNION ALL
    SELECT d0, 0 AS k, NULL AS q0_m0, m0 AS q1_m0 FROM q1
  ) AS u
  GROUP BY d0
  HAVING max(k) = 1
)
SELECT "metric_time.month", "invoices.revenue", "invoices.revenue_previous", "invoices.revenue_change", "invoices.revenue_change_pct"
FROM (
  SELECT combined.d0 AS "metric_time.month",
    combined.q0_m0 AS "invoices.revenue",
    combined.q1_m0 AS "invoices.revenue_previous",
    (combined.q0_m0 - combined.q1_m0) AS "invoices.revenue_change",
    (CAST((combined.q0_m0 - combined.q1_m0) AS numeric) / NULLIF(combined.q1_m0, 0)) AS "invoices.revenue_change_pct"
  FROM combined
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: 2026-01-01 (LocalDate); 2026-06-16 (LocalDate); 2025-12-01 (LocalDate); 2026-05-16 (LocalDate); 1001 (Integer);
