WITH q0 AS (
  SELECT CAST(date_trunc('quarter', "mrr"."month") AS date) AS d0, sum("mrr"."mrr") AS m0, count(DISTINCT "mrr"."customer_id") AS m1
  FROM "mrr_snapshots" AS "mrr"
  WHERE "mrr"."month" >= CAST(? AS date)
    AND "mrr"."month" < CAST(? AS date)
    AND "mrr"."month" IN (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr" WHERE "mrr"."month" >= CAST(? AS date) AND "mrr"."month" < CAST(? AS date) GROUP BY CAST(date_trunc('quarter', "mrr"."month") AS date))
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
-- binds: 2025-06-16 (LocalDate); 2026-06-16 (LocalDate); 2025-06-16 (LocalDate); 2026-06-16 (LocalDate); 1001 (Integer);
