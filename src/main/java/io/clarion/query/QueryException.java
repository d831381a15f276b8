package io.clarion.query;

import io.clarion.diagnostics.Issue;

import java.util.List;

/** A query that failed validation or planning; carries every issue found, not just the first. */
public class QueryException extends RuntimeException {
    private final List<Issue> errors;

    public QueryException(List<Issue> errors) {
        super(errors.isEmpty() ? "invalid query" : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public QueryException(Issue error) {
        this(List.of(error));
    }

    public List<Issue> errors() {
        return errors;
    }

    /**
     * Throws once with every issue collected by a stage that kept going past the first (each
     * distinct issue once: several leaves may hit the same join), or returns when there is none.
     */
    public static void throwIfAny(List<Issue> issues) {
        if (!issues.isEmpty()) throw new QueryException(issues.stream().distinct().toList());
    }
}
