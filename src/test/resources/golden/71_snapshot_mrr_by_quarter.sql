WITH q0 AS (
  SELECT CAST(date_trunc('quarter', CAST("mrr"."month" AS timestamp)) AS date) AS d0, sum("mrr"."mrr") AS m0, count(DISTINCT "mrr"."customer_id") AS m1
  FROM "mrr_snapshots" AS "mrr"
  WHERE "mrr"."month" >= CAST(? AS date)
    AND "mrr"."month" < CAST(? AS date)
    AND "mrr"."month" = ANY (ARRAY(SELECT (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr" WHERE "mrr"."month" >= CAST(? AS date) AND "mrr"."month" < CAST(? AS date) AND "mrr"."month" >= CAST("__snapshot_period"."period_start" AS date) AND "mrr"."month" < CAST("__snapshot_period"."period_start" + interval '3 month' AS date)) FROM generate_series(CAST(? AS date), CAST(? AS date), interval '3 month') AS "__snapshot_period"("period_start")))
  GROUP BY 1
)
SELECT "metric_time.quarter", "mrr", "mrr.paying_customers"
FROM (
  SELECT q0.d0 AS "metric_time.quarter",
    q0.m0 AS "mrr",
    q0.m1 AS "mrr.paying_customers"
  FROM q0
) AS r
ORDER BY r."metric_time.quarter" ASC NULLS LAST
LIMIT ?
-- binds: 2025-06-16 (LocalDate); 2026-06-16 (LocalDate); 2025-06-16 (LocalDate); 2026-06-16 (LocalDate); 2025-04-01 (LocalDate); 2026-04-01 (LocalDate); 1001 (Integer);
