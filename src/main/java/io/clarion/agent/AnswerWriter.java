package io.clarion.agent;

import io.clarion.catalog.model.Catalog;
import io.clarion.query.MetricQuery;
import io.clarion.warehouse.QueryResult;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the answer text from the result table only: every number it states is a cell of that
 * table, formatted by its column's catalog format (currency, percentage, integer).
 */
public final class AnswerWriter {
    static final int MAX_ROWS_IN_TEXT = 10;

    private AnswerWriter() {
    }

    public static String write(Catalog catalog, MetricQuery q, QueryResult r) {
        List<QueryResult.Column> cols = r.columns();
        int metricCount = q.metrics().size();
        int dimCount = cols.size() - metricCount;
        if (r.rows().isEmpty()) {
            return "No rows match this question" + (q.filters().isEmpty() ? "." : " and its filters.");
        }
        StringBuilder sb = new StringBuilder();
        if (dimCount <= 0 && r.rows().size() == 1) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                parts.add(Labels.of(catalog, cols.get(i).name()) + " is " + format(cols.get(i), r.rows().get(0).get(i)));
            }
            sb.append(capitalize(String.join("; ", parts))).append(period(q)).append('.');
        } else {
            int shown = Math.min(MAX_ROWS_IN_TEXT, r.rows().size());
            if (metricCount == 0) {
                sb.append(r.rowCount()).append(r.truncated() ? "+ rows match" : r.rowCount() == 1 ? " row matches" : " rows match").append(": ");
            } else {
                List<String> ml = new ArrayList<>();
                for (int i = dimCount; i < cols.size(); i++) ml.add(Labels.of(catalog, cols.get(i).name()));
                List<String> dl = new ArrayList<>();
                for (int i = 0; i < dimCount; i++) dl.add(Labels.of(catalog, cols.get(i).name()));
                sb.append(capitalize(String.join(", ", ml))).append(" by ").append(String.join(", ", dl)).append(period(q)).append(": ");
            }
            List<String> lines = new ArrayList<>();
            for (int k = 0; k < shown; k++) {
                List<Object> row = r.rows().get(k);
                List<String> key = new ArrayList<>();
                for (int i = 0; i < Math.max(dimCount, 0); i++) key.add(format(cols.get(i), row.get(i)));
                List<String> vals = new ArrayList<>();
                for (int i = Math.max(dimCount, 0); i < cols.size(); i++) vals.add(format(cols.get(i), row.get(i)));
                lines.add(vals.isEmpty() ? String.join(" · ", key) : String.join(" · ", key) + " — " + String.join(", ", vals));
            }
            sb.append(String.join("; ", lines)).append('.');
            if (r.rows().size() > shown) {
                sb.append(" Showing ").append(shown).append(" of ").append(r.rowCount()).append(r.truncated() ? "+" : "")
                        .append(" rows; the table has them all.");
            }
        }
        return sb.toString();
    }

    /** " for last month": the date ranges the query was asked for, as asked. */
    static String period(MetricQuery q) {
        List<String> ranges = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            if ("in_date_range".equals(f.operator()) && f.value() != null) ranges.add(f.value().asText());
        }
        return ranges.isEmpty() ? "" : " for " + String.join(", ", ranges);
    }

    /** "Definitions: ARR: 12 x current MRR." for the metrics the answer states (the table's own columns). */
    public static String definitionsSentence(Catalog catalog, MetricQuery q, List<io.clarion.agent.ChatResponse.Definition> defs) {
        List<String> parts = new ArrayList<>();
        for (var d : defs) {
            if (!q.metrics().contains(d.member()) || d.description().isBlank()) continue;
            String text = d.description().replaceAll("\\s+", " ");
            int stop = text.indexOf(". ");
            if (stop > 0) text = text.substring(0, stop);
            if (text.endsWith(".")) text = text.substring(0, text.length() - 1);
            parts.add(text);
        }
        return parts.isEmpty() ? "" : " Definition" + (parts.size() > 1 ? "s" : "") + " used: " + String.join("; ", parts) + ".";
    }

    /** A cell as a person reads it: $1,234,567, 4.2%, 1,234, 2026-05-01; "none" for null. */
    public static String format(QueryResult.Column col, Object v) {
        if (v == null) return "none";
        String f = col.format() == null ? "" : col.format();
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            switch (f) {
                case "currency":
                    return (d.signum() < 0 ? "-$" : "$") + pattern(d.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? "#,##0" : "#,##0.00").format(d.abs());
                case "percentage":
                    return pattern("#,##0.0").format(d.multiply(BigDecimal.valueOf(100))) + "%";
                case "integer":
                    return pattern("#,##0").format(d.setScale(0, RoundingMode.HALF_UP));
                default:
                    return pattern(d.stripTrailingZeros().scale() <= 0 ? "#,##0" : "#,##0.##").format(d);
            }
        }
        return v.toString();
    }

    private static DecimalFormat pattern(String p) {
        DecimalFormat f = new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
