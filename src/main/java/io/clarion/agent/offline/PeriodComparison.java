package io.clarion.agent.offline;

import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.language.DatePhrases;
import io.clarion.agent.language.PhraseBook;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.query.DateRange;
import io.clarion.query.MetricQuery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two periods of one unit set side by side: "revenue in 2024 vs 2025", "orders in June
 * against May", "Q1 against Q2", "did NPS fall from 2023 to 2024". The answer has
 * one row per period (the metric by that unit over a range covering both), never one total.
 *
 * <p>"A and B" or "from A to B" is a comparison only when the question also says so ("compare",
 * "change", "drop", "each of those years"); otherwise it stays the one span {@link DatePhrases}
 * reads. A change metric (a governed "X minus X of the period before") over two consecutive
 * periods is the later period's change: one value, not each period's change from its own past.
 */
final class PeriodComparison {
    private static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    private static final String YEAR = "(?:19|20)\\d{2}";
    /** One period: a year, a quarter, a month, or "this/last <unit>". */
    /** "Q1 this year", "March last year": a quarter or month of a year named relative to today. */
    private static final String RELATIVE_YEAR = " (?:of )?(?:this|the current|current|last|the last|previous|the previous|prior) year";
    private static final String PERIOD = "(" + YEAR + "(?!-)(?! q[1-4])|\\d{4}-q[1-4]|q[1-4](?: " + YEAR + "|" + RELATIVE_YEAR + ")?|" + YEAR + " q[1-4]|\\d{4}-\\d{2}(?!-)"
            + "|(?:" + MONTHS + ")(?: " + YEAR + "|" + RELATIVE_YEAR + ")?"
            + "|(?:this|the current|current|last|the last|previous|the previous|prior|the prior) (?:week|month|quarter|year))";
    private static final Pattern WITH_RELATIVE_YEAR = Pattern.compile("(.+?)" + RELATIVE_YEAR);
    private static final Set<String> JOINERS = words("joiners");
    private static final Set<String> SPAN_JOINERS = Set.of("and", "to", "through", "till", "until");
    private static final Pattern PAIR = Pattern.compile("\\b(?:(?:in|during|for|between|from|over|of) )?(?:the )?" + PERIOD
            + "(?: so far)? (" + String.join("|", sortedLongestFirst(JOINERS)) + "|" + String.join("|", SPAN_JOINERS) + ") "
            + "(?:the )?(?:same \\w+ )?(?:in )?" + PERIOD + "(?: so far)?\\b");
    /**
     * "this year's revenue compared with last year's", "sales in Q3 do against Q2": the two periods
     * with a few other words (what is compared) between the first and the joiner. "with" and "to"
     * join only after an opening "compare".
     */
    private static final Pattern LOOSE_PAIR = Pattern.compile("\\b(?:(?:in|during|for|over|of) )?(?:the )?" + PERIOD
            + "((?: [a-z]+){1,4}?) (" + String.join("|", sortedLongestFirst(JOINERS)) + ") "
            + "(?:the )?(?:same \\w+ )?(?:in )?" + PERIOD + "\\b");
    private static final Pattern COMPARE_LOOSE_PAIR = Pattern.compile("\\b(?:compare|comparing) (?:the )?" + PERIOD
            + "((?: [a-z]+){1,4}?) (with|to|against|and) (?:the )?(?:same \\w+ )?(?:in )?" + PERIOD + "\\b");
    private static final Pattern CUE = Pattern.compile("\\b(" + String.join("|", sortedLongestFirst(words("cues"))) + ")\\b");
    private static final Pattern COMPARE_WORDS = Pattern.compile("\\b(" + String.join("|", sortedLongestFirst(words("compare_words"))) + ")\\b");
    /** "for each of those years", "in both quarters": one row per period, the grain the periods already name. */
    private static final Pattern EACH_OF = Pattern.compile("\\b(?:for |in )?(?:each of (?:those|these|the|both)(?: two)?|both(?: of those| of the)?|the two) (years|quarters|months|weeks)\\b");

