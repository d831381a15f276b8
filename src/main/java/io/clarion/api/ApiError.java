package io.clarion.api;

import io.clarion.query.QueryError;

import java.util.List;

/** The body of every error response: a code, a plain message, and for queries each problem. */
public record ApiError(String error, String message, List<QueryError> errors) {
    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }
}
