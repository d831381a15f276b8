WITH q0 AS (
  SELECT CAST(date_trunc('day', CAST("support_tickets"."created_at" AS timestamp)) AS date) AS d0, count(*) AS m0
  FROM "support_tickets" AS "support_tickets"
  WHERE "support_tickets"."created_at" >= CAST(? AS date)
    AND "support_tickets"."created_at" < CAST(? AS date)
  GROUP BY 1
)
SELECT "metric_time.day", "support_tickets.ticket_count", "support_tickets.ticket_count_month_to_date"
FROM (
  SELECT q0.d0 AS "metric_time.day",
    q0.m0 AS "support_tickets.ticket_count",
    sum(q0.m0) OVER (PARTITION BY CAST(date_trunc('month', CAST(q0.d0 AS timestamp)) AS date) ORDER BY q0.d0 ROWS UNBOUNDED PRECEDING) AS "support_tickets.ticket_count_month_to_date"
  FROM q0
) AS r
ORDER BY r."metric_time.day" ASC NULLS LAST
LIMIT ?
-- binds: 2026-05-01 (LocalDate); 2026-06-16 (LocalDate); 1001 (Integer);
