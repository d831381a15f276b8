package io.clarion.warehouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A result's cells as a person reads them, by each column's catalog format: currency ($1,234 or
 * $12.50), percentage (a fraction shown as 4.2%), integer (1,234), number (1,234.57); time
 * values at their grain (2026-05-01, 2026-05, 2026-Q2, 2026); a number without a format keeps its
 * digits ungrouped (a year or a code). One place for the rule, so the
 * API's {@code formatted_rows}, the command line's table and the web table read alike.
 *
 * <p>Decimals are chosen per column, not per cell: a currency column whose largest value reaches
 * 1,000 is shown in whole units throughout, so a column never mixes "$1,234" and "$303.96".
 * Null stays null (a table shows it as empty); masked values and text pass through unchanged.
 */
public final class ValueFormatter {
    private static final Set<String> GRAINS = Set.of("day", "week", "month", "quarter", "year");

    private ValueFormatter() {
    }

    /** Every row formatted, column by column; the same shape as {@code rows}. */
    public static List<List<String>> rows(List<QueryResult.Column> columns, List<List<Object>> rows) {
        int n = columns.size();
        boolean[] whole = new boolean[n];
        for (int i = 0; i < n; i++) whole[i] = wholeUnits(columns.get(i), rows, i);
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>(n);
            for (int i = 0; i < n && i < row.size(); i++) cells.add(cell(columns.get(i), row.get(i), whole[i]));
            out.add(Collections.unmodifiableList(cells));
        }
        return List.copyOf(out);
    }

    /** One value alone (no column to compare with): currency under 1,000 keeps its cents. */
    public static String value(QueryResult.Column column, Object v) {
        return cell(column, v, number(v) != null && number(v).abs().compareTo(BigDecimal.valueOf(1000)) >= 0);
    }

    private static boolean wholeUnits(QueryResult.Column c, List<List<Object>> rows, int i) {
        if (!"currency".equals(c.format())) return false;
        for (List<Object> row : rows) {
            BigDecimal d = i < row.size() ? number(row.get(i)) : null;
            if (d != null && d.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) return true;
        }
        return false;
    }

    private static String cell(QueryResult.Column c, Object v, boolean wholeCurrency) {
        if (v == null) return null;
        if (v instanceof Boolean b) return b ? "yes" : "no";
        BigDecimal d = "number".equals(c.type()) || v instanceof Number ? number(v) : null;
        if (d != null) return number(d, c.format(), wholeCurrency);
        String s = v.toString();
        if ("time".equals(c.type()) || s.matches("\\d{4}-\\d{2}-\\d{2}T.*")) return time(s, grain(c.name()));
        return s;
    }

    private static String number(BigDecimal d, String format, boolean wholeCurrency) {
        switch (format == null ? "" : format) {
            case "currency":
                return (d.signum() < 0 ? "-$" : "$") + pattern(wholeCurrency ? "#,##0" : "#,##0.00").format(d.abs());
            case "percentage":
                return pattern("#,##0.0").format(d.multiply(BigDecimal.valueOf(100))) + "%";
            case "integer":
                return pattern("#,##0").format(d);
            case "number":
                return pattern("#,##0.##").format(d);
            default:
                // No declared format: a number dimension (a year, a code) reads as written, not grouped.
                return pattern("0.##").format(d);
        }
    }

    /** A date or timestamp at the column's grain; a midnight timestamp is just its date. */
    private static String time(String s, String grain) {
        if (!s.matches("\\d{4}-\\d{2}-\\d{2}.*")) return s;
        String date = s.substring(0, 10);
        if (grain != null) {
            return switch (grain) {
                case "month" -> date.substring(0, 7);
                case "quarter" -> date.substring(0, 4) + "-Q" + ((Integer.parseInt(date.substring(5, 7)) - 1) / 3 + 1);
                case "year" -> date.substring(0, 4);
                default -> date;
            };
        }
        if (s.length() == 10 || s.substring(10).matches("T00:00(:00(\\.0+)?)?")) return date;
        return s.substring(0, Math.min(16, s.length())).replace('T', ' ');
    }

    /** The grain a time column's name ends with: "metric_time.month", "customers.created_at.quarter". */
    static String grain(String name) {
        int dot = name.lastIndexOf('.');
        String last = dot < 0 ? name : name.substring(dot + 1);
        return GRAINS.contains(last) ? last : null;
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal b) return b;
        if (v instanceof Double x && (x.isNaN() || x.isInfinite())) return null;
        if (v instanceof Float x && (x.isNaN() || x.isInfinite())) return null;
        if (v instanceof Number n) return new BigDecimal(n.toString());
        if (v instanceof String s && s.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) return new BigDecimal(s);
        return null;
    }

    private static DecimalFormat pattern(String p) {
        DecimalFormat f = new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }
}
