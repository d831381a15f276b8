/**
 * The offline reader: a question to a certified metric query from the catalog alone. The
 * {@link io.clarion.agent.offline.OfflinePlanner} reads refusals, verified questions and answers
 * to its own clarifying questions, then one {@link io.clarion.agent.offline.Reading} per question
 * through shape phrases, linked mentions and their roles, the metric choice, and the query draft.
 */
package io.clarion.agent.offline;
