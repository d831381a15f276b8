WITH q0 AS (
  SELECT sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  WHERE ((("invoices".status = 'paid')))
    AND "invoices"."issued_at" >= CAST(? AS date)
    AND "invoices"."issued_at" < CAST(? AS date)
)
SELECT "revenue_month_to_date"
FROM (
  SELECT q0.m0 AS "revenue_month_to_date"
  FROM q0
) AS r
ORDER BY r."revenue_month_to_date" DESC NULLS LAST
LIMIT ?
-- binds: 2026-05-01 (LocalDate); 2026-06-01 (LocalDate); 1001 (Integer);
