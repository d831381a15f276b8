-- Briefings: one row per (skill, owner, cycle), stored with its accounts and evidence before
-- anything is sent, so a restart or a second trigger never builds or sends it twice.
CREATE TABLE clarion.briefing (
  id              bigserial PRIMARY KEY,
  skill           text NOT NULL,
  owner_id        text NOT NULL,
  cycle           date NOT NULL,                 -- the reference date the briefing was built for
  created_at      timestamptz NOT NULL DEFAULT now(),
  owner_name      text,
  owner_email     text,
  owner_slack_id  text,
  summary         jsonb NOT NULL,                -- headline figures, what changed, data-quality notes
  UNIQUE (skill, owner_id, cycle)
);

-- The flagged accounts of a briefing, with the signals that fired and their values.
CREATE TABLE clarion.briefing_account (
  id            bigserial PRIMARY KEY,
  briefing_id   bigint NOT NULL REFERENCES clarion.briefing (id) ON DELETE CASCADE,
  rank          integer NOT NULL,
  customer_id   text NOT NULL,
  customer_name text,
  risk_level    text NOT NULL,                   -- high | medium
  risk_points   integer NOT NULL,
  mrr           numeric(14,2),
  driver        text,
  evidence      jsonb NOT NULL,                  -- [{signal, label, values{member: value}}]
  carried_over  boolean NOT NULL DEFAULT false,  -- a confirmed, still open item from an earlier cycle
  UNIQUE (briefing_id, customer_id)
);
CREATE INDEX briefing_account_customer ON clarion.briefing_account (customer_id);

-- One row per channel per briefing; pending until sent, retried until it is or fails for good.
CREATE TABLE clarion.briefing_delivery (
  id             bigserial PRIMARY KEY,
  briefing_id    bigint NOT NULL REFERENCES clarion.briefing (id) ON DELETE CASCADE,
  channel        text NOT NULL,                  -- email | slack
  status         text NOT NULL DEFAULT 'pending', -- pending | sending | sent | failed
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_by     text,
  claimed_at     timestamptz,
  sent_at        timestamptz,
  UNIQUE (briefing_id, channel)
);
CREATE INDEX briefing_delivery_due ON clarion.briefing_delivery (status, next_attempt_at);

-- Owners' feedback on flagged accounts: the current state per (skill, owner, customer) ...
CREATE TABLE clarion.account_feedback (
  id             bigserial PRIMARY KEY,
  skill          text NOT NULL,
  owner_id       text NOT NULL,
  customer_id    text NOT NULL,
  verdict        text NOT NULL,                  -- confirmed | false_positive | handled
  status         text NOT NULL DEFAULT 'open',   -- open | in_progress | done
  due_date       date,
  note           text,
  briefing_id    bigint REFERENCES clarion.briefing (id),
  risk_points    integer,                        -- the account's risk when the verdict was given
  updated_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     text NOT NULL,
  UNIQUE (skill, owner_id, customer_id)
);

-- ... and every change kept.
CREATE TABLE clarion.account_feedback_history (
  id            bigserial PRIMARY KEY,
  feedback_id   bigint NOT NULL REFERENCES clarion.account_feedback (id) ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT now(),
  by_whom       text NOT NULL,
  verdict       text NOT NULL,
  status        text NOT NULL,
  due_date      date,
  note          text,
  briefing_id   bigint
);

-- Secret for signed feedback links when none is configured: generated once, shared by instances.
CREATE TABLE clarion.app_secret (
  name   text PRIMARY KEY,
  value  text NOT NULL
);
