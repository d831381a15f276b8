package io.clarion.query;

import io.clarion.catalog.model.Grain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-open range of calendar days [start, end). Relative phrases resolve against the
 * reference date ("today" for the data set), following the metric dictionary:
 * "last N days" ends on the reference date inclusive; "last month" is the previous calendar
 * month and "next month" the following one; "this quarter" runs from the quarter's start to the reference date; "last N months"
 * is rolling; "last N calendar months" is month-aligned and includes the current month.
 * A span joins two periods with " to " ("2024-03 to 2024-05", "2024-q1 to 2024-q3") and runs from
 * the start of the first to the end of the second; "--MM to --MM" names months without a year
 * and means the latest such span that has begun by the reference date.
 */
public record DateRange(LocalDate start, LocalDate end) {

    public DateRange {
        if (!end.isAfter(start)) throw new IllegalArgumentException("empty date range " + start + " .. " + end);
    }

    /** The calendar period of {@code grain} that contains {@code day}. */
    public static DateRange periodContaining(LocalDate day, Grain grain) {
        LocalDate s = truncate(day, grain);
        return new DateRange(s, add(s, grain, 1));
    }

    public static LocalDate truncate(LocalDate d, Grain g) {
        return switch (g) {
            case DAY -> d;
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> d.withDayOfMonth(1);
            case QUARTER -> d.withDayOfMonth(1).withMonth(((d.getMonthValue() - 1) / 3) * 3 + 1);
            case YEAR -> d.withDayOfYear(1);
        };
    }

    public static LocalDate add(LocalDate d, Grain g, long n) {
        return switch (g) {
            case DAY -> d.plusDays(n);
            case WEEK -> d.plusWeeks(n);
            case MONTH -> d.plusMonths(n);
            case QUARTER -> d.plusMonths(3 * n);
            case YEAR -> d.plusYears(n);
        };
    }

    /** The grain this range is exactly one whole calendar unit of, if any (for "previous period"). */
    public Optional<Grain> wholeGrain() {
        for (Grain g : new Grain[]{Grain.YEAR, Grain.QUARTER, Grain.MONTH, Grain.WEEK, Grain.DAY}) {
            if (truncate(start, g).equals(start) && add(start, g, 1).equals(end)) return Optional.of(g);
        }
        return Optional.empty();
    }

    /** The period just before this one: the previous calendar unit, else the same number of days. */
    public DateRange previous() {
        Optional<Grain> g = wholeGrain();
        if (g.isPresent()) return new DateRange(add(start, g.get(), -1), start);
        // A to-date range ("this month" so far) compares with the same span of the previous unit.
        for (Grain unit : new Grain[]{Grain.YEAR, Grain.QUARTER, Grain.MONTH, Grain.WEEK}) {
            if (truncate(start, unit).equals(start) && !end.isAfter(add(start, unit, 1))) {
                return new DateRange(add(start, unit, -1), add(end, unit, -1));
            }
        }
        long days = ChronoUnit.DAYS.between(start, end);
        return new DateRange(start.minusDays(days), start);
    }

