package io.clarion.sql;

import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.MeasureType;

import java.time.LocalDate;

/**
 * What differs between SQL engines. The renderer writes everything else in standard SQL;
 * a second engine (DuckDB, Trino) is a small implementation of this interface.
 *
 * <p>Expressions go in and come out as {@link Sql} fragments and values are bound inside the
 * fragment that holds their placeholder, so a dialect may write its text in any order without
 * its binds drifting. Plain strings are identifiers and constants, which never carry binds.
 */
public interface Dialect {
    String name();

    /** A quoted identifier; identifiers only ever come from the catalog or validated names. */
    default String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A date value, bound. */
    Sql date(LocalDate value);

    /** The expression truncated to the grain, as a date. */
    Sql dateTrunc(Grain grain, Sql expr);

    /** expr + n grains, as a date. */
    Sql addGrains(Sql expr, Grain grain, int n);

    /** A constant interval of n grains (for window frames). */
    String interval(Grain grain, int n);

    /** Exact decimal division. */
    default Sql divide(Sql numerator, Sql denominator) {
        return Sql.concat(numerator.wrap("(CAST(", " AS numeric) / NULLIF("), denominator.wrap("", ", 0))"));
    }

    /** A value standing in for NULL in join keys so that the join stays hashable. */
    String nullKey(DimensionType type);

    /** A non-NULL value of {@code expr} in the group (NULL if there is none), for a value of any type. */
    default Sql anyValue(Sql expr) {
        return Sql.concat(expr.wrap("(array_agg(", ") FILTER (WHERE "), expr.wrap("", " IS NOT NULL))[1]"));
    }

    /**
     * Statements run at the start of each of Clarion's read-only query transactions, each
     * scoped to that transaction.
     */
    default java.util.List<String> queryTransactionSettings() {
        return java.util.List.of();
    }

    /** Case-insensitive LIKE against a bound pattern; the negated form is true for NULL too. */
    Sql ilike(Sql expr, String pattern, boolean negate);

    /** A set of rows, one per period start from {@code start} to {@code end}, step one grain. */
    Sql periodSeries(Grain grain, String alias, String column, LocalDate start, LocalDate end);

    /**
     * {@code value} equals one of the values a one-column {@code subquery} returns, the list
     * computed once before the scan, so that it can be an index condition (an IN over a
     * subquery whose values come from correlated subqueries is re-evaluated per row instead).
     */
    default Sql oneOf(Sql value, Sql subquery) {
        return Sql.concat(value.append(" = ANY (ARRAY("), subquery.append("))"));
    }

    /** As {@link #periodSeries(Grain, String, String, LocalDate, LocalDate)}, between two date expressions. */
    default Sql periodSeries(Grain grain, String alias, String column, Sql start, Sql end) {
        return Sql.concat(start.wrap("generate_series(", ", "), end.wrap("", ", " + interval(grain, 1) + ") AS "
                + quote(alias) + "(" + quote(column) + ")"));
    }

    /**
     * An aggregate of {@code argument} ({@code null}: every row, for counts) over the rows
     * matching {@code condition} ({@code null}: all rows). {@code type} is never
     * {@link MeasureType#NUMBER}, whose SQL is the catalog's own.
     */
    default Sql aggregate(MeasureType type, Sql argument, Sql condition) {
        Sql arg = argument == null ? Sql.of("*") : argument;
        Sql agg = switch (type) {
            case COUNT -> arg.wrap("count(", ")");
            case COUNT_DISTINCT -> arg.wrap("count(DISTINCT ", ")");
            case SUM -> arg.wrap("sum(", ")");
            case AVG -> arg.wrap("avg(", ")");
            case MIN -> arg.wrap("min(", ")");
            case MAX -> arg.wrap("max(", ")");
            case NUMBER -> throw new IllegalArgumentException("a custom aggregate is written by the catalog");
        };
        return condition == null ? agg : Sql.concat(agg, condition.wrap(" FILTER (WHERE ", ")"));
    }

    /** Room for {@code rows} rows at the end of a statement. */
    Sql limit(int rows);

    /**
     * A pseudonym of {@code expr}: the same value always gives the same text, NULL stays NULL,
     * and without {@code key} it cannot be reversed by hashing guesses.
     */
    Sql maskHash(Sql expr, SecretBind key);

    /** {@code expr} redacted: a fixed text, NULL stays NULL. */
    Sql redact(Sql expr);
}
