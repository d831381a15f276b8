package io.clarion.agent.language;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date phrases a question may carry ("last 3 months", "this quarter", "March 2026",
 * "since 2025", "from March to May 2026"), written as the query engine's relative-date phrases;
 * grains ("by month", "weekly", "over time"); and the words for "now", which every metric
 * answers by default.
 * Patterns run over a question's words joined by single spaces.
 */
public final class DatePhrases {
    private static final String UNIT = "(day|week|month|quarter|year)s?";
    /** "the last two years": a count written as a word. */
    private static final String COUNT_WORDS = String.join("|", Numbers.WORDS.keySet());
    private static final String MONTHS = "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";

    /** A month and an optional year: "march", "mar 2024". */
    private static final String MONTH_YEAR = MONTHS + "(?: (\\d{4}))?";

    /** A year, a year's month or quarter, or a quarter whose year the other end of a span gives: "2021", "2021-07", "q3 2021", "q4". */
    private static final String PERIOD = "(\\d{4}-q[1-4]|q[1-4](?: \\d{4})?|\\d{4}-\\d{2}(?!-)|(?:19|20)\\d{2}(?!-))";

    /** The period an open range starts with: a month of a year, a quarter of a year, a year's month, a year. */
    private static final String START = "(?:" + MONTHS + " ((?:19|20)\\d{2})|q([1-4]) ((?:19|20)\\d{2})|((?:19|20)\\d{2})-q([1-4])"
            + "|((?:19|20)\\d{2})-(\\d{2})(?!-)|((?:19|20)\\d{2})(?![-\\d]))";

    /** A date-range phrase of questions and the engine phrase it means. */
    public record Rule(Pattern pattern, Function<Matcher, Optional<Range>> reading) {
        public Optional<Range> read(Matcher m) {
            return reading.apply(m);
        }
    }

