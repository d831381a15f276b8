WITH q0 AS (
  SELECT sum("mrr"."mrr") AS m0
  FROM "mrr_snapshots" AS "mrr"
  WHERE "mrr"."month" >= CAST(? AS date)
    AND "mrr"."month" < CAST(? AS date)
    AND "mrr"."month" IN (SELECT max("mrr"."month") FROM "mrr_snapshots" AS "mrr" WHERE "mrr"."month" >= CAST(? AS date) AND "mrr"."month" < CAST(? AS date))
)
SELECT "mrr"
FROM (
  SELECT q0.m0 AS "mrr"
  FROM q0
) AS r
ORDER BY r."mrr" DESC NULLS LAST
LIMIT ?
-- binds: 2025-01-01 (LocalDate); 2026-01-01 (LocalDate); 2025-01-01 (LocalDate); 2026-01-01 (LocalDate); 1001 (Integer);
