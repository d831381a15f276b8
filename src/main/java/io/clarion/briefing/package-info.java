/**
 * Briefings: skills run as certified metric queries, retention-risk scoring, building, storing,
 * rendering, scheduling (Quartz) and the backtest.
 */
package io.clarion.briefing;
