/**
 * The SQL stage: a {@link io.clarion.plan.Plan} rendered to one statement with bind
 * parameters ({@link io.clarion.sql.CompiledSql}). Text is built from immutable
 * {@link io.clarion.sql.Sql} fragments that carry their own binds, so a value always travels
 * with its placeholder and a {@link io.clarion.sql.Dialect} may order its text as it likes.
 * {@link io.clarion.sql.SqlRenderer} writes the statement; leaves, sources (with the caller's
 * row access), filters, metric expressions and catalog templates each have their own class.
 * The caller's access is seen only through {@link io.clarion.query.AccessRules}. Depends on
 * catalog, query and plan.
 */
package io.clarion.sql;
