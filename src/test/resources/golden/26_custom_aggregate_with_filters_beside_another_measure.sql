WITH q0 AS (
  SELECT "customers"."region" AS d0, (count(DISTINCT ("product_events".user_id, "product_events".event_time::date))::numeric / 30 / NULLIF(count(DISTINCT "product_events".user_id), 0)
) AS m0
  FROM "product_events" AS "product_events"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "product_events".customer_id = "customers".customer_id
  WHERE ((("product_events".event_time >= CAST(CAST(? AS date) AS date) - 29 AND "product_events".event_time < CAST(CAST(? AS date) AS date) + 1)))
  GROUP BY 1
),
q1 AS (
  SELECT k.d0, count(k.__counted) AS m0
  FROM (
    SELECT "customers"."region" AS d0, "product_events"."user_id" AS __counted
    FROM "product_events" AS "product_events"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "product_events".customer_id = "customers".customer_id
  GROUP BY 1, 2
  ) AS k
  GROUP BY k.d0
),
combined AS (
  SELECT d0, (array_agg(q0_m0) FILTER (WHERE q0_m0 IS NOT NULL))[1] AS q0_m0, max(q1_m0) AS q1_m0
  FROM (
    SELECT d0, m0 AS q0_m0, NULL AS q1_m0 FROM q0
    UNION ALL
    SELECT d0, NULL AS q0_m0, m0 AS q1_m0 FROM q1
  ) AS u
  GROUP BY d0
)
SELECT "customers.region", "stickiness", "product_events.active_users"
FROM (
  SELECT combined.d0 AS "customers.region",
    combined.q0_m0 AS "stickiness",
    coalesce(combined.q1_m0, 0) AS "product_events.active_users"
  FROM combined
) AS r
ORDER BY r."stickiness" DESC NULLS LAST, r."customers.region" ASC NULLS LAST
LIMIT ?
-- binds: 2026-06-15 (LocalDate); 2026-06-15 (LocalDate); 1001 (Integer);
