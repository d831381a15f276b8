package io.clarion.query;

import java.util.List;

/** A query that failed validation or planning; carries every error found, not just the first. */
public class QueryException extends RuntimeException {
    private final List<QueryError> errors;

    public QueryException(List<QueryError> errors) {
        super(errors.isEmpty() ? "invalid query" : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public QueryException(QueryError error) {
        this(List.of(error));
    }

    public List<QueryError> errors() {
        return errors;
    }
}
