/**
 * Stage 4: renders a plan as SQL for a dialect (PostgreSQL today), values only as bind
 * parameters, every cube source rewritten by the caller's row access and masking.
 */
package io.clarion.sql;