    private static final Pattern EACH_OF_LAST = Pattern.compile("\\b(?:for |in )?(?:each of|every one of|each one of) (the (?:last|past|previous) "
            + "(?:\\d+|" + String.join("|", io.clarion.agent.language.Numbers.WORDS.keySet()) + ") (days|weeks|months|quarters|years))\\b");

    /** "this quarter against the same quarter last year": a period named relative to today, beside itself a year before. */
    private static final Pattern SAME_A_YEAR_BEFORE = Pattern.compile("\\b(?:(?:in|during|for|over) )?(?:the )?(this|current|the current|last|previous|the previous) "
            + "(week|month|quarter)(?: so far)? (?:" + String.join("|", sortedLongestFirst(JOINERS)) + ") (?:the )?same (?:week|month|quarter|period) "
            + "(?:of |in )?(?:last year|the (?:previous|prior|last) year|a year (?:ago|before|earlier)|the year before)\\b");

    /**
     * "signups ytd beside the same days of the year before", "ytd vs last year": the part of
     * this year (quarter, month) up to today beside the same days a year before, never a whole
     * past year beside a part of this one.
     */
    private static final Pattern TO_DATE = Pattern.compile("\\b(?:(?:in|for|over) )?(?:the )?(?:(year|quarter|month) to date|(ytd|qtd|mtd)"
            + "|(?:this|the current|current) (year|quarter|month) (?:so far|to date)|so far this (year|quarter|month))\\b");
    private static final Pattern A_YEAR_BEFORE = Pattern.compile("\\b(?:" + String.join("|", sortedLongestFirst(JOINERS)) + "|and) (?:with )?(?:the )?"
            + "(?:same (?:period|time|days|dates|stretch) )?(?:of |in )?(?:last year|the (?:previous|prior|last) year|a year (?:ago|before|earlier)|the year before)\\b");

    /** "last quarter versus the quarter before", "March 2026 against the previous month": a period beside the one before it. */
    private static final Pattern BEFORE_IT = Pattern.compile("\\b(?:(?:in|during|for|over) )?(?:the )?" + PERIOD + "(?: so far)? (?:"
            + String.join("|", sortedLongestFirst(JOINERS)) + "|and|with) (?:with )?(?:the )?(?:(?<u1>month|quarter|year) (?:before|prior|earlier|preceding)"
            + "(?: (?:it|that|then))?|(?:previous|preceding|prior) (?<u2>month|quarter|year)"
            // "NPS this quarter compared to last": the unit left unsaid is the first period's.
            + "|(?<bare>last|last one|previous|previous one|prior one|one before)(?! (?:week|month|quarter|year|\\d))(?=$|[^a-z0-9]))");

    /** The two periods read, as the engine's phrases, earlier first, and their unit. */
    record Pair(String first, String second, String unit, boolean consecutive) {
        String span() {
            return first + " to " + second;
        }
    }

    private PeriodComparison() {
    }