    public DateRange minusYears(int n) {
        return new DateRange(start.minusYears(n), end.minusYears(n));
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end);
    }

    private static final Pattern LAST_N = Pattern.compile("(?:last|past|previous|trailing)\\s+(\\d+)\\s+(calendar\\s+)?(day|week|month|quarter|year)s?");
    private static final Pattern NEXT_N = Pattern.compile("(?:next|coming)\\s+(\\d+)\\s+(day|week|month|quarter|year)s?");
    private static final Pattern LAST_ONE = Pattern.compile("(?:last|previous|prior)\\s+(day|week|month|quarter|year)");
    private static final Pattern NEXT_ONE = Pattern.compile("(?:next|coming|upcoming)\\s+(day|week|month|quarter|year)");
    private static final Pattern THIS = Pattern.compile("(?:this|current)\\s+(day|week|month|quarter|year)");
    private static final Pattern TO_DATE = Pattern.compile("(day|week|month|quarter|year)\\s*to\\s*date|([wmqy])td");
    private static final Pattern SINCE = Pattern.compile("since\\s+(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?q([1-4])");
    private static final Pattern MONTH_ONLY_SPAN = Pattern.compile("--(\\d{2}) to --(\\d{2})");
    private static final String TO = " to ";

    /**
     * Resolves a relative phrase or a single date/month/quarter/year. Returns empty when the
     * phrase is not understood (the caller reports it with the phrases that are).
     */
    public static Optional<DateRange> parse(String phrase, LocalDate today) {
        if (phrase == null) return Optional.empty();
        String p = normal(phrase);
        Optional<DateRange> one = period(p, today);
        if (one.isPresent()) return one;
        Matcher months = MONTH_ONLY_SPAN.matcher(p);
        if (months.matches()) return monthSpan(Integer.parseInt(months.group(1)), Integer.parseInt(months.group(2)), today);
        return spanParts(p, today).filter(s -> !s[1].start.isBefore(s[0].start))
                .map(s -> new DateRange(s[0].start, s[1].end.isAfter(s[0].end) ? s[1].end : s[0].end));
    }

    /**
     * For a span whose second period begins before its first ("2024-05 to 2024-03"), the span
     * written the right way round, so that the caller can say what was wrong and how to write
     * it; empty for anything else.
     */
    public static Optional<String> reversedSpan(String phrase, LocalDate today) {
        if (phrase == null) return Optional.empty();
        String p = normal(phrase);
        if (period(p, today).isPresent()) return Optional.empty();
        for (int at = p.indexOf(TO); at >= 0; at = p.indexOf(TO, at + 1)) {
            String a = p.substring(0, at), b = p.substring(at + TO.length());
            Optional<DateRange> first = period(a, today), second = period(b, today);
            if (first.isPresent() && second.isPresent()) {
                return second.get().start.isBefore(first.get().start) ? Optional.of(b + TO + a) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String normal(String phrase) {
        return phrase.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** The two periods of "A to B", split at the first " to " that leaves two readable periods ("month to date" is one). */
    private static Optional<DateRange[]> spanParts(String p, LocalDate today) {
        for (int at = p.indexOf(TO); at >= 0; at = p.indexOf(TO, at + 1)) {
            Optional<DateRange> first = period(p.substring(0, at), today);
            Optional<DateRange> second = period(p.substring(at + TO.length()), today);
            if (first.isPresent() && second.isPresent()) return Optional.of(new DateRange[]{first.get(), second.get()});
        }
        return Optional.empty();
    }

    /**
     * "--11 to --01": the latest span of those months that has begun by {@code today}; the end
     * month is the first one on or after the start month, so the span may cross a year end.
     */
    private static Optional<DateRange> monthSpan(int from, int to, LocalDate today) {
        if (from < 1 || from > 12 || to < 1 || to > 12) return Optional.empty();
        LocalDate start = LocalDate.of(today.getYear(), from, 1);
        if (start.isAfter(today)) start = start.minusYears(1);
        int months = Math.floorMod(to - from, 12) + 1;
        return Optional.of(new DateRange(start, start.plusMonths(months)));
    }

    /** One period: a relative phrase or a single date, month, quarter or year. */
    private static Optional<DateRange> period(String p, LocalDate today) {
        LocalDate tomorrow = today.plusDays(1);
        switch (p) {
            case "today" -> { return Optional.of(new DateRange(today, tomorrow)); }
            case "yesterday" -> { return Optional.of(new DateRange(today.minusDays(1), today)); }
            case "all time", "all" -> { return Optional.of(new DateRange(LocalDate.of(1900, 1, 1), tomorrow)); }
            default -> { }
        }
        Matcher m;
        if ((m = LAST_N.matcher(p)).matches()) {
            int n = count(m.group(1));
            if (n <= 0 || n > 10_000) return Optional.empty();
            Grain g = Grain.parse(m.group(3)).orElseThrow();
            if (m.group(2) != null) {
                // month-aligned: the current unit and the n-1 before it, up to today
                return Optional.of(new DateRange(add(truncate(today, g), g, -(n - 1)), tomorrow));
            }
            return Optional.of(new DateRange(add(today, g, -n).plusDays(1), tomorrow));
        }
        if ((m = NEXT_N.matcher(p)).matches()) {
            int n = count(m.group(1));
            if (n <= 0 || n > 10_000) return Optional.empty();
            Grain g = Grain.parse(m.group(2)).orElseThrow();
            return Optional.of(new DateRange(tomorrow, add(today, g, n).plusDays(1)));
        }
        if ((m = LAST_ONE.matcher(p)).matches()) {
            Grain g = Grain.parse(m.group(1)).orElseThrow();
            LocalDate s = add(truncate(today, g), g, -1);
            return Optional.of(new DateRange(s, add(s, g, 1)));
        }
        if ((m = NEXT_ONE.matcher(p)).matches()) {
            Grain g = Grain.parse(m.group(1)).orElseThrow();
            LocalDate s = add(truncate(today, g), g, 1);
            return Optional.of(new DateRange(s, add(s, g, 1)));
        }
        if ((m = THIS.matcher(p)).matches()) {
            Grain g = Grain.parse(m.group(1)).orElseThrow();
            return Optional.of(new DateRange(truncate(today, g), tomorrow));
        }
        if ((m = TO_DATE.matcher(p)).matches()) {
            String unit = m.group(1) != null ? m.group(1) : switch (m.group(2)) {
                case "w" -> "week";
                case "m" -> "month";
                case "q" -> "quarter";
                default -> "year";
            };
            return Optional.of(new DateRange(truncate(today, Grain.parse(unit).orElseThrow()), tomorrow));
        }
        if ((m = SINCE.matcher(p)).matches()) {
            LocalDate s = date(m.group(1));
            return s == null || !s.isBefore(tomorrow) ? Optional.empty() : Optional.of(new DateRange(s, tomorrow));
        }
        if ((m = QUARTER.matcher(p)).matches()) {
            LocalDate s = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
            return Optional.of(new DateRange(s, s.plusMonths(3)));
        }
        // "2025-01-10 to 2025-02-05" is a span, not a timestamp to cut at its first space.
        LocalDate d = p.contains(TO) ? null : date(p);
        if (d != null) return Optional.of(new DateRange(d, d.plusDays(1)));
        if ((m = MONTH.matcher(p)).matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) return Optional.empty();
            LocalDate s = LocalDate.of(Integer.parseInt(m.group(1)), month, 1);
            return Optional.of(new DateRange(s, s.plusMonths(1)));
        }
        if ((m = YEAR.matcher(p)).matches()) {
            LocalDate s = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
            return Optional.of(new DateRange(s, s.plusYears(1)));
        }
        return Optional.empty();
    }

    /** The N of "last N days": digits beyond int range ("last 99999999999 days") are out of range (-1), not an error. */
    private static int count(String digits) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        return d.length() > 6 ? -1 : Integer.parseInt(d);
    }

    /** A calendar date in ISO form, or null. Timestamps keep their date part. */
    public static LocalDate date(String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == ' ')) t = t.substring(0, 10);
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** How to set the reference date, for messages: every place it can come from. */
    public static final String REFERENCE_DATE_FIXES = "set reference_date in the catalog (a date such as 2024-12-31, "
            + "or {latest: cube.time_dimension}), the setting clarion.reference-date, or --as-of on the command line";

    /** Whether the phrase's range depends on the reference date ("last quarter" does, "2024-Q3" does not). */
    public static boolean isRelative(String phrase) {
        LocalDate one = LocalDate.of(2001, 3, 14);
        Optional<DateRange> a = parse(phrase, one);
        return a.isPresent() && !a.equals(parse(phrase, one.plusYears(7).plusDays(100)));
    }

    public static final String PHRASES = "today, yesterday, last N days|weeks|months|quarters|years, "
            + "last N calendar months, last week|month|quarter|year, this week|month|quarter|year, "
            + "month|quarter|year to date, next N days, next week|month|quarter|year, since YYYY-MM-DD, YYYY-MM-DD, YYYY-MM, YYYY-QN, YYYY, "
            + "two of these joined by \" to \" (YYYY-MM to YYYY-MM), --MM to --MM (the latest such months), "
            + "or [\"YYYY-MM-DD\", \"YYYY-MM-DD\"] (inclusive)";

    static int quarterOf(LocalDate d) {
        return d.get(IsoFields.QUARTER_OF_YEAR);
    }
}
