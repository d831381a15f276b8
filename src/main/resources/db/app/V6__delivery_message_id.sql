-- Each delivery carries an idempotency key from the moment it is queued: a send repeated after
-- a hard kill (at least once) goes out with the same Message-ID (email) or the same message
-- metadata (Slack), so the receiver can recognise it as the same message.
ALTER TABLE clarion.briefing_delivery
  ADD COLUMN idempotency_key text NOT NULL DEFAULT gen_random_uuid()::text,
  ADD COLUMN message_id      text;                -- SMTP Message-ID, Slack message ts, or "webhook"

-- Sent rows used to keep what the server answered in last_error.
UPDATE clarion.briefing_delivery SET message_id = last_error, last_error = NULL WHERE status = 'sent';
