WITH q0 AS (
  SELECT "customers"."segment" AS d0, count(*) AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  GROUP BY 1
),
q1 AS (
  SELECT "customers"."segment" AS d0, sum("invoices"."amount") AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
  GROUP BY 1
),
q2 AS (
  SELECT "customers"."segment" AS d0, avg("support_tickets"."satisfaction") AS m0
  FROM "support_tickets" AS "support_tickets"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "support_tickets".customer_id = "customers".customer_id
  WHERE ((("support_tickets".satisfaction IS NOT NULL)))
  GROUP BY 1
),
combined AS (
  SELECT d0, max(q0_m0) AS q0_m0, max(q1_m0) AS q1_m0, max(q2_m0) AS q2_m0
  FROM (
    SELECT q0.d0 AS d0, q0.m0 AS q0_m0, q1.m0 AS q1_m0, q2.m0 AS q2_m0 FROM q0, q1, q2 WHERE FALSE
    UNION ALL
    SELECT d0, m0 AS q0_m0, NULL AS q1_m0, NULL AS q2_m0 FROM q0
    UNION ALL
    SELECT d0, NULL AS q0_m0, m0 AS q1_m0, NULL AS q2_m0 FROM q1
    UNION ALL
    SELECT d0, NULL AS q0_m0, NULL AS q1_m0, m0 AS q2_m0 FROM q2
  ) AS u
  GROUP BY d0
)
SELECT "customers.segment", "customers.total_count", "invoices.revenue", "support_tickets.csat"
FROM (
  SELECT combined.d0 AS "customers.segment",
    coalesce(combined.q0_m0, 0) AS "customers.total_count",
    combined.q1_m0 AS "invoices.revenue",
    combined.q2_m0 AS "support_tickets.csat"
  FROM combined
) AS r
ORDER BY r."customers.total_count" DESC NULLS LAST, r."customers.segment" ASC NULLS LAST
LIMIT ?
-- binds: 1001 (Integer);
