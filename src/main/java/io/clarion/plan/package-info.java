/**
 * From a validated query to a {@link io.clarion.plan.Plan}: join paths
 * ({@link io.clarion.plan.JoinGraph}), one aggregated leaf per measure cube and time shift
 * (fan-out safe), period bindings, and output columns as {@link io.clarion.plan.Expr} trees
 * built from each metric's formula, parsed once when the catalog loaded. No SQL text is written
 * here. Depends on catalog and query.
 */
package io.clarion.plan;
