/**
 * Owners' verdicts on flagged accounts: signed expiring links, the feedback page, history and
 * precision per cycle.
 */
package io.clarion.briefing.feedback;
