/**
 * Delivery of rendered briefings by e-mail (SMTP) and Slack, with retries and their settings.
 */
package io.clarion.briefing.delivery;
