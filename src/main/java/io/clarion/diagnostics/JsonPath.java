package io.clarion.diagnostics;

/** A place in a JSON request, such as {@code filters[0].dimension}; empty for the whole request. */
public record JsonPath(String path) implements Where {
    public JsonPath {
        path = path == null ? "" : path;
    }

    @Override
    public String toString() {
        return path;
    }
}
