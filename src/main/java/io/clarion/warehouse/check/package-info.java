/**
 * The catalog checked against the live warehouse: tables and columns exist, every SQL fragment
 * compiles (EXPLAIN in a read-only transaction: no data read), declared primary keys are unique,
 * join keys and row filters compare compatible types, time dimensions are dates. Findings are
 * {@link io.clarion.diagnostics.Issue}s at the catalog element's file:line:column.
 */
package io.clarion.warehouse.check;
