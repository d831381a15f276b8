package io.clarion.api;

import java.util.List;
import java.util.Map;

/**
 * The body of every error response: a code, a plain message, and for queries each problem as
 * {@link io.clarion.diagnostics.IssueRenderer#json} shapes it.
 */
public record ApiError(String error, String message, List<Map<String, Object>> errors) {
    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }
}
