/**
 * The what-changed analysis: period-over-period change, unusual moves, trend turns, contributors
 * and concentration, and the sentences that say them.
 */
package io.clarion.briefing.change;
