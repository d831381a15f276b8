WITH q0 AS (
  SELECT "customers"."segment" AS d0, count(*) AS m0
  FROM (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers"
  GROUP BY 1
),
q1 AS (
  SELECT "customers"."segment" AS d0, sum("invoices"."amount") FILTER (WHERE ("invoices".status = 'paid')) AS m0
  FROM "invoices" AS "invoices"
  LEFT JOIN (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers" ON "invoices".customer_id = "customers".customer_id
  WHERE ((("invoices".status = 'paid')))
  GROUP BY 1
),
q2 AS (
  SELECT "customers"."segment" AS d0, avg("support_tickets"."satisfaction") FILTER (WHERE ("support_tickets".satisfaction IS NOT NULL)) AS m0
  FROM "support_tickets" AS "support_tickets"
  LEFT JOIN (SELECT c.*,
       coalesce(r.lifetime_revenue, 0) AS lifetime_revenue,
       coalesce(r.paid_invoices, 0) AS paid_invoices
FROM customers c
LEFT JOIN (
  SELECT i.customer_id, sum(i.amount) AS lifetime_revenue, count(*) AS paid_invoices
  FROM invoices i
  WHERE i.status = 'paid'
  GROUP BY i.customer_id
) r ON r.customer_id = c.customer_id
) AS "customers" ON "support_tickets".customer_id = "customers".customer_id
  WHERE ((("support_tickets".satisfaction IS NOT NULL)))
  GROUP BY 1
),
keys AS (
  SELECT q0.d0 FROM q0
  UNION
  SELECT q1.d0 FROM q1
  UNION
  SELECT q2.d0 FROM q2
)
SELECT "customers.segment", "customers.total_count", "invoices.revenue", "support_tickets.csat"
FROM (
  SELECT keys.d0 AS "customers.segment",
    coalesce(q0.m0, 0) AS "customers.total_count",
    q1.m0 AS "invoices.revenue",
    q2.m0 AS "support_tickets.csat"
  FROM keys
  LEFT JOIN q0 ON coalesce(keys.d0, '') = coalesce(q0.d0, '') AND (keys.d0 IS NULL) = (q0.d0 IS NULL)
  LEFT JOIN q1 ON coalesce(keys.d0, '') = coalesce(q1.d0, '') AND (keys.d0 IS NULL) = (q1.d0 IS NULL)
  LEFT JOIN q2 ON coalesce(keys.d0, '') = coalesce(q2.d0, '') AND (keys.d0 IS NULL) = (q2.d0 IS NULL)
) AS r
ORDER BY r."customers.total_count" DESC NULLS LAST, r."customers.segment" ASC NULLS LAST
LIMIT ?
-- binds: 1001 (Integer);