    /**
     * Date ranges, most specific first: the first rule that matches is the question's range.
     * Month spans come first, so that "from March 2024 to May 2024" is one range and not March.
     */
    public static final List<Rule> RANGES = List.of(
            // "from March 2026 up to now", "since Q1 2025": an open range from the start of that period.
            new Rule(Pattern.compile("\\b(?:from|starting(?: in| from)?) (?:the start of )?" + START
                    + " (?:up )?(?:to|until|till|through|thru) (?:now|today|date|the present|present)\\b"
                    + "|\\bsince (?:the start of )?" + START + "\\b"), DatePhrases::sinceStart),
            new Rule(Pattern.compile("\\b(?:(?:in|during|for|over|from|between) )?(?:the )?" + PERIOD + " (to|through|thru|until|till|and) "
                    + PERIOD + "\\b"), DatePhrases::periodSpan),
            new Rule(Pattern.compile("\\b(?:in |during |for |over )?(?:the )?between " + MONTH_YEAR + " and " + MONTH_YEAR + "\\b"),
                    DatePhrases::monthSpan),
            new Rule(Pattern.compile("\\b(?:in |during |for |over )?(?:the )?(?:from )?" + MONTH_YEAR
                    + " (?:to|through|thru|until|till) (?:the end of )?" + MONTH_YEAR + "\\b"), DatePhrases::monthSpan),
            // "the first half of 2025", "H2 2024": six months of that year.
            new Rule(Pattern.compile("\\b(?:in |during |for |over )?(?:the )?(first|second|1 st|2 nd) half(?: of)? ((?:19|20)\\d{2})\\b"
                    + "|\\bh ([12]) ((?:19|20)\\d{2})\\b|\\b((?:19|20)\\d{2}) h ([12])\\b"), DatePhrases::halfYear),
            // "the second quarter of 2024": that quarter.
            new Rule(Pattern.compile("\\b(?:in |during |for |over )?(?:the )?(first|second|third|fourth|1 st|2 nd|3 rd|4 th) quarter(?: of)? ((?:19|20)\\d{2})\\b"),
                    m -> plain(m.group(2) + "-q" + ordinal(m.group(1)))),
            new Rule(Pattern.compile("\\b(?:in |over |during |for |within )?(?:the )?(?:last|past|previous|trailing) (\\d+) (calendar )?" + UNIT + "\\b"),
                    m -> Optional.of(new Range("last " + m.group(1) + " " + (m.group(2) == null ? "" : "calendar ") + m.group(3) + "s",
                            m.group(3).equals("month") && m.group(2) == null))),
            // "the past two years"; "trailing twelve months" is left to the names of windowed metrics.
            new Rule(Pattern.compile("\\b(?:in |over |during |for |within )?(?:the )?(?:last|past|previous) (" + COUNT_WORDS + ") " + UNIT + "\\b"),
                    m -> Optional.of(new Range("last " + Numbers.WORDS.get(m.group(1)) + " " + m.group(2) + "s", m.group(2).equals("month")))),
            new Rule(Pattern.compile("\\b(?:in |over |during |for |within )?(?:the )?(?:next|coming|upcoming) (\\d+) " + UNIT + "\\b"),
                    m -> plain("next " + m.group(1) + " " + m.group(2) + "s")),
            new Rule(Pattern.compile("\\b(?:in |during |for |over )?(?:the )?(?:next|coming|upcoming) (week|month|quarter|year)\\b(?! \\d)"),
                    m -> plain("next " + m.group(1))),
            new Rule(Pattern.compile("\\b(?:in |during |for |over )?(?:the )?(?:last|previous|prior|past) (day|week|month|quarter|year)\\b"),
                    m -> plain("last " + m.group(1))),
            // "from the beginning of this year on": the period so far.
            new Rule(Pattern.compile("\\bsince the (?:start|beginning) of (?:this|the current|the) (week|month|quarter|year)\\b"),
                    m -> plain("this " + m.group(1))),
            new Rule(Pattern.compile("\\b(?:in |during |for |so far )?(?:this|the current) (week|month|quarter|year)\\b(?: so far)?"),
                    m -> plain("this " + m.group(1))),
            new Rule(Pattern.compile("\\b(year|month|quarter|week) to date\\b|\\b(ytd|mtd|qtd)\\b"),
                    m -> plain((m.group(1) != null ? m.group(1)
                            : m.group(2).equals("ytd") ? "year" : m.group(2).equals("mtd") ? "month" : "quarter") + " to date")),
            new Rule(Pattern.compile("\\bsince (\\d{4}-\\d{2}-\\d{2}|\\d{4})\\b"),
                    m -> plain("since " + (m.group(1).length() == 4 ? m.group(1) + "-01-01" : m.group(1)))),
            new Rule(Pattern.compile("\\b(?:in |during )?" + MONTHS + " (\\d{4})\\b"),
                    m -> plain(month(Integer.parseInt(m.group(2)), monthNumber(m.group(1))))),
            // "churned in May": a month without a year is the latest such month begun, as a span of one month.
            new Rule(Pattern.compile("\\b(?:in|during|for|throughout) (?:the month of )?" + MONTHS + "\\b(?! \\d)"),
                    m -> plain(String.format("--%02d to --%02d", monthNumber(m.group(1)), monthNumber(m.group(1))))),
            new Rule(Pattern.compile("\\b(?:in |during )?(?:q([1-4]) (\\d{4})|(\\d{4}) q([1-4])|(\\d{4})-q([1-4]))\\b"), m -> {
                String q = m.group(1) != null ? m.group(1) : m.group(4) != null ? m.group(4) : m.group(6);
                String y = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(5);
                return plain(y + "-q" + q);
            }),
            // "new customers in Q1": a quarter without a year is the latest such quarter begun, as its three months.
            new Rule(Pattern.compile("\\b(?:(?:in|during|for|over|throughout) (?:the )?)?q([1-4])\\b(?! ?(?:\\d|-|of|this|last|previous|prior|next))"), m -> {
                int first = 3 * Integer.parseInt(m.group(1)) - 2;
                return plain(String.format("--%02d to --%02d", first, first + 2));
            }),
            new Rule(Pattern.compile("\\b(?:in|during|for|of|throughout|thru|through|across) (?:the )?(?:(?:calendar|fiscal) )?(?:year )?(\\d{4})\\b"), m -> plain(m.group(1))),
            // "2025 revenue by plan", "show 2024 signups": a year written before what it dates, never a count.
            new Rule(Pattern.compile("(?<=^|\\b(?:show|give|list|me|our|the|and|what|whats|was|were|is|are|compare|down|out|up|see|view|display|pull|get|find|tell|about|on|plot|chart|summarize|summarise) )((?:19|20)\\d{2})(?= [a-z])"),
                    m -> plain(m.group(1))),
            new Rule(Pattern.compile("\\b(today|yesterday)\\b"), m -> plain(m.group(1))));

