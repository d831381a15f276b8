WITH q0 AS (
  SELECT count(k.__counted) AS m0
  FROM (
    SELECT "product_events"."user_id" AS __counted
    FROM "product_events" AS "product_events"
  WHERE "product_events"."event_time" >= CAST(? AS date)
    AND "product_events"."event_time" < CAST(? AS date)
  GROUP BY 1
  ) AS k
)
SELECT "active_users_trailing_28_days"
FROM (
  SELECT q0.m0 AS "active_users_trailing_28_days"
  FROM q0
) AS r
ORDER BY r."active_users_trailing_28_days" DESC NULLS LAST
LIMIT ?
-- binds: 2026-05-19 (LocalDate); 2026-06-16 (LocalDate); 1001 (Integer);
