/**
 * The audit log: every query, question, tool call, run, delivery, feedback change and refused
 * request, with PII in filter values scrubbed.
 */
package io.clarion.governance.audit;
