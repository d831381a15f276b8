-- The query log becomes the audit log: every query, chat question and tool call, briefing run
-- and delivery, feedback change and refused request, with who did it.
ALTER TABLE clarion.query_log RENAME TO audit_log;
ALTER INDEX clarion.query_log_at RENAME TO audit_log_at;
ALTER TABLE clarion.audit_log ALTER COLUMN query DROP NOT NULL;
ALTER TABLE clarion.audit_log ADD COLUMN kind text NOT NULL DEFAULT 'query';  -- query | chat_question | tool_call | briefing_run | delivery | feedback | access
ALTER TABLE clarion.audit_log ADD COLUMN roles text;                         -- the principal's roles, comma-separated
ALTER TABLE clarion.audit_log ADD COLUMN subject text;                       -- the question, tool, skill, delivery or account concerned
CREATE INDEX audit_log_principal ON clarion.audit_log (principal, at);
CREATE INDEX audit_log_kind ON clarion.audit_log (kind, at);
