/**
 * Retrying calls to other services (LLM endpoints, Slack, SMTP) with backoff and Retry-After,
 * one policy for every caller. Depends on nothing else in Clarion.
 */
package io.clarion.retry;