    /** The groups of {@link #START}, in either of the two alternatives of the open-range rule. */
    static Optional<Range> sinceStart(Matcher m) {
        int base = m.group(1) != null || m.group(2) != null || m.group(3) != null || m.group(4) != null || m.group(5) != null
                || m.group(6) != null || m.group(7) != null || m.group(8) != null || m.group(9) != null ? 0 : 9;
        String g1 = m.group(base + 1), g3 = m.group(base + 3), g5 = m.group(base + 5), g7 = m.group(base + 7), g9 = m.group(base + 9);
        String start;
        if (g1 != null) start = month(Integer.parseInt(m.group(base + 2)), monthNumber(g1));
        else if (g3 != null) start = month(Integer.parseInt(m.group(base + 4)), 3 * Integer.parseInt(g3) - 2);
        else if (g5 != null) start = month(Integer.parseInt(g5), 3 * Integer.parseInt(m.group(base + 6)) - 2);
        else if (g7 != null) start = g7 + "-" + m.group(base + 8);
        else start = g9 + "-01";
        return plain("since " + start + "-01");
    }

    /** "first" → 1, "2nd" (read as "2 nd") → 2. */
    private static int ordinal(String w) {
        return switch (w) {
            case "first", "1 st" -> 1;
            case "second", "2 nd" -> 2;
            case "third", "3 rd" -> 3;
            default -> 4;
        };
    }

