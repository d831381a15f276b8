-- Feedback on chat answers: helpful or not, a comment, and optionally the query that would
-- have been right. An analyst may promote such a query to a verified query.
CREATE TABLE clarion.chat_feedback (
  id               bigserial PRIMARY KEY,
  at               timestamptz NOT NULL DEFAULT now(),
  session_id       text NOT NULL,
  turn             integer,                  -- 1-based turn of the session the feedback is about
  question         text,
  helpful          boolean NOT NULL,
  comment          text,
  corrected_query  jsonb
);
CREATE INDEX chat_feedback_session ON clarion.chat_feedback (session_id);

CREATE TABLE clarion.verified_query (
  id           bigserial PRIMARY KEY,
  question     text NOT NULL,
  query        jsonb NOT NULL,
  verified_by  text NOT NULL,
  verified_at  date NOT NULL DEFAULT current_date,
  feedback_id  bigint REFERENCES clarion.chat_feedback (id)
);
