WITH q0 AS (
  SELECT "owners"."name" AS d0, count(*) AS m0
  FROM (SELECT * FROM "support_tickets" AS "support_tickets" WHERE EXISTS (SELECT 1 FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "__rls0_customers" WHERE "support_tickets".customer_id = "__rls0_customers".customer_id AND ("__rls0_customers".owner_id = ?))) AS "support_tickets"
  LEFT JOIN (SELECT * FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers" WHERE ("customers".owner_id = ?)) AS "customers" ON "support_tickets".customer_id = "customers".customer_id
  LEFT JOIN (SELECT * FROM "owners" AS "owners" WHERE ("owners".owner_id = ?)) AS "owners" ON "customers".owner_id = "owners".owner_id
  GROUP BY 1
)
SELECT "owners.name", "support_tickets.ticket_count"
FROM (
  SELECT q0.d0 AS "owners.name",
    q0.m0 AS "support_tickets.ticket_count"
  FROM q0
) AS r
ORDER BY r."support_tickets.ticket_count" DESC NULLS LAST, r."owners.name" ASC NULLS LAST
LIMIT ?
-- binds: own_001 (String); own_001 (String); own_001 (String); 1001 (Integer);
