package io.clarion.agent;

/** Turns a plain-language question, in the context of a conversation, into a {@link PlannerOutcome}. */
public interface QuestionPlanner {
    /** "offline" or "llm", as reported in chat responses. */
    String name();

    PlannerOutcome plan(String question, Conversation conversation);

    /**
     * Plans for one principal: anything the planner runs or looks up (an LLM's tool calls) sees
     * only what {@code access} allows. Planners that run nothing ignore it.
     */
    default PlannerOutcome plan(String question, Conversation conversation, io.clarion.governance.policy.Access access) {
        return plan(question, conversation);
    }
}
