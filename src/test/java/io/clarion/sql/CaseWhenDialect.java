package io.clarion.sql;

import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.MeasureType;

import java.time.LocalDate;

/**
 * A second dialect for the contract test, writing most things differently from
 * {@link PostgresDialect} while still running on PostgreSQL, so its rows can be compared:
 * filtered aggregates as {@code SUM(CASE WHEN condition THEN value END)} (the condition's binds
 * before the value's), Unicode-escaped identifiers, {@code ?::date}, {@code FETCH FIRST}, LIKE
 * on lower case, and the masking key bound after the masked expression.
 */
public final class CaseWhenDialect implements Dialect {

    @Override
    public String name() {
        return "case-when-test";
    }

    @Override
    public String quote(String identifier) {
        return "U&\"" + identifier.replace("\\", "\\\\").replace("\"", "\"\"") + "\"";
    }

    @Override
    public Sql date(LocalDate value) {
        return Sql.bind(value).append("::date");
    }

    @Override
    public Sql dateTrunc(Grain grain, Sql expr) {
        return expr.wrap("date_trunc('" + grain.key() + "', ", ")::date");
    }

    @Override
    public Sql addGrains(Sql expr, Grain grain, int n) {
        return expr.wrap("(", " + " + interval(grain, n) + ")::date");
    }

    @Override
    public String interval(Grain grain, int n) {
        return grain == Grain.QUARTER ? "INTERVAL '" + 3 * n + " month'" : "INTERVAL '" + n + " " + grain.key() + "'";
    }

    @Override
    public String nullKey(DimensionType type) {
        return switch (type) {
            case STRING -> "''";
            case NUMBER -> "0";
            case BOOLEAN -> "FALSE";
            case TIME -> "'-infinity'";
        };
    }

    @Override
    public Sql ilike(Sql expr, String pattern, boolean negate) {
        Sql like = Sql.concat(expr.wrap("lower(", negate ? ") NOT LIKE lower(" : ") LIKE lower("), Sql.bind(pattern).append(")"));
        return negate ? Sql.concat(like.wrap("(", " OR "), expr.append(" IS NULL)")) : like;
    }

    @Override
    public Sql periodSeries(Grain grain, String alias, String column, LocalDate start, LocalDate end) {
        return Sql.concat(Sql.of("generate_series("), date(start), Sql.of(", "), date(end),
                Sql.of(", " + interval(grain, 1) + ") AS " + quote(alias) + " (" + quote(column) + ")"));
    }

    @Override
    public Sql aggregate(MeasureType type, Sql argument, Sql condition) {
        if (condition == null) return Dialect.super.aggregate(type, argument, null);
        Sql value = Sql.concat(condition.wrap("CASE WHEN ", " THEN "), (argument == null ? Sql.of("1") : argument).append(" END"));
        return switch (type) {
            case COUNT -> value.wrap("COUNT(", ")");
            case COUNT_DISTINCT -> value.wrap("COUNT(DISTINCT ", ")");
            case SUM -> value.wrap("SUM(", ")");
            case AVG -> value.wrap("AVG(", ")");
            case MIN -> value.wrap("MIN(", ")");
            case MAX -> value.wrap("MAX(", ")");
            case NUMBER -> throw new IllegalArgumentException("a custom aggregate is written by the catalog");
        };
    }

    @Override
    public Sql limit(int rows) {
        return Sql.bind(rows).wrap("FETCH FIRST ", " ROWS ONLY");
    }

    /** The same pseudonym as PostgreSQL's dialect, the key written (and bound) after the value. */
    @Override
    public Sql maskHash(Sql expr, SecretBind key) {
        return Sql.concat(expr.wrap("('pii_' || substr(encode(sha256(convert_to(overlay(CAST(", " AS text) placing "),
                Sql.bind(key).append(" from 1 for 0), 'UTF8')), 'hex'), 1, 16))"));
    }

    @Override
    public Sql redact(Sql expr) {
        return expr.wrap("(CASE WHEN ", " IS NOT NULL THEN '[redacted]' END)");
    }
}
