package io.clarion.agent.chat;

import io.clarion.agent.Labels;
import io.clarion.agent.ShareLabels;

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
import java.util.Optional;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import io.clarion.catalog.model.Grain;
import io.clarion.query.DateRange;

/**
 * Writes the answer text from the result table only: every number it states is a cell of that
 * table, formatted by its column's catalog format (currency, percentage, integer).
 */
public final class AnswerWriter {
    static final int MAX_ROWS_IN_TEXT = 10;

    private AnswerWriter() {
    }

    public static String write(Catalog catalog, MetricQuery q, QueryResult r) {
        return write(catalog, q, r, null);
    }

    /**
     * The answer sentence; with the reference date, periods are named as dates ("November 2026",
     * "Q2 2026 so far (1 April – 15 June 2026)") rather than as the words asked.
     */
    public static String write(Catalog catalog, MetricQuery q, QueryResult r, LocalDate today) {
        String scope = period(q, today) + conditions(catalog, q);
        List<QueryResult.Column> cols = r.columns();
        int metricCount = q.metrics().size();
        // The grouping columns come first; comparison and analysis columns after the metrics are values too.
        // Counted or averaged groups come back as one number, with no grouping column.
        boolean counted = q.analysis().stream().anyMatch(a -> "count_groups".equals(a.type()) || "group_average".equals(a.type()));
        int dimCount = counted ? 0 : Math.min(q.dimensions().size(), cols.size());
        if (r.rows().isEmpty()) {
            return "No rows match this question" + (q.filters().isEmpty() && q.segments().isEmpty() ? "." : scope + ".");
        }
        StringBuilder sb = new StringBuilder();
        if (dimCount <= 0 && r.rows().size() == 1) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                String said = label(catalog, q, cols.get(i).name()) + " is " + format(cols.get(i), r.rows().get(0).get(i));
                // A share is what was asked; the whole it is taken of follows it.
                if (ShareLabels.ofColumn(catalog, q, cols.get(i).name()).isPresent()) parts.add(0, said);
                else parts.add(said);
            }
            sb.append(capitalize(String.join("; ", parts))).append(scope).append('.');
        } else {
            int shown = Math.min(MAX_ROWS_IN_TEXT, r.rows().size());
            if (metricCount == 0) {
                sb.append(r.rowCount()).append(r.truncated() ? "+ rows match" : r.rowCount() == 1 ? " row matches" : " rows match")
                        .append(scope).append(": ");
            } else {
                List<String> ml = new ArrayList<>();
                for (int i = dimCount; i < cols.size(); i++) ml.add(label(catalog, q, cols.get(i).name()));
                List<String> dl = new ArrayList<>();
                for (int i = 0; i < dimCount; i++) dl.add(Labels.of(catalog, cols.get(i).name()));
                sb.append(capitalize(String.join(", ", ml))).append(" by ").append(String.join(", ", dl)).append(scope).append(": ");
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

    /** A column as a person names it; a share column names its part and its whole ("EMEA's share of total revenue"). */
    private static String label(Catalog catalog, MetricQuery q, String column) {
        return ShareLabels.ofColumn(catalog, q, column).orElseGet(() -> Labels.of(catalog, column));
    }

    /** " for last month": the date ranges the query was asked for, as asked. */
    static String period(MetricQuery q) {
        return period(q, null);
    }

    /** " for November 2026": each date range as the dates it covers (as asked when there is no reference date). */
    static String period(MetricQuery q, LocalDate today) {
        List<String> ranges = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            if ("in_periods".equals(f.operator()) && f.values() != null) {
                List<String> each = new ArrayList<>();
                for (var v : f.values()) each.add(Optional.ofNullable(today).flatMap(t -> parse(v.asText(), t)).map(x -> dates(x, today)).orElse(v.asText()));
                ranges.add(String.join(" and ", each));
                continue;
            }
            if (!"in_date_range".equals(f.operator()) || f.value() == null) continue;
            String phrase = f.value().asText();
            Optional<DateRange> r = today == null ? Optional.empty() : parse(phrase, today);
            ranges.add(r.map(x -> dates(x, today)).orElse(phrase));
        }
        return ranges.isEmpty() ? "" : " for " + String.join(", ", ranges);
    }

    private static Optional<DateRange> parse(String phrase, LocalDate today) {
        try {
            return DateRange.parse(phrase, today);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** "November 2026", "Q3 2026 (July–September 2026)", "2025", "1 March – 31 May 2026"; a period still running says so. */
    static String dates(DateRange r, LocalDate today) {
        LocalDate last = r.end().minusDays(1);
        Optional<Grain> whole = r.wholeGrain();
        if (whole.isPresent()) return name(r.start(), whole.get());
        for (Grain unit : new Grain[]{Grain.YEAR, Grain.QUARTER, Grain.MONTH, Grain.WEEK}) {
            LocalDate unitEnd = DateRange.add(r.start(), unit, 1);
            if (DateRange.truncate(r.start(), unit).equals(r.start()) && r.end().isBefore(unitEnd) && !last.isBefore(today)) {
                return name(r.start(), unit) + " so far (" + span(r.start(), last) + ", a partial period)";
            }
        }
        return span(r.start(), last);
    }

    private static String name(LocalDate start, Grain g) {
        LocalDate last = DateRange.add(start, g, 1).minusDays(1);
        return switch (g) {
            case YEAR -> String.valueOf(start.getYear());
            case QUARTER -> "Q" + ((start.getMonthValue() - 1) / 3 + 1) + " " + start.getYear() + " ("
                    + start.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "–" + MONTH_YEAR.format(last) + ")";
            case MONTH -> MONTH_YEAR.format(start);
            case WEEK -> "the week of " + span(start, last);
            case DAY -> DAY_MONTH_YEAR.format(start);
        };
    }

    private static String span(LocalDate a, LocalDate b) {
        if (a.equals(b)) return DAY_MONTH_YEAR.format(a);
        return (a.getYear() == b.getYear() ? DAY_MONTH.format(a) : DAY_MONTH_YEAR.format(a)) + " – " + DAY_MONTH_YEAR.format(b);
    }

    /** ", where segment is enterprise and region is EMEA, active customers only": the filters the answer is under. */
    static String conditions(Catalog catalog, MetricQuery q) {
        List<String> parts = new ArrayList<>();
        for (MetricQuery.Filter f : q.filters()) {
            if ("in_date_range".equals(f.operator()) || "in_periods".equals(f.operator()) || "set".equals(f.operator())) continue;
            String who = Labels.of(catalog, f.dimension() != null ? f.dimension() : f.metric());
            String what = switch (f.operator()) {
                case "equals" -> "is " + text(f.value());
                case "not_equals" -> "is not " + text(f.value());
                case "in" -> "is " + (f.values() == null ? "" : String.join(" or ", f.values().stream().map(AnswerWriter::text).toList()));
                case "not_in" -> "is not " + (f.values() == null ? "" : String.join(" or ", f.values().stream().map(AnswerWriter::text).toList()));
                case "gt" -> "is above " + text(f.value());
                case "gte" -> "is at least " + text(f.value());
                case "lt" -> "is below " + text(f.value());
                case "lte" -> "is at most " + text(f.value());
                case "between" -> "is between " + (f.values() == null ? "" : String.join(" and ", f.values().stream().map(AnswerWriter::text).toList()));
                case "not_set" -> "is not set";
                default -> f.operator().replace('_', ' ') + " " + text(f.value());
            };
            parts.add(who + " " + what);
        }
        List<String> segs = q.segments().stream().map(sg -> Labels.of(catalog, sg)).toList();
        String out = parts.isEmpty() ? "" : ", where " + String.join(" and ", parts);
        if (!segs.isEmpty()) out += (out.isEmpty() ? ", " : "; ") + String.join(" and ", segs) + " only";
        return out;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode v) {
        return v == null || v.isNull() ? "none" : v.asText();
    }

    /**
     * A period asked but not applied (a current-state number asked for a past year, a range with no date
     * to place it on) changes what the figure means: the sentence itself says so, not only the assumptions.
     */
    private static final java.util.regex.Pattern NOT_APPLIED =
            java.util.regex.Pattern.compile("^The (?:period|date range|grouping by period)\\b.*\\bnot applied\\b.*");

    /** " The period "2024" was not applied: …" for each such assumption, or "". */
    public static String unappliedPeriods(List<String> assumptions) {
        StringBuilder sb = new StringBuilder();
        for (String a : assumptions) {
            if (!NOT_APPLIED.matcher(a).matches()) continue;
            sb.append(' ').append(a.strip());
            if (!a.strip().endsWith(".")) sb.append('.');
        }
        return sb.toString();
    }

    /** "Definitions: ARR: 12 x current MRR." for the metrics the answer states (the table's own columns). */
    public static String definitionsSentence(Catalog catalog, MetricQuery q, List<io.clarion.agent.chat.ChatResponse.Definition> defs) {
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
