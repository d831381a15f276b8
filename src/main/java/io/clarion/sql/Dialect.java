package io.clarion.sql;

import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;

/**
 * What differs between SQL engines. The renderer writes everything else in standard SQL;
 * a second engine (DuckDB, Trino) is a small implementation of this interface.
 */
public interface Dialect {
    String name();

    /** A quoted identifier; identifiers only ever come from the catalog or validated names. */
    default String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A placeholder for a date value. */
    String dateParam();

    /** The expression truncated to the grain, as a date. */
    String dateTrunc(Grain grain, String expr);

    /** expr + n grains, as a date. */
    String addGrains(String expr, Grain grain, int n);

    /** A constant interval of n grains (for window frames). */
    String interval(Grain grain, int n);

    /** Exact decimal division. */
    default String divide(String numerator, String denominator) {
        return "(CAST(" + numerator + " AS numeric) / NULLIF(" + denominator + ", 0))";
    }

    /** A value standing in for NULL in join keys so that the join stays hashable. */
    String nullKey(DimensionType type);

    /** Case-insensitive LIKE. */
    String ilike(String expr, boolean negate);

    /** A set of rows, one per period start from start to end (both bound as dates), step one grain. */
    String periodSeries(Grain grain, String alias, String column);

    /** Aggregate with a row filter. */
    default String filteredAggregate(String aggregate, String condition) {
        return aggregate + " FILTER (WHERE " + condition + ")";
    }

    String limit();

    /**
     * A pseudonym of {@code expr}: the same value always gives the same text, NULL stays NULL,
     * and without the key (bound at the first {@code ?}, before {@code expr}) it cannot be
     * reversed by hashing guesses.
     */
    String maskHash(String expr);

    /** {@code expr} redacted: a fixed text, NULL stays NULL. */
    String redact(String expr);
}
