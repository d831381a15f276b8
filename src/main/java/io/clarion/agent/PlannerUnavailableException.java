package io.clarion.agent;

/**
 * A planner that depends on an outside service (the LLM) could not answer after its retries:
 * the chat falls back to the offline planner and says why.
 */
public class PlannerUnavailableException extends RuntimeException {
    public PlannerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
