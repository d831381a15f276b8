package io.clarion.sql;

import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;

import java.time.LocalDate;
import java.util.List;

public final class PostgresDialect implements Dialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Sql date(LocalDate value) {
        return Sql.bind(value).wrap("CAST(", " AS date)");
    }

    @Override
    public Sql dateTrunc(Grain grain, Sql expr) {
        // Through timestamp: a date column would otherwise go to date_trunc(text, timestamptz),
        // which converts every row to and from the session time zone (a third of a monthly
        // series' run time over a date column). For a timestamptz value the cast reads it in the
        // session time zone, as date_trunc on timestamptz does, so the periods are the same.
        return expr.wrap("CAST(date_trunc('" + grain.key() + "', CAST(", " AS timestamp)) AS date)");
    }

    @Override
    public Sql addGrains(Sql expr, Grain grain, int n) {
        return expr.wrap("CAST(", " + " + interval(grain, n) + " AS date)");
    }

    @Override
    public String interval(Grain grain, int n) {
        // PostgreSQL has no "quarter" interval unit.
        return grain == Grain.QUARTER ? "interval '" + 3 * n + " month'" : "interval '" + n + " " + grain.key() + "'";
    }

    @Override
    public String nullKey(DimensionType type) {
        return switch (type) {
            case STRING -> "''";
            case NUMBER -> "0";
            case BOOLEAN -> "false";
            case TIME -> "'-infinity'";
        };
    }

    /**
     * JIT off. PostgreSQL compiles a query to machine code when its estimated cost crosses
     * jit_above_cost; Clarion's statements are many CTEs over catalog SQL whose estimates can be
     * far above the rows actually read (a dozen result rows estimated in millions), and then
     * compiling takes seconds for a query that runs in milliseconds. The queries are short
     * aggregations that gain little from JIT even when it is right. SET LOCAL ends with the
     * transaction, so a pooled connection goes back as it was.
     */
    @Override
    public List<String> queryTransactionSettings() {
        return List.of("SET LOCAL jit = off");
    }

    @Override
    public Sql ilike(Sql expr, String pattern, boolean negate) {
        return negate
                ? Sql.concat(expr.wrap("(", " NOT ILIKE "), Sql.bind(pattern), expr.wrap(" OR ", " IS NULL)"))
                : Sql.concat(expr.append(" ILIKE "), Sql.bind(pattern));
    }

    @Override
    public Sql periodSeries(Grain grain, String alias, String column, LocalDate start, LocalDate end) {
        return Sql.concat(Sql.of("generate_series("), date(start), Sql.of(", "), date(end),
                Sql.of(", " + interval(grain, 1) + ") AS " + quote(alias) + "(" + quote(column) + ")"));
    }

    @Override
    public Sql limit(int rows) {
        return Sql.bind(rows).wrap("LIMIT ", "");
    }

    @Override
    public Sql maskHash(Sql expr, SecretBind key) {
        return Sql.concat(Sql.bind(key).wrap("('pii_' || substr(encode(sha256(convert_to(", " || CAST("),
                expr.append(" AS text), 'UTF8')), 'hex'), 1, 16))"));
    }

    @Override
    public Sql redact(Sql expr) {
        return expr.wrap("(CASE WHEN ", " IS NULL THEN NULL ELSE '[redacted]' END)");
    }
}
