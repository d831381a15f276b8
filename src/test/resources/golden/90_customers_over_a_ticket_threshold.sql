SELECT count(*) AS "count_of_customer"
FROM (
WITH q0 AS (
  SELECT "customers"."customer_id" AS d0, count(*) AS m0
  FROM "support_tickets" AS "support_tickets"
  LEFT JOIN (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" ON "support_tickets".customer_id = "customers".customer_id
  WHERE ((("support_tickets".resolved_at IS NULL)))
  GROUP BY 1
)
SELECT "customers.customer_id", "support_tickets.open_tickets"
FROM (
  SELECT q0.d0 AS "customers.customer_id",
    q0.m0 AS "support_tickets.open_tickets"
  FROM q0
) AS r
WHERE r."support_tickets.open_tickets" > ?
) AS g
WHERE g."customers.customer_id" IS NOT NULL
LIMIT ?
-- binds: 2 (BigDecimal); 1001 (Integer);
