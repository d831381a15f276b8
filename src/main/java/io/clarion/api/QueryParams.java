package io.clarion.api;

import io.clarion.diagnostics.Echo;

/** Query-string values read strictly: "1", "yes" or "maybe" for a boolean is a 400, not a guess. */
final class QueryParams {
    private QueryParams() {
    }

    /** {@code true} or {@code false} (any case); absent or empty gives {@code fallback}. */
    static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isEmpty()) return fallback;
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new BadRequest("invalid_boolean", name + " must be true or false, got '" + Echo.cap(value) + "'");
    }
}
