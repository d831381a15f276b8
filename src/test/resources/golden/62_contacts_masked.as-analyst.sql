WITH q0 AS (
  SELECT ('pii_' || substr(encode(sha256(convert_to(? || CAST("customers"."email" AS text), 'UTF8')), 'hex'), 1, 16)) AS d0, (CASE WHEN "owners"."slack_user_id" IS NULL THEN NULL ELSE '[redacted]' END) AS d1, count(*) AS m0
  FROM (SELECT c.*,
       coalesce((SELECT sum(i.amount) FROM invoices i
                 WHERE i.customer_id = c.customer_id AND i.status = 'paid'), 0) AS lifetime_revenue,
       (SELECT count(*) FROM invoices i
        WHERE i.customer_id = c.customer_id AND i.status = 'paid') AS paid_invoices
FROM customers c
) AS "customers"
  LEFT JOIN "owners" AS "owners" ON "customers".owner_id = "owners".owner_id
  GROUP BY 1, 2
)
SELECT "customers.email", "owners.slack_user_id", "customers.total_count"
FROM (
  SELECT q0.d0 AS "customers.email",
    q0.d1 AS "owners.slack_user_id",
    q0.m0 AS "customers.total_count"
  FROM q0
) AS r
ORDER BY r."customers.total_count" DESC NULLS LAST, r."customers.email" ASC NULLS LAST, r."owners.slack_user_id" ASC NULLS LAST
LIMIT ?
-- binds: [secret] (SecretBind); 11 (Integer);
