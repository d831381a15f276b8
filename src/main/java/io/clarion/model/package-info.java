/**
 * The learned churn-risk model: features read as certified metric queries as of past reference
 * dates (rolling origins), gradient-boosted trees (XGBoost) with a time-based split and Platt
 * calibration, the stored model versions, and per-account drivers in words from the trees'
 * per-prediction contributions. After the engine (it runs queries through it), before the
 * briefing (which scores with it and compares it with the rules).
 */
package io.clarion.model;
