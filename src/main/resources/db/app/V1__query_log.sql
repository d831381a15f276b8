-- Every metric query that ran: what was asked, the SQL that answered it (by hash), and how it went.
CREATE TABLE clarion.query_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  principal    text,
  source       text NOT NULL,              -- 'api' | 'cli' | 'chat' | 'briefing'
  query        jsonb NOT NULL,             -- the normalized metric query
  sql_hash     text,                       -- sha-256 of the generated SQL
  row_count    integer,
  duration_ms  integer,
  outcome      text NOT NULL,              -- 'ok' | error code
  message      text
);
CREATE INDEX query_log_at ON clarion.query_log (at);
