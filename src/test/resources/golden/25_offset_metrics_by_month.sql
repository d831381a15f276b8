WITH q0 AS (
  SELECT CAST(date_trunc('month', "mrr"."month") AS date) AS d0, sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  WHERE "mrr"."month" >= CAST(? AS date)
    AND "mrr"."month" < CAST(? AS date)
    AND "mrr"."month" IN (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr" WHERE "mrr"."month" >= CAST(? AS date) AND "mrr"."month" < CAST(? AS date) GROUP BY CAST(date_trunc('month', "mrr"."month") AS date))
  GROUP BY 1
),
q1 AS (
  SELECT CAST(CAST(date_trunc('month', "mrr"."month") AS date) + interval '1 month' AS date) AS d0, sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  WHERE "mrr"."month" >= CAST(? AS date)
    AND "mrr"."month" < CAST(? AS date)
    AND "mrr"."month" IN (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr" WHERE "mrr"."month" >= CAST(? AS date) AND "mrr"."month" < CAST(? AS date) GROUP BY CAST(date_trunc('month', "mrr"."month") AS date))
  GROUP BY 1
),
keys AS (
  SELECT q0.d0 FROM q0
)
SELECT "metric_time.month", "mrr", "mrr_change", "mrr_growth_rate"
FROM (
  SELECT keys.d0 AS "metric_time.month",
    q0.m0 AS "mrr",
    (q0.m0 - q1.m0) AS "mrr_change",
    (CAST((q0.m0 - q1.m0) AS numeric) / NULLIF(q1.m0, 0)) AS "mrr_growth_rate"
  FROM keys
  LEFT JOIN q0 ON coalesce(keys.d0, '-infinity') = coalesce(q0.d0, '-infinity') AND (keys.d0 IS NULL) = (q0.d0 IS NULL)
  LEFT JOIN q1 ON coalesce(keys.d0, '-infinity') = coalesce(q1.d0, '-infinity') AND (keys.d0 IS NULL) = (q1.d0 IS NULL)
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: 2026-04-01 (LocalDate); 2026-06-16 (LocalDate); 2026-04-01 (LocalDate); 2026-06-16 (LocalDate); 2026-03-01 (LocalDate); 2026-05-16 (LocalDate); 2026-03-01 (LocalDate); 2026-05-16 (LocalDate); 1001 (Integer);
