/**
 * The chat's shared contract: a {@link io.clarion.agent.QuestionPlanner} turns a question and its
 * {@link io.clarion.agent.Conversation} into a {@link io.clarion.agent.PlannerOutcome}; verified
 * queries; catalog labels and topics. The stages live in subpackages, each depending only on
 * those before it: {@code language} → {@code linking} → {@code offline}; {@code tools} →
 * {@code llm}; {@code chat} over the planners; {@code eval} over the chat. This package depends
 * on none of them; the wiring is in {@code io.clarion.app}.
 */
package io.clarion.agent;
