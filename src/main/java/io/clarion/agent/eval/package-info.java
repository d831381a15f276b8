/**
 * Scoring the chat on a question set: each answer's rows compared with gold SQL's.
 */
package io.clarion.agent.eval;
