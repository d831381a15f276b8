-- A trained model replaces the briefing's current one only through the promotion gate: on rows newer
-- than its training rows it must beat the base rate, the rules, and the model promoted before it.
-- Every model is kept (failed ones too, with the gate's measures and reason as the record of why).
ALTER TABLE clarion.churn_model ADD COLUMN promoted boolean NOT NULL DEFAULT false;
ALTER TABLE clarion.churn_model ADD COLUMN gate jsonb;   -- {promoted, reason, prAuc, baseRate, rulesPrAuc, incumbentVersion, incumbentPrAuc, rows}
-- Models stored before the gate: one that passed validation counted as current, so it stays promoted.
UPDATE clarion.churn_model SET promoted = passes;
CREATE INDEX churn_model_promoted ON clarion.churn_model (skill, version DESC) WHERE promoted;
