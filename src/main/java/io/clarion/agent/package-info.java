/**
 * The chat: the offline question reader, catalog tools, verified queries, sessions, answers
 * written from the result table, chat feedback and the customer profile card.
 */
package io.clarion.agent;
