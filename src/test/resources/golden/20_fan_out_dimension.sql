WITH q0 AS (
  SELECT k.d0, count(*) AS m0, avg("customers"."seats_purchased") AS m1
  FROM (
    SELECT DISTINCT "customers"."customer_id" AS __pk, "support_tickets"."priority" AS d0
    FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  LEFT JOIN "support_tickets" AS "support_tickets" ON "support_tickets".customer_id = "customers".customer_id
  ) AS k
  JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "customers"."customer_id" = k.__pk
  GROUP BY k.d0
)
SELECT "support_tickets.priority", "customers.total_count", "customers.avg_seats"
FROM (
  SELECT q0.d0 AS "support_tickets.priority",
    q0.m0 AS "customers.total_count",
    q0.m1 AS "customers.avg_seats"
  FROM q0
) AS r
ORDER BY r."customers.total_count" DESC NULLS LAST, r."support_tickets.priority" ASC NULLS LAST
LIMIT ?
-- binds: 1001 (Integer);