    /** Reads a comparison of two periods, before any single date range: sets the range and the grain. */
    static void read(Reading rd) {
        LocalDate today = rd.ctx.queries().referenceDate();
        boolean cued = CUE.matcher(rd.joined).find() || COMPARE_WORDS.matcher(rd.joined).find() || EACH_OF.matcher(rd.joined).find();
        Matcher same = SAME_A_YEAR_BEFORE.matcher(rd.joined);
        if (same.find() && rd.take(same.start(), same.end())) {
            String period = (same.group(1).endsWith("current") || same.group(1).equals("this") ? "this " : "last ") + same.group(2);
            DateRange r = parse(period, today).orElseThrow();
            periods(rd, List.of(absolute(r.start().minusYears(1), same.group(2)), absolute(r.start(), same.group(2))), same.group(2),
                    "Compared " + period + " with the same " + same.group(2) + " a year before: one row each.");
            return;
        }
        Matcher toDate = TO_DATE.matcher(rd.joined);
        Matcher yearBefore = A_YEAR_BEFORE.matcher(rd.joined);
        if (toDate.find() && yearBefore.find(toDate.end()) && rd.free(toDate.start(), toDate.end()) && rd.free(yearBefore.start(), yearBefore.end())) {
            rd.take(toDate.start(), toDate.end());
            rd.take(yearBefore.start(), yearBefore.end());
            String unit = toDate.group(1) != null ? toDate.group(1) : toDate.group(3) != null ? toDate.group(3) : toDate.group(4) != null ? toDate.group(4)
                    : switch (toDate.group(2)) {
                        case "qtd" -> "quarter";
                        case "mtd" -> "month";
                        default -> "year";
                    };
            // This unit up to today, and the same days a year before: both as dates, so that neither is a whole period.
            DateRange r = parse(unit + " to date", today).orElseThrow();
            LocalDate last = r.end().minusDays(1);
            periods(rd, List.of(r.start().minusYears(1) + " to " + last.minusYears(1), r.start() + " to " + last), unit,
                    "Compared this " + unit + " up to today (" + r.start() + " to " + last + ") with the same days a year before: one row each.");
            return;
        }
        Matcher before = BEFORE_IT.matcher(rd.joined);
        if (before.find()) {
            String unit = before.group("u1") != null ? before.group("u1") : before.group("u2") != null ? before.group("u2")
                    : unit(phrase(absoluteYear(before.group(1), today)));
            Optional<Pair> pair = beforeIt(before.group(1), unit, today);
            if (pair.isPresent() && rd.take(before.start(), before.end())) {
                side(rd, pair.get());
                return;
            }
        }
        Matcher m = PAIR.matcher(rd.joined);
        while (m.find()) {
            String joiner = m.group(2);
            if (SPAN_JOINERS.contains(joiner) && !cued) continue;
            Optional<Pair> pair = pair(m.group(1), m.group(3), today);
            if (pair.isEmpty() || !rd.take(m.start(), m.end())) continue;
            compared(rd, pair.get(), today);
            return;
        }
        for (Pattern loose : List.of(COMPARE_LOOSE_PAIR, LOOSE_PAIR)) {
            Matcher l = loose.matcher(rd.joined);
            while (l.find()) {
                // The words between may not hold a period of their own ("2024 revenue and 2025 … against 2023").
                if (Pattern.compile("\\b(?:19|20)\\d{2}\\b|\\bq[1-4]\\b").matcher(l.group(2)).find()) continue;
                Optional<Pair> pair = pair(l.group(1), l.group(4), today);
                if (pair.isEmpty() || !rd.free(l.start(1), l.end(1)) || !rd.free(l.start(3), l.end(4))) continue;
                rd.take(l.start(1), l.end(1));
                rd.take(l.start(3), l.end(4));
                compared(rd, pair.get(), today);
                return;
            }
        }
        // "revenue from 2024 to 2025, for each of those years": the span the range rules read, one row per period.
        Matcher each = EACH_OF.matcher(rd.joined);
        if (each.find() && rd.grain == null && rd.take(each.start(), each.end())) {
            rd.grain = each.group(1).substring(0, each.group(1).length() - 1);
        }
        // "in each of the last 3 months": one row per month; the words are left for the range rules, which read the span.
        Matcher eachLast = EACH_OF_LAST.matcher(rd.joined);
        if (eachLast.find() && rd.grain == null) {
            rd.grain = eachLast.group(2).substring(0, eachLast.group(2).length() - 1);
        }
    }

    private static void compared(Reading rd, Pair pair, LocalDate today) {
        rd.comparedPeriods = pair;
        if (pair.consecutive()) {
            side(rd, pair);
            return;
        }
        // "Q1 2025 against Q1 2026": the two periods only, one row each, not every period between.
        periods(rd, List.of(pair.first(), pair.second()), pair.unit(), "Compared " + pair.first() + " with " + pair.second()
                + (yearApart(pair, today) ? ", the same " + pair.unit() + " a year before" : "") + ": one row each.");
    }

    /** Two periods that do not follow each other, each its own row (the query's {@code in_periods}). */
    private static void periods(Reading rd, List<String> periods, String unit, String said) {
        rd.periods = List.copyOf(periods);
        rd.range = periods.get(0) + " to " + periods.get(periods.size() - 1);
        rd.grain = unit;
        readHowToCompare(rd);
        rd.assumptions.add(said);
    }

