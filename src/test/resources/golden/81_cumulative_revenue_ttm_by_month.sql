WITH q0 AS (
  SELECT "__window".p AS d0, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  JOIN (SELECT CAST("__s"."p" AS date) AS p, least(CAST("__s"."p" + interval '1 month' AS date), CAST(? AS date)) AS e FROM generate_series(CAST(? AS date), CAST(date_trunc('month', CAST(CAST(? AS date) AS timestamp)) AS date), interval '1 month') AS "__s"("p")) AS "__window" ON "invoices"."issued_at" < "__window".e AND "invoices"."issued_at" >= CAST("__window".e + interval '-12 month' AS date)
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
  GROUP BY 1
)
SELECT "metric_time.month", "revenue_trailing_12_months"
FROM (
  SELECT q0.d0 AS "metric_time.month",
    q0.m0 AS "revenue_trailing_12_months"
  FROM q0
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: 2026-01-01 (LocalDate); 2025-01-01 (LocalDate); 2025-12-31 (LocalDate); 2024-02-01 (LocalDate); 2026-01-01 (LocalDate); 1001 (Integer);
