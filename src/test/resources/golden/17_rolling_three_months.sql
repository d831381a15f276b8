WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("invoices"."issued_at" AS timestamp)) AS date) AS d0, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1
)
SELECT "metric_time.month", "invoices.revenue", "invoices.revenue_rolling_3"
FROM (
  SELECT q0.d0 AS "metric_time.month",
    q0.m0 AS "invoices.revenue",
    sum(q0.m0) OVER (ORDER BY q0.d0 RANGE BETWEEN interval '2 month' PRECEDING AND CURRENT ROW) AS "invoices.revenue_rolling_3"
  FROM q0
) AS r
WHERE r."metric_time.month" >= ?
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: 2025-05-01 (LocalDate); 2026-06-16 (LocalDate); 2025-07-01 (LocalDate); 1001 (Integer);
