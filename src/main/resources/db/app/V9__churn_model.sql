-- Trained churn models, one version per skill per training: the trees, the features they read,
-- the training window and how they measured, so a briefing can say which model scored it.
CREATE TABLE clarion.churn_model (
  id            bigserial PRIMARY KEY,
  skill         text NOT NULL,
  version       integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  features      jsonb NOT NULL,                 -- [{name, column, change_from, equals, missing, words}]
  booster       bytea NOT NULL,                 -- the XGBoost model (UBJSON)
  platt_a       double precision NOT NULL,      -- calibration: p = 1 / (1 + exp(-(a * margin + b)))
  platt_b       double precision NOT NULL,
  medium_threshold double precision NOT NULL,
  high_threshold   double precision NOT NULL,
  train_window  jsonb NOT NULL,                 -- origins trained and validated on, rows, horizon
  validation    jsonb NOT NULL,                 -- ROC AUC, PR-AUC, Brier, rows, positives
  rules         jsonb,                          -- the rules on the same validation rows
  passes        boolean NOT NULL,               -- beats the rules: only then does the briefing use it
  UNIQUE (skill, version)
);
