package io.clarion.plan;

/**
 * Arithmetic over aggregated leaf columns: how metrics combine after aggregation. The SQL
 * dialect renders it; division is always null-safe.
 */
public sealed interface Expr {
    /** A measure column of a leaf; {@code zeroIfMissing} for counts when the leaf had no row. */
    record Col(String leaf, String column, boolean zeroIfMissing) implements Expr {
    }

    /** A numeric literal from the catalog (validated by the expression parser). */
    record Num(String text) implements Expr {
    }

    /** + - *; division is {@link Div}. */
    record Binary(String op, Expr left, Expr right) implements Expr {
    }

    /** left / NULLIF(right, 0), in exact decimals. */
    record Div(Expr left, Expr right) implements Expr {
    }

    record Neg(Expr inner) implements Expr {
    }

    /** A window over the result rows, for query-time analysis. */
    record Window(Kind kind, Expr inner, java.util.List<String> partitionColumns, String orderColumn,
                  io.clarion.catalog.model.Grain grain, int size) implements Expr {
        public enum Kind { SUM_ALL, RANK_DESC, ROLLING_SUM, RUNNING_SUM, TO_DATE_SUM }
    }

    /** An output column of the same result row, by name (for compare and analysis columns). */
    record OutputRef(String name) implements Expr {
    }
}
