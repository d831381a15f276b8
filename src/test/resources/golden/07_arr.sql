WITH q0 AS (
  SELECT sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  WHERE ((("mrr".month = date_trunc('month', CAST(CAST(? AS date) AS date))::date)))
)
SELECT "arr"
FROM (
  SELECT (12 * q0.m0) AS "arr"
  FROM q0
) AS r
ORDER BY r."arr" DESC NULLS LAST
LIMIT ?
-- binds: 2026-06-15 (LocalDate); 1001 (Integer);
