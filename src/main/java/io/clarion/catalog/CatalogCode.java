package io.clarion.catalog;

import io.clarion.diagnostics.Blame;
import io.clarion.diagnostics.Code;

/**
 * What can be wrong with what a catalog says, once its YAML is well formed (shape problems,
 * such as unknown_key or missing_field, are {@link io.clarion.catalog.yaml.YamlCode}s).
 */
public enum CatalogCode implements Code {
    DUPLICATE_NAME, UNKNOWN_REFERENCE, CYCLE, TYPE_MISMATCH, INVALID_NAME, INVALID_EXPRESSION, INVALID_SQL,
    INVALID_SQL_REFERENCE, MISSING_GRANULARITIES, EMPTY_CATALOG, TIME_MISMATCH, AMBIGUOUS_REFERENCE, INVALID_ROLE, INVALID_ROLLUP;

    @Override
    public String key() {
        return Code.keyOf(this);
    }

    @Override
    public Blame blame() {
        return Blame.USER;
    }
}
