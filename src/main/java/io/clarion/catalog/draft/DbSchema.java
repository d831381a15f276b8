package io.clarion.catalog.draft;

import java.util.List;
import java.util.Optional;

/**
 * What a database says about the tables of one schema, and what counting proved: the input of
 * {@link CatalogDrafter}. Row and distinct counts are exact unless the table was too large to
 * count ({@code rowCount} is then the planner's estimate and {@code distinct} is null).
 */
public record DbSchema(String schema, List<Table> tables) {
    public DbSchema {
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * A table or view. {@code primaryKey} is the declared key, else a column counting proved
     * unique and never null; empty when nothing is proven.
     */
    public record Table(String name, boolean view, String comment, long rowCount, List<Column> columns,
                        List<String> primaryKey, List<ForeignKey> foreignKeys) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            foreignKeys = List.copyOf(foreignKeys);
        }

        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /**
     * A column: {@code type} is PostgreSQL's name for it (integer, numeric, character varying,
     * timestamp without time zone...); {@code topValues} are the most frequent values of a
     * low-cardinality text column, most frequent first (empty otherwise).
     */
    public record Column(String name, String type, boolean nullable, String comment, Long distinct,
                         List<ValueCount> topValues) {
        public Column {
            topValues = topValues == null ? List.of() : List.copyOf(topValues);
        }
    }

    public record ValueCount(String value, long count) {
    }

    /** A declared foreign key from {@code columns} to {@code refTable}'s {@code refColumns}. */
    public record ForeignKey(List<String> columns, String refTable, List<String> refColumns) {
        public ForeignKey {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }
}
