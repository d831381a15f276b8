package io.clarion.query;

import java.util.List;

/**
 * One reason a metric query cannot run, shaped for machines (the chat agent hands these to an
 * LLM to correct its call) and people: a stable code, the JSON path in the query, a message,
 * and near names or allowed values.
 */
public record QueryError(String code, String path, String message, List<String> suggestions) {
    public QueryError {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    /** Codes that mean "you may not", not "this is malformed": the API answers them with 403. */
    public static final java.util.Set<String> FORBIDDEN = java.util.Set.of("access_denied", "masked_member", "uncertified_not_allowed");

    public boolean forbidden() {
        return FORBIDDEN.contains(code);
    }

    public static QueryError of(String code, String path, String message) {
        return new QueryError(code, path, message, List.of());
    }
}
