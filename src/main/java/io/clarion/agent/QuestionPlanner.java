package io.clarion.agent;

/** Turns a plain-language question, in the context of a conversation, into a {@link PlannerOutcome}. */
public interface QuestionPlanner {
    /** "offline" or "llm", as reported in chat responses. */
    String name();

    PlannerOutcome plan(String question, Conversation conversation);
}
