package io.clarion.agent;

import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.List;

/** The turns of one chat session so far, oldest first; follow-ups edit the last query. */
public record Conversation(String id, List<Turn> turns) {
    public Conversation {
        turns = List.copyOf(turns);
    }

    /**
     * One answered question; {@code query} is null when nothing ran (refusal, clarification).
     * {@code options} are the choices offered when the answer was a clarifying question.
     */
    public record Turn(String question, MetricQuery query, String answer, List<String> options) {
        public Turn {
            options = options == null ? List.of() : List.copyOf(options);
        }

        public Turn(String question, MetricQuery query, String answer) {
            this(question, query, answer, List.of());
        }
    }

    public Turn lastTurn() {
        return turns.isEmpty() ? null : turns.get(turns.size() - 1);
    }

    public static Conversation empty(String id) {
        return new Conversation(id, List.of());
    }

    public MetricQuery lastQuery() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).query() != null) return turns.get(i).query();
        }
        return null;
    }

    public Conversation with(Turn turn) {
        List<Turn> t = new ArrayList<>(turns);
        t.add(turn);
        return new Conversation(id, t);
    }
}
