package io.clarion.agent.language;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date phrases a question may carry ("last 3 months", "this quarter", "March 2026",
 * "since 2025"), written as the query engine's relative-date phrases; grains ("by month",
 * "weekly", "over time"); and the words for "now", which every metric answers by default.
 * Patterns run over a question's words joined by single spaces.
 */
public final class DatePhrases {
    private static final String UNIT = "(day|week|month|quarter|year)s?";
    private static final String MONTHS = "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";

    /** Date ranges, most specific first: the first pattern that matches is the question's range. */
    public static final List<Pattern> RANGES = List.of(
            Pattern.compile("\\b(?:in |over |during |for |within )?(?:the )?(?:last|past|previous|trailing) (\\d+) (calendar )?" + UNIT + "\\b"),
            Pattern.compile("\\b(?:in |over |during |for |within )?(?:the )?(?:next|coming|upcoming) (\\d+) " + UNIT + "\\b"),
            Pattern.compile("\\b(?:in |during |for |over )?(?:the )?(?:last|previous|prior|past) (day|week|month|quarter|year)\\b"),
            Pattern.compile("\\b(?:in |during |for |so far )?(?:this|the current) (week|month|quarter|year)\\b(?: so far)?"),
            Pattern.compile("\\b(year|month|quarter|week) to date\\b|\\b(ytd|mtd|qtd)\\b"),
            Pattern.compile("\\bsince (\\d{4}-\\d{2}-\\d{2}|\\d{4})\\b"),
            Pattern.compile("\\b(?:in |during )?" + MONTHS + " (\\d{4})\\b"),
            Pattern.compile("\\b(?:in |during )?(?:q([1-4]) (\\d{4})|(\\d{4}) q([1-4])|(\\d{4})-q([1-4]))\\b"),
            Pattern.compile("\\b(?:in|during|for|of|throughout) (\\d{4})\\b"),
            Pattern.compile("\\b(today|yesterday)\\b"));

    /** "Now" words: the current value, which is every metric's default; read and dropped. */
    public static final Pattern NOW = Pattern.compile("\\b(right now|currently|at the moment|as of today|at present|today s|these days)\\b");

    /** "by month", "monthly", "over time": rows per period. */
    public static final Pattern GRAIN = Pattern.compile("\\b(?:(?:by|per|each|every|for each|in each|for every|a|over|and) (day|week|month|quarter|year)|(daily|weekly|monthly|quarterly|yearly|annually)|(over time|trend|trends|trending))\\b");

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

    /** The engine phrase for a match of {@code RANGES.get(k)}. */
    public static Optional<Range> phrase(int k, Matcher m) {
        switch (k) {
            case 0:
                return Optional.of(new Range("last " + m.group(1) + " " + (m.group(2) == null ? "" : "calendar ") + m.group(3) + "s",
                        m.group(3).equals("month") && m.group(2) == null));
            case 1:
                return plain("next " + m.group(1) + " " + m.group(2) + "s");
            case 2:
                return plain("last " + m.group(1));
            case 3:
                return plain("this " + m.group(1));
            case 4: {
                String u = m.group(1) != null ? m.group(1)
                        : m.group(2).equals("ytd") ? "year" : m.group(2).equals("mtd") ? "month" : "quarter";
                return plain(u + " to date");
            }
            case 5:
                return plain("since " + (m.group(1).length() == 4 ? m.group(1) + "-01-01" : m.group(1)));
            case 6:
                return plain(m.group(2) + "-" + String.format("%02d", monthNumber(m.group(1))));
            case 7: {
                String q = m.group(1) != null ? m.group(1) : m.group(4) != null ? m.group(4) : m.group(6);
                String y = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(5);
                return plain(y + "-q" + q);
            }
            default:
                return Optional.ofNullable(m.group(1)).map(p -> new Range(p, false));
        }
    }

    private static Optional<Range> plain(String phrase) {
        return Optional.of(new Range(phrase, false));
    }

    /** The grain a match of {@link #GRAIN} asks for. */
    public static String grainOf(Matcher m) {
        if (m.group(1) != null) return m.group(1);
        if (m.group(2) != null) return switch (m.group(2)) {
            case "daily" -> "day";
            case "weekly" -> "week";
            case "monthly" -> "month";
            case "quarterly" -> "quarter";
            default -> "year";
        };
        return "month";
    }

    /** 1 for "jan" or "january". */
    public static int monthNumber(String m) {
        List<String> names = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        return names.indexOf(m.substring(0, 3)) + 1;
    }
}
