package io.clarion.agent;

import io.clarion.query.MetricQuery;

import java.util.List;

/** What a planner makes of a question: a certified metric query, a clarifying question, or a refusal. */
public sealed interface PlannerOutcome {

    /** A query to run; {@code assumptions} are stated to the user (the likelier reading taken, defaults used). */
    record Planned(MetricQuery query, List<String> assumptions, String basis) implements PlannerOutcome {
        public Planned {
            assumptions = List.copyOf(assumptions);
        }
    }

    /** Two readings give different numbers: ask one short question instead of guessing. */
    record Clarify(String question, List<String> options) implements PlannerOutcome {
        public Clarify {
            options = List.copyOf(options);
        }
    }

    /**
     * Nothing runs: the catalog cannot answer, or the request is not allowed (changing data,
     * instructions smuggled into the question). {@code reason} says what it cannot do and what it can.
     */
    record Refused(String reason) implements PlannerOutcome {
    }
}
