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

    /** Whether any issue has this code. */
    public boolean has(QueryCode code) {
        return errors.stream().anyMatch(i -> i.code() == code);
    }
}