    /**
     * "for each of those years", "compare", "side by side" only say how to answer: read now. Verbs
     * ("drop", "change") may still be part of a metric's name ("change in MRR"): read after the
     * names, by {@link #readCueWordsLeft}.
     */
    private static void readHowToCompare(Reading rd) {
        Matcher each = EACH_OF.matcher(rd.joined);
        while (each.find()) rd.take(each.start(), each.end());
        Matcher words = COMPARE_WORDS.matcher(rd.joined);
        while (words.find()) rd.take(words.start(), words.end());
    }

    /** The query's date filter: the periods read, one row each, when the answer is grouped by period; else the range. */
    static MetricQuery.Filter rangeFilter(Reading rd, String target, String range, boolean grouped) {
        if (rd.periods == null || !grouped) return new MetricQuery.Filter(target, null, "in_date_range", com.fasterxml.jackson.databind.node.TextNode.valueOf(range), null);
        return new MetricQuery.Filter(target, null, "in_periods", null,
                rd.periods.stream().map(x -> (com.fasterxml.jackson.databind.JsonNode) com.fasterxml.jackson.databind.node.TextNode.valueOf(x)).toList());
    }

    /** The period of {@code unit} that starts on {@code start}, as the engine writes it ("2025-q2", "2025-04", "2025"). */
    private static String absolute(LocalDate start, String unit) {
        return switch (unit) {
            case "quarter" -> start.getYear() + "-q" + ((start.getMonthValue() - 1) / 3 + 1);
            case "month" -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
            case "year" -> String.valueOf(start.getYear());
            default -> start + " to " + start.plusDays(6);
        };
    }

    /** The two periods as one range with a row per period. */
    private static void side(Reading rd, Pair pair) {
        rd.comparedPeriods = pair;
        rd.range = pair.span();
        rd.grain = pair.unit();
        readHowToCompare(rd);
        rd.assumptions.add("Compared " + pair.first() + " with " + pair.second() + ": one row per " + pair.unit() + ".");
    }

    /** A period and the one of the same unit just before it, as engine phrases, earlier first. */
    static Optional<Pair> beforeIt(String said, String unit, LocalDate today) {
        String p = phrase(absoluteYear(said, today));
        if (!unit.equals(unit(p))) return Optional.empty();
        if (p.startsWith("-")) {
            // "Q2 against the quarter before": the latest such period begun by today.
            int y = today.getYear();
            if (parse(y + p, today).map(r -> r.start().isAfter(today)).orElse(true)) y--;
            p = y + p;
        }
        Optional<DateRange> r = parse(p, today);
        if (r.isEmpty()) return Optional.empty();
        LocalDate s = r.get().start();
        String earlier = switch (unit) {
            case "year" -> String.valueOf(s.getYear() - 1);
            case "quarter" -> {
                LocalDate q = s.minusMonths(3);
                yield q.getYear() + "-q" + ((q.getMonthValue() - 1) / 3 + 1);
            }
            default -> {
                LocalDate mo = s.minusMonths(1);
                yield String.format(Locale.ROOT, "%d-%02d", mo.getYear(), mo.getMonthValue());
            }
        };
        return Optional.of(new Pair(earlier, p, unit, true));
    }

    /** After the catalog's names are read: the cue verbs of a comparison no name used ("did NPS drop …") are read too. */
    static void readCueWordsLeft(Reading rd) {
        if (rd.comparedPeriods == null) return;
        Matcher cue = CUE.matcher(rd.joined);
        while (cue.find()) rd.take(cue.start(), cue.end());
    }

