WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("mrr"."month" AS timestamp)) AS date) AS d0, sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  WHERE "mrr"."month" >= CAST(? AS date)
    AND "mrr"."month" < CAST(? AS date)
    AND "mrr"."month" = ANY (ARRAY(SELECT (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr" WHERE "mrr"."month" >= CAST(? AS date) AND "mrr"."month" < CAST(? AS date) AND "mrr"."month" >= CAST("__snapshot_period"."period_start" AS date) AND "mrr"."month" < CAST("__snapshot_period"."period_start" + interval '1 month' AS date)) FROM generate_series(CAST(? AS date), CAST(? AS date), interval '1 month') AS "__snapshot_period"("period_start")))
  GROUP BY 1
),
q1 AS (
  SELECT CAST(CAST(date_trunc('month', CAST("mrr"."month" AS timestamp)) AS date) + interval '1 month' AS date) AS d0, sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  WHERE "mrr"."month" >= CAST(? AS date)
    AND "mrr"."month" < CAST(? AS date)
    AND "mrr"."month" = ANY (ARRAY(SELECT (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr" WHERE "mrr"."month" >= CAST(? AS date) AND "mrr"."month" < CAST(? AS date) AND "mrr"."month" >= CAST("__snapshot_period"."period_start" AS date) AND "mrr"."month" < CAST("__snapshot_period"."period_start" + interval '1 month' AS date)) FROM generate_series(CAST(? AS date), CAST(? AS date), interval '1 month') AS "__snapshot_period"("period_start")))
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
SELECT "metric_time.month", "mrr", "mrr_change", "mrr_growth_rate"
FROM (
  SELECT combined.d0 AS "metric_time.month",
    combined.q0_m0 AS "mrr",
    (combined.q0_m0 - combined.q1_m0) AS "mrr_change",
    (CAST((combined.q0_m0 - combined.q1_m0) AS numeric) / NULLIF(combined.q1_m0, 0)) AS "mrr_growth_rate"
  FROM combined
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: 2026-04-01 (LocalDate); 2026-06-16 (LocalDate); 2026-04-01 (LocalDate); 2026-06-16 (LocalDate); 2026-04-01 (LocalDate); 2026-06-01 (LocalDate); 2026-03-01 (LocalDate); 2026-05-16 (LocalDate); 2026-03-01 (LocalDate); 2026-05-16 (LocalDate); 2026-03-01 (LocalDate); 2026-05-01 (LocalDate); 1001 (Integer);
