WITH q0 AS (
  SELECT CAST(date_trunc('month', CAST("customer_journey"."reached_at" AS timestamp)) AS date) AS d0, count("customer_journey"."customer_id") FILTER (WHERE EXISTS (SELECT 1 FROM (SELECT j.customer_id || '/' || j.stage AS journey_event_id,
       j.customer_id,
       j.stage,
       CASE j.stage WHEN 'signup' THEN 1 WHEN 'onboarding_started' THEN 2 WHEN 'first_value' THEN 3
                    WHEN 'paid' THEN 4 WHEN 'expansion' THEN 5 WHEN 'advocacy' THEN 6 END AS stage_order,
       j.reached_at,
       extract(epoch FROM j.reached_at - s.reached_at) / 86400 AS days_from_signup
FROM journey_events j
LEFT JOIN journey_events s ON s.customer_id = j.customer_id AND s.stage = 'signup'
) AS "__conversion" WHERE "__conversion"."customer_id" = "customer_journey"."customer_id" AND "__conversion"."reached_at" >= "customer_journey"."reached_at" AND "__conversion"."reached_at" < "customer_journey"."reached_at" + interval '30 day' AND ("__conversion".stage = 'paid'))) AS m0, count("customer_journey"."customer_id") AS m1, count("customer_journey"."customer_id") FILTER (WHERE EXISTS (SELECT 1 FROM (SELECT j.customer_id || '/' || j.stage AS journey_event_id,
       j.customer_id,
       j.stage,
       CASE j.stage WHEN 'signup' THEN 1 WHEN 'onboarding_started' THEN 2 WHEN 'first_value' THEN 3
                    WHEN 'paid' THEN 4 WHEN 'expansion' THEN 5 WHEN 'advocacy' THEN 6 END AS stage_order,
       j.reached_at,
       extract(epoch FROM j.reached_at - s.reached_at) / 86400 AS days_from_signup
FROM journey_events j
LEFT JOIN journey_events s ON s.customer_id = j.customer_id AND s.stage = 'signup'
) AS "__conversion" WHERE "__conversion"."customer_id" = "customer_journey"."customer_id" AND "__conversion"."reached_at" >= "customer_journey"."reached_at" AND "__conversion"."reached_at" < "customer_journey"."reached_at" + interval '30 day' AND ("__conversion".stage = 'paid'))) AS m2
  FROM (SELECT j.customer_id || '/' || j.stage AS journey_event_id,
       j.customer_id,
       j.stage,
       CASE j.stage WHEN 'signup' THEN 1 WHEN 'onboarding_started' THEN 2 WHEN 'first_value' THEN 3
                    WHEN 'paid' THEN 4 WHEN 'expansion' THEN 5 WHEN 'advocacy' THEN 6 END AS stage_order,
       j.reached_at,
       extract(epoch FROM j.reached_at - s.reached_at) / 86400 AS days_from_signup
FROM journey_events j
LEFT JOIN journey_events s ON s.customer_id = j.customer_id AND s.stage = 'signup'
) AS "customer_journey"
  WHERE ((("customer_journey".stage = 'signup')))
    AND "customer_journey"."reached_at" >= CAST(? AS date)
    AND "customer_journey"."reached_at" < CAST(? AS date)
  GROUP BY 1
)
SELECT "metric_time.month", "signup_to_paid_conversion_rate_30_days", "signup_to_paid_conversions_30_days"
FROM (
  SELECT q0.d0 AS "metric_time.month",
    (CAST(q0.m0 AS numeric) / NULLIF(q0.m1, 0)) AS "signup_to_paid_conversion_rate_30_days",
    q0.m2 AS "signup_to_paid_conversions_30_days"
  FROM q0
) AS r
ORDER BY r."metric_time.month" ASC NULLS LAST
LIMIT ?
-- binds: 2025-01-01 (LocalDate); 2026-01-01 (LocalDate); 1001 (Integer);
