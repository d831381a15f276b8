package io.clarion.sql;

import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;

public final class PostgresDialect implements Dialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String dateParam() {
        return "CAST(? AS date)";
    }

    @Override
    public String dateTrunc(Grain grain, String expr) {
        return "CAST(date_trunc('" + grain.key() + "', " + expr + ") AS date)";
    }

    @Override
    public String addGrains(String expr, Grain grain, int n) {
        return "CAST(" + expr + " + " + interval(grain, n) + " AS date)";
    }

    @Override
    public String interval(Grain grain, int n) {
        return "interval '" + n + " " + grain.key() + "'";
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

    @Override
    public String ilike(String expr, boolean negate) {
        return negate ? "(" + expr + " NOT ILIKE ? OR " + expr + " IS NULL)" : expr + " ILIKE ?";
    }

    @Override
    public String periodSeries(Grain grain, String alias, String column) {
        return "generate_series(CAST(? AS date), CAST(? AS date), " + interval(grain, 1) + ") AS " + quote(alias) + "(" + quote(column) + ")";
    }

    @Override
    public String limit() {
        return "LIMIT ?";
    }

    @Override
    public String maskHash(String expr) {
        return "('pii_' || substr(encode(sha256(convert_to(? || CAST(" + expr + " AS text), 'UTF8')), 'hex'), 1, 16))";
    }

    @Override
    public String redact(String expr) {
        return "(CASE WHEN " + expr + " IS NULL THEN NULL ELSE '[redacted]' END)";
    }
}