    /** "the first half of 2025" → "2025-01 to 2025-06"; "h2 2024" → "2024-07 to 2024-12". */
    static Optional<Range> halfYear(Matcher m) {
        String year = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(5);
        int half = m.group(1) != null ? ordinal(m.group(1)) : Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(6));
        return plain(half == 1 ? year + "-01 to " + year + "-06" : year + "-07 to " + year + "-12");
    }

    /** "Now" words: the current value, which is every metric's default; read and dropped. */
    public static final Pattern NOW = Pattern.compile("\\b(right now|currently|at the moment|as of today|at present|today s|these days)\\b");

    /** "by month", "monthly", "over time": rows per period. */
    public static final Pattern GRAIN = Pattern.compile("\\b(?:(?:by|per|each|every|for each|in each|for every|a|over|and) (day|week|month|quarter|year)|(daily|weekly|monthly|quarterly|yearly|annually)|(over time|trend|trends|trending)|(day|week|month|quarter|year) (?:by|after|to|over|on) \\4)\\b");

    /**
     * "How has revenue evolved?", "the history of signups": asked how something moved through time,
     * without a grain, the answer is its series. The words are data (agent/phrases.yml, series).
     */
    public static final Pattern SERIES = Pattern.compile("\\b(" + alternatives("series", "words") + ")\\b"
            + "|^how (?:has|have|did) .*\\b(" + alternatives("series", "after_how") + ")\\b");

    /** A phrase list of {@code agent/phrases.yml} as regex alternatives, each quoted. */
    private static String alternatives(String section, String field) {
        List<String> out = new java.util.ArrayList<>();
        PhraseBook.root().path(section).path(field).forEach(x -> out.add(Pattern.quote(x.asText().toLowerCase(java.util.Locale.ROOT))));
        if (out.isEmpty()) throw new IllegalStateException("agent/phrases.yml has no " + section + "." + field);
        return String.join("|", out);
    }

    /** "Which month had the most …", "top 3 quarters by …": the ranked group is a period. */
    public static final Pattern RANKED_PERIOD = Pattern.compile(
            "^(?:which|what|in which|during which)(?: \\w+)?? ((day|week|month|quarter|year)s?)\\b|\\b(?:top|bottom|best|worst) \\d+ ((day|week|month|quarter|year)s?)\\b");

    /** Words that name a period or a grain rather than a catalog member. */
    public static final java.util.Set<String> TIME_WORDS = java.util.Set.of("day", "week", "month", "quarter", "year", "days", "weeks",
            "months", "quarters", "years", "daily", "weekly", "monthly", "quarterly", "yearly", "annually");

    /** A range read from the question: the engine's phrase, and whether "N months" may become calendar months. */
    public record Range(String phrase, boolean months) {
    }

    private DatePhrases() {
    }

    /**
     * "from March to May 2024", "between November 2023 and January 2024": one span, as the engine
     * writes it. A year written on one side only belongs to both, the start going back a year when
     * its month comes after the end's; with no year at all the engine takes the latest such span
     * that has begun ("--03 to --05").
     */
    static Optional<Range> monthSpan(Matcher m) {
        int from = monthNumber(m.group(1)), to = monthNumber(m.group(3));
        Integer fromYear = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer toYear = m.group(4) == null ? null : Integer.valueOf(m.group(4));
        if (fromYear == null && toYear == null) return plain(String.format("--%02d to --%02d", from, to));
        if (fromYear == null) fromYear = from <= to ? toYear : toYear - 1;
        if (toYear == null) toYear = to >= from ? fromYear : fromYear + 1;
        return plain(month(fromYear, from) + " to " + month(toYear, to));
    }

    /**
     * "2020 to 2021", "q2 to q4 2021", "2021-04 through 2021-06", "between 2019 and 2021": one span
     * from the start of the first period to the end of the second. A quarter without a year takes
     * the other end's; "A and B" is a span only after "between" or for two periods in a row ("2020
     * and 2021"): "2019 and 2022" names two years, not the four.
     */
    static Optional<Range> periodSpan(Matcher m) {
        String a = period(m.group(1)), b = period(m.group(3));
        String ya = year(a), yb = year(b);
        if (ya == null && yb == null) return Optional.empty();
        if (ya == null) a = yb + a;
        if (yb == null) b = ya + b;
        if (a.length() != b.length() || a.compareTo(b) >= 0) return Optional.empty();
        if (m.group(2).equals("and") && !m.group().contains("between") && !consecutive(a, b)) return Optional.empty();
        return plain(a + " to " + b);
    }

    /** "q3 2021" → "2021-q3"; "q4" → "-q4" (its year still to come); others as written. */
    private static String period(String p) {
        if (p.startsWith("q")) return p.length() > 2 ? p.substring(3) + "-" + p.substring(0, 2) : "-" + p;
        return p;
    }

    private static String year(String p) {
        return p.startsWith("-") ? null : p.substring(0, 4);
    }

    private static boolean consecutive(String a, String b) {
        int ya = Integer.parseInt(a.substring(0, 4)), yb = Integer.parseInt(b.substring(0, 4));
        if (a.length() == 4) return yb == ya + 1;
        int n = a.contains("q") ? 4 : 12;
        int pa = Integer.parseInt(a.substring(a.length() - (a.contains("q") ? 1 : 2)));
        int pb = Integer.parseInt(b.substring(b.length() - (b.contains("q") ? 1 : 2)));
        return ya * n + pa + 1 == yb * n + pb;
    }

    private static String month(int year, int month) {
        return year + "-" + String.format("%02d", month);
    }

    private static Optional<Range> plain(String phrase) {
        return Optional.of(new Range(phrase, false));
    }

    /** The grain a match of {@link #GRAIN} asks for. */
    public static String grainOf(Matcher m) {
        if (m.group(1) != null) return m.group(1);
        // "month by month", "quarter after quarter"
        if (m.group(4) != null) return m.group(4);
        if (m.group(2) != null) return switch (m.group(2)) {
            case "daily" -> "day";
            case "weekly" -> "week";
            case "monthly" -> "month";
            case "quarterly" -> "quarter";
            default -> "year";
        };
        return "month";
    }

    private static final Pattern CALENDAR_NAME = Pattern.compile(MONTHS + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday");

    /** "May", "Monday": a word that names a month or a weekday (lower case), whatever else it could name. */
    public static boolean calendarName(String w) {
        return CALENDAR_NAME.matcher(w).matches();
    }

    /** 1 for "jan" or "january". */
    public static int monthNumber(String m) {
        List<String> names = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        return names.indexOf(m.substring(0, 3)) + 1;
    }
}
