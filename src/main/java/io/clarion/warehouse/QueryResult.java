package io.clarion.warehouse;

import java.util.List;

/** Rows of one executed query, with the columns' names, types and display formats. */
public record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated, long durationMs) {
    public record Column(String name, String type, String format) {
    }

    /** The rows as people read them, by each column's catalog format (see {@link ValueFormatter}). */
    public List<List<String>> formattedRows() {
        return ValueFormatter.rows(columns, rows);
    }

    public int rowCount() {
        return rows.size();
    }
}
