package io.clarion.catalog;

import io.clarion.diagnostics.Location;

import java.util.List;

/**
 * One problem in the catalog: where, a stable code (unknown_key, duplicate_name, unknown_reference,
 * cycle, type_mismatch, missing_field, invalid_value, yaml_syntax), a message, and near names.
 */
public record CatalogError(Location location, String code, String message, List<String> suggestions) {
    public CatalogError {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    @Override
    public String toString() {
        String s = location + ": " + message;
        if (!suggestions.isEmpty()) s += " (did you mean " + String.join(", ", suggestions) + "?)";
        return s;
    }

    /** One error per line: file:line:column: message (did you mean ...?). */
    public static String report(List<CatalogError> errors) {
        StringBuilder sb = new StringBuilder();
        for (CatalogError e : errors) sb.append(e).append('\n');
        return sb.toString();
    }
}
