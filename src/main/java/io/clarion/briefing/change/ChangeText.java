package io.clarion.briefing.change;

import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Grain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Numbers, changes and periods as a briefing writes them. Fixed symbols and rounding, so the
 * same analysis always reads the same whatever the machine's locale.
 */
final class ChangeText {
    static final String MINUS = "\u2212";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private ChangeText() {
    }

    /** A value in its format: "$12,400", "4.1%" (fractions), "42.5", "1,234". */
    static String value(Double v, Format f) {
        if (v == null) return "no value";
        String m = magnitude(Math.abs(v), f);
        return (isZero(m) ? "" : sign(v, false)) + m;
    }

    /** A change in the value's unit, always signed: "−$12,400", "+0.8 pts", "+12". */
    static String change(double c, Format f) {
        String m = f == Format.PERCENTAGE ? number(Math.abs(c) * 100, 1) + " pts" : magnitude(Math.abs(c), f);
        if (isZero(m)) return "0" + (f == Format.PERCENTAGE ? " pts" : "");
        return sign(c, true) + m;
    }

    /** A relative change or share as an unsigned percentage: 0.032 → "3.2%". */
    static String percent(double fraction) {
        return number(Math.abs(fraction) * 100, 1) + "%";
    }

    /** A share rounded to whole percent: 0.724 → "72%". */
    static String wholePercent(double fraction) {
        return number(fraction * 100, 0) + "%";
    }

    private static String magnitude(double a, Format f) {
        if (f == null) return number(a, a == Math.rint(a) ? 0 : 1);
        return switch (f) {
            case CURRENCY -> "$" + number(a, a < 100 && a != Math.rint(a) ? 2 : 0);
            case PERCENTAGE -> number(a * 100, 1) + "%";
            case INTEGER -> number(a, 0);
            case NUMBER -> number(a, a == Math.rint(a) ? 0 : 1);
        };
    }

    private static String sign(double v, boolean plus) {
        return v < 0 ? MINUS : plus && v > 0 ? "+" : "";
    }

    private static boolean isZero(String magnitude) {
        return magnitude.replaceAll("[^1-9]", "").isEmpty();
    }

    static String number(double a, int decimals) {
        DecimalFormat df = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.US));
        df.setRoundingMode(RoundingMode.HALF_UP);
        // Through BigDecimal so that 0.125 rounds as written, not as its binary neighbour.
        return df.format(BigDecimal.valueOf(a));
    }

    static String period(LocalDate start, Grain g) {
        return switch (g) {
            case DAY -> start.toString();
            case WEEK -> "the week of " + start;
            case MONTH -> MONTH.format(start);
            case QUARTER -> start.getYear() + " Q" + start.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    /** "month", "week", ... */
    static String unit(Grain g) {
        return g.key();
    }
}
