/**
 * The chat service: sessions, the planner chosen for a question (the LLM agent, else the
 * offline reader), the query run under the asker's access, the answer written from the result
 * table, feedback on answers, and the customer profile card.
 */
package io.clarion.agent.chat;
