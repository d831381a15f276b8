/**
 * The catalog tools a language model may call, one class each (search, describe, run a metric
 * query, the offline draft), behind {@link io.clarion.agent.tools.CatalogTools}, which parses the
 * model's arguments and dispatches. No tool takes or shows SQL.
 */
package io.clarion.agent.tools;
