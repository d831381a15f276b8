package io.clarion.sql;

import java.util.List;

/** SQL text with ? placeholders and the values bound to them, in order. */
public record CompiledSql(String sql, List<Object> binds) {
    public CompiledSql {
        binds = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(binds));
    }
}
