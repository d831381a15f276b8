/**
 * A metric query from the caller's JSON to a resolved query: {@link io.clarion.query.QueryParser}
 * checks its shape, {@link io.clarion.query.QueryValidator} resolves every name against the
 * catalog, types each filter value and applies the caller's access through
 * {@link io.clarion.query.AccessRules}. Both collect every problem as an
 * {@link io.clarion.diagnostics.Issue} at a JSON path ({@code filters[0].operator}) with a
 * {@link io.clarion.query.QueryCode}, and throw them together in a
 * {@link io.clarion.query.QueryException}; nothing reaches SQL from a query with issues.
 * Depends on diagnostics and catalog only.
 */
package io.clarion.query;