    /** Two periods of one unit, as engine phrases, earlier first; empty when they differ in unit or are the same period. */
    static Optional<Pair> pair(String a, String b, LocalDate today) {
        a = absoluteYear(a, today);
        b = absoluteYear(b, today);
        String ua = unit(a), ub = unit(b);
        if (ua == null || !ua.equals(ub)) return Optional.empty();
        String pa = phrase(a), pb = phrase(b);
        // A quarter or month without a year takes the other side's; with neither, the latest such pair begun by today.
        String ya = yearOf(pa), yb = yearOf(pb);
        boolean yearless = pa.startsWith("-") || pb.startsWith("-");
        if (yearless) {
            if (ya == null && yb == null) {
                int y = today.getYear();
                String later = laterOf(pa, pb);
                if (parse(y + later, today).map(r -> r.start().isAfter(today)).orElse(false)) y--;
                ya = yb = String.valueOf(y);
            }
            if (pa.startsWith("-")) pa = (ya != null ? ya : yb) + pa;
            if (pb.startsWith("-")) pb = (yb != null ? yb : ya) + pb;
        }
        Optional<DateRange> ra = parse(pa, today), rb = parse(pb, today);
        if (ra.isEmpty() || rb.isEmpty() || ra.get().equals(rb.get())) return Optional.empty();
        boolean swap = rb.get().start().isBefore(ra.get().start());
        DateRange first = swap ? rb.get() : ra.get(), second = swap ? ra.get() : rb.get();
        boolean consecutive = !first.end().isBefore(second.start());
        return Optional.of(swap ? new Pair(pb, pa, ua, consecutive) : new Pair(pa, pb, ua, consecutive));
    }

    /** "q1 last year" → "q1 2024" (today in 2025): the year said relative to today, as a number. */
    private static String absoluteYear(String p, LocalDate today) {
        Matcher m = WITH_RELATIVE_YEAR.matcher(p);
        if (!m.matches()) return p;
        int back = p.matches(".*\\b(this|current) year$") ? 0 : 1;
        return m.group(1) + " " + (today.getYear() - back);
    }

    /** Whether the later period is the earlier one a year on ("Q1 2025 against Q1 2024"): a year-over-year comparison. */
    static boolean yearApart(Pair pair, LocalDate today) {
        if (pair.unit().equals("year")) return false;
        Optional<DateRange> a = parse(pair.first(), today), b = parse(pair.second(), today);
        return a.isPresent() && b.isPresent() && a.get().start().plusYears(1).equals(b.get().start());
    }

    private static String laterOf(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Optional<DateRange> parse(String phrase, LocalDate today) {
        try {
            return DateRange.parse(phrase, today);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String unit(String p) {
        if (p.matches(".*\\b(week|month|quarter|year)$")) return p.substring(p.lastIndexOf(' ') + 1);
        if (p.contains("q")) return "quarter";
        if (p.matches(YEAR)) return "year";
        return "month";
    }

    /** "q3 2021" → "2021-q3", "q3" → "-q3", "march 2024" → "2024-03", "march" → "-03", "the last month" → "last month". */
    private static String phrase(String p) {
        Matcher q = Pattern.compile("q([1-4])(?: (\\d{4}))?|(\\d{4}) q([1-4])").matcher(p);
        if (q.matches()) {
            return q.group(3) != null ? q.group(3) + "-q" + q.group(4) : (q.group(2) == null ? "" : q.group(2)) + "-q" + q.group(1);
        }
        Matcher mo = Pattern.compile("(" + MONTHS + ")(?: (\\d{4}))?").matcher(p);
        if (mo.matches()) {
            return (mo.group(2) == null ? "" : mo.group(2)) + String.format(Locale.ROOT, "-%02d", DatePhrases.monthNumber(mo.group(1)));
        }
        return p.replaceFirst("^the ", "").replaceFirst("^current ", "this ").replaceFirst("^(previous|prior) ", "last ");
    }

    private static String yearOf(String p) {
        return p.matches("\\d{4}.*") ? p.substring(0, 4) : null;
    }

    private static Set<String> words(String field) {
        Set<String> out = new java.util.HashSet<>();
        PhraseBook.root().path("period_comparison").path(field).forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    private static List<String> sortedLongestFirst(Set<String> ws) {
        return ws.stream().sorted((x, y) -> y.length() - x.length()).map(Pattern::quote).toList();
    }
}
