WITH q0 AS (
  SELECT ('pii_' || substr(encode(sha256(convert_to(? || CAST("customers"."email" AS text), 'UTF8')), 'hex'), 1, 16)) AS d0, (CASE WHEN "owners"."slack_user_id" IS NULL THEN NULL ELSE '[redacted]' END) AS d1, count(*) AS m0
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
