package io.clarion.agent.offline;

import io.clarion.agent.language.DatePhrases;
import io.clarion.agent.language.Numbers;
import io.clarion.agent.language.ShapeWords;
import io.clarion.agent.linking.Lexicon;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The first pass over a question: the phrases that shape it rather than name catalog members
 * (a date range, comparisons, ranking, "share of", a ranked period, a grain). Each marks its
 * words as read so that linking never reads "top 5" or "last month" as a name.
 */
final class PhraseReader {
    private static final java.util.Set<String> SUMMARY_NOUNS = io.clarion.agent.language.PhraseBook.words("summary_nouns");
    private static final java.util.Set<String> SUMMARY_LEAD = io.clarion.agent.language.PhraseBook.words("summary_lead");
    private PhraseReader() {
    }

    /** "over all time", "all-time": no period, said outright; "… in total" at the end only says the sum is asked. */
    private static final java.util.regex.Pattern ALL_TIME = java.util.regex.Pattern.compile("\\b(?:(?:over|for|across|of|in) )?all time\\b|\\bin total\\b(?! \\w)"
            // "every response to date": up to now from the start; "year to date" and "from May 2024 to date" are ranges.
            + "|(?<!year |month |quarter |week |\\d{4} |q[1-4] |up |from |since )\\bto date\\b");
    /** "closing value for every quarter": the grain whose last value each row is; "as of the end of last year": the period it closes. */
    private static final java.util.regex.Pattern END_OF_EACH = java.util.regex.Pattern.compile("\\b(?:at|as of|by) the (?:end|close) of (?:each|every) (month|quarter|year)\\b");
    private static final java.util.regex.Pattern END_OF = java.util.regex.Pattern.compile("\\b(?:at|as of|by) the (?:end|close) of (?=(?:the )?(?:last|this|previous|prior) (?:month|quarter|year)|\\d{4}|q[1-4])");
    /** "From a customer-success angle, …": the point of view asked from, not a filter. */
    private static final java.util.regex.Pattern VIEWPOINT = java.util.regex.Pattern.compile(
            "^(?:from|with) (?:an?|the|our) (?:[\\w-]+ ){1,3}(?:angle|perspective|point of view|standpoint|lens|viewpoint)\\b");
    /** "using every ticket we have", "counting all invoices on record": nothing left out by date. */
    private static final java.util.regex.Pattern EVERY_ROW = java.util.regex.Pattern.compile(
            "\\b(?:taking|counting|using|across|over|with|based on) (?:in )?(?:all|every)(?: \\w+){0,3}? "
                    + "(?:we (?:have |ve )?(?:have|got|received|collected|recorded|gathered|logged)|on record|ever)\\b");
    /** "tickets opened this year", "how many were opened": the date a row was opened, not the open status. */
    private static final java.util.regex.Pattern OPENED_VERB = java.util.regex.Pattern.compile(
            "\\b(?:was|were|been|be|being|got|get|gets|are|is) (opened)\\b|\\b(opened) (?:in|during|since|this|last|so far|between|from|on|yesterday|today|before|after)\\b");

    /** "Speaking as our CFO, please show …": who is asking, not what. */
    private static final java.util.regex.Pattern PREAMBLE = java.util.regex.Pattern.compile("^(?:speaking )?as (?:a|an|the|our) (?:\\w+ ){0,4}?(?=(?:i|id|im|ive|i'd|i'm|we|wed|we'd|we're|please|can|could|what|how|show|give)\\b)");

    /** "Quick recap for the sales team: …", "For the board deck: …": whom and what the answer is for, before a colon. */
    private static final java.util.regex.Pattern PURPOSE = java.util.regex.Pattern.compile(
            "^[^:\\d]{0,60}\\b(?:update|updates|recap|summary|deck|briefing|brief|report|presentation|memo|slide|slides|board|review)\\b[^:\\d]{0,40}:\\s");
    /** Where a sentence ends and the next begins with a capital letter ("We changed X in May. How many …?"). */
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<=[\\p{L}\\d)][.?!])\\s+(?=\\p{Lu})");
    /** "Q4 of this year", "march of last year": a quarter or month of a year named relative to today. */
    private static final java.util.regex.Pattern OF_RELATIVE_YEAR = java.util.regex.Pattern.compile(
            "\\b(?:(?:in|during|for|over) )?(?:the )?(?:q([1-4])|" + "(january|february|march|april|may|june|july|august|september|october|november|december)"
            + ") (?:of )?(this|the current|last|the last|previous|the previous|next) year\\b");

    /** "joined the company in 2003", "left the business": the organisation itself, not a company column. */
    private static final java.util.regex.Pattern OWN_COMPANY = java.util.regex.Pattern.compile(
            "\\b(?:join|joins|joined|joining|left|leave|leaves|leaving|quit|quits) ((?:the|our|this) (?:company|organisation|organization|firm|business))\\b");

    static void readRange(Reading rd, Lexicon lexicon) {
        Inclusions.read(rd);
        Matcher view = VIEWPOINT.matcher(rd.joined);
        if (view.find()) rd.take(view.start(), view.end());
        Matcher every = EVERY_ROW.matcher(rd.joined);
        while (every.find()) rd.take(every.start(), every.end());
        Matcher opened = OPENED_VERB.matcher(rd.joined);
        while (opened.find()) {
            int g = opened.group(1) != null ? 1 : 2;
            rd.take(opened.start(g), opened.end(g));
        }
        Matcher own = OWN_COMPANY.matcher(rd.joined);
        // Only the organisation is read: the verb ("left") still says what is asked.
        while (own.find()) rd.take(own.start(1), own.end(1));
        Matcher now = DatePhrases.NOW.matcher(rd.joined);
        while (now.find()) rd.take(now.start(), now.end());
        Matcher preamble = PREAMBLE.matcher(rd.joined);
        if (preamble.find() && preamble.end() > preamble.start()) rd.take(preamble.start(), preamble.end() - 1);
        Matcher purpose = PURPOSE.matcher(rd.question);
        if (purpose.find()) {
            int n = io.clarion.agent.language.Text.tokens(purpose.group()).size();
            for (int i = 0; i < n && i < rd.tokens.size(); i++) rd.taken[i] = true;
        }
        Matcher all = ALL_TIME.matcher(rd.joined);
        while (all.find()) rd.take(all.start(), all.end());
        Matcher each = END_OF_EACH.matcher(rd.joined);
        if (each.find() && rd.grain == null && rd.take(each.start(), each.end())) rd.grain = each.group(1);
        Matcher end = END_OF.matcher(rd.joined);
        while (end.find()) rd.take(end.start(), end.end() - 1);
        ofRelativeYear(rd);
        // "We changed prices in January. How many … each month of 2026?": the question's own sentence
        // dates it; a period in the sentences before it is context, read only when the question has none.
        int last = lastSentenceStart(rd);
        if (last > 0) readRanges(rd, lexicon, last);
        readRanges(rd, lexicon, 0);
        yearOfMonthSpan(rd);
    }

    private static void readRanges(Reading rd, Lexicon lexicon, int fromToken) {
        for (DatePhrases.Rule rule : DatePhrases.RANGES) {
            if (rd.range != null) break;
            Matcher m = rule.pattern().matcher(rd.joined);
            while (m.find() && rd.range == null) {
                if (rd.tokenAt(m.start()) < fromToken) continue;
                // Words of a windowed metric's name ("ytd revenue") name the metric, not a date range.
                if (lexicon.namesWindow(rd.tokens, rd.tokenAt(m.start()), rd.tokenAt(m.end() - 1))) continue;
                Optional<DatePhrases.Range> phrase = rule.read(m);
                if (phrase.isPresent() && rd.take(m.start(), m.end())) {
                    rd.range = phrase.get().phrase();
                    rd.rangeFrom = rd.tokenAt(m.start());
                    rd.rangeIsMonths = phrase.get().months();
                }
            }
        }
    }

    /** The first word of the question's last sentence; 0 for a question of one sentence. */
    static int lastSentenceStart(Reading rd) {
        Matcher m = SENTENCE_END.matcher(rd.question);
        int at = -1;
        while (m.find()) at = m.end();
        if (at < 0) return 0;
        int n = io.clarion.agent.language.Text.tokens(rd.question.substring(0, at)).size();
        return n < rd.tokens.size() ? n : 0;
    }

    /** "Q4 of this year" → "2025-q4", "march of last year" → "2024-03" (today in 2025): the year said as a number. */
    static void ofRelativeYear(Reading rd) {
        Matcher m = OF_RELATIVE_YEAR.matcher(rd.joined);
        if (!m.find() || rd.range != null || !rd.free(m.start(), m.end())) return;
        int year = rd.ctx.queries().referenceDate().getYear();
        String rel = m.group(3);
        if (rel.endsWith("last") || rel.endsWith("previous")) year--;
        else if (rel.equals("next")) year++;
        rd.range = m.group(1) != null ? year + "-q" + m.group(1)
                : String.format("%d-%02d", year, DatePhrases.monthNumber(m.group(2)));
        rd.rangeFrom = rd.tokenAt(m.start());
        rd.take(m.start(), m.end());
    }

    private static final java.util.regex.Pattern YEARLESS_SPAN = java.util.regex.Pattern.compile("--(\\d{2}) to --(\\d{2})");

    /**
     * "for 2025, january through march", "invoices from jul to dec in 2024": months read without a
     * year take the one year the question names elsewhere, which no other phrase read. Left alone,
     * the engine would take the latest such months and the year would go unused.
     */
    static void yearOfMonthSpan(Reading rd) {
        if (rd.range == null) return;
        Matcher span = YEARLESS_SPAN.matcher(rd.range);
        if (!span.matches()) return;
        int at = -1;
        for (int i = 0; i < rd.tokens.size(); i++) {
            if (rd.taken[i] || !rd.tokens.get(i).raw().matches("(19|20)\\d{2}")) continue;
            if (at >= 0) return; // two years: which one the months belong to is not said
            at = i;
        }
        if (at < 0) return;
        int year = Integer.parseInt(rd.tokens.get(at).raw());
        int from = Integer.parseInt(span.group(1)), to = Integer.parseInt(span.group(2));
        // The year is the end's; a span crossing a year end ("november to february") starts a year before.
        int fromYear = from <= to ? year : year - 1;
        rd.range = String.format("%d-%02d to %d-%02d", fromYear, from, year, to);
        rd.taken[at] = true;
    }

    static void readComparisons(Reading rd) {
        Matcher b = ShapeWords.BETWEEN.matcher(rd.joined);
        while (b.find()) {
            int at = rd.tokenAt(b.start());
            if (rd.take(b.start(), b.end())) {
                rd.comparisons.add(new Cmp("between", List.of(Numbers.parse(b.group(1), null, b.group(2)),
                        Numbers.parse(b.group(3), null, b.group(4))), at, rd.tokenAt(b.end() - 1)));
            }
        }
        Matcher o = ShapeWords.OR_MORE.matcher(rd.joined);
        while (o.find()) {
            int at = rd.tokenAt(o.start());
            if (!rd.take(o.start(), o.end())) continue;
            String op = ShapeWords.OR_MORE_UP.contains(o.group(3)) ? "gte" : "lte";
            rd.comparisons.add(new Cmp(op, List.of(Numbers.parse(o.group(1), o.group(2), null)), at, rd.tokenAt(o.end() - 1)));
        }
        Matcher m = ShapeWords.COMPARISON.matcher(rd.joined);
        while (m.find()) {
            String word = m.group(1);
            if (word.equals("of") && m.group(3) == null && m.group(4) == null) continue; // "of 10 customers"
            int at = rd.tokenAt(m.start());
            if (!rd.take(m.start(), m.end())) continue;
            rd.comparisons.add(new Cmp(ShapeWords.operator(word), List.of(Numbers.parse(m.group(2), m.group(3), m.group(4))),
                    at, rd.tokenAt(m.end() - 1)));
        }
    }

    static void readRanking(Reading rd) {
        Matcher m = ShapeWords.TOP_N.matcher(rd.joined);
        if (m.find() && rd.take(m.start(), m.end())) {
            rd.rankEnd = rd.tokenAt(m.end() - 1);
            String word = m.group(1) != null ? m.group(1) : m.group(4);
            rd.topN = Numbers.boundedCount(m.group(2) != null ? m.group(2) : m.group(3));
            rd.descending = !ShapeWords.ASCENDING.contains(word);
            return;
        }
        Matcher n = ShapeWords.LIST_N.matcher(rd.joined);
        if (!n.find()) {
            n = ShapeWords.LEADING_N.matcher(rd.joined);
            if (!n.find() || !ShapeWords.RANK_WORD.matcher(rd.joined).find()) n = null;
        }
        if (n != null) {
            int at = rd.tokenAt(n.start(1));
            if (!rd.taken[at]) {
                rd.taken[at] = true;
                rd.topN = Numbers.boundedCount(n.group(1));
                // "what are the 3 countries with the most …": the ranked group follows the number.
                rd.rankEnd = at;
            }
        }
        // "rank plans by customers", "countries sorted by revenue, lowest first": every group, ordered by the metric after "by".
        Matcher sort = ShapeWords.SORT_BY.matcher(rd.joined);
        if (rd.topN == null && sort.find() && !orderAsNoun(rd, sort) && rd.take(sort.start(1), sort.end(1))) {
            Matcher asc = ShapeWords.SMALLEST_FIRST.matcher(rd.joined);
            rd.descending = !(asc.find() && rd.take(asc.start(), asc.end()));
            rd.rankEnd = rd.tokenAt(sort.start(1));
            rd.sortOnly = true;
            return;
        }
        // "sales in each country, highest first": every group in that order, none cut.
        Matcher first = ShapeWords.ORDER_FIRST.matcher(rd.joined);
        if (rd.topN == null && first.find() && rd.take(first.start(), first.end())) {
            rd.descending = first.group(1) != null || first.group(2) != null;
            rd.allInOrder = true;
            return;
        }
        Matcher w = ShapeWords.RANK_WORD.matcher(rd.joined);
        if (w.find() && rd.take(w.start(), w.end())) {
            rd.descending = ShapeWords.DESCENDING.contains(w.group(1));
            rd.rankWordAt = rd.tokenAt(w.start());
        }
    }

    /** "the average order value by country": "order" naming what is measured, not asking for an order. */
    private static boolean orderAsNoun(Reading rd, Matcher sort) {
        if (!sort.group(1).equals("order")) return false;
        int at = rd.tokenAt(sort.start(1));
        boolean amountAfter = at + 1 < rd.tokens.size() && AggregateWords.AMOUNT_NOUNS.contains(rd.tokens.get(at + 1).raw());
        boolean aggregateBefore = at > 0 && AggregateWords.of(rd.tokens.get(at - 1).raw(), true) != null;
        return amountAfter || aggregateBefore;
    }

    /** "Which month had the highest revenue", "top 3 quarters by signups": the ranked group is a period. */
    static void readRankedPeriod(Reading rd) {
        if (rd.descending == null && rd.topN == null) return;
        Matcher m = DatePhrases.RANKED_PERIOD.matcher(rd.joined);
        if (!m.find()) return;
        int g = m.group(1) != null ? 1 : 3;
        if (rd.take(m.start(g), m.end(g))) {
            rd.grain = m.group(g + 1);
            rd.rankedPeriodSingular = m.group(g).equals(m.group(g + 1));
        }
    }

    /** "Name the top 3 …", "find the customers …": the opening verb asks for a list and names no member. */
    static void readListVerb(Reading rd) {
        int v = rd.listVerbAt();
        if (rd.tokens.size() < v + 2 || rd.taken[v]) return;
        String first = rd.tokens.get(v).raw();
        // "name of the owner …" is the noun.
        if (ShapeWords.LIST_START.contains(first) && !rd.tokens.get(v).stop() && !rd.tokens.get(v + 1).raw().equals("of")) rd.taken[v] = true;
        // "show me a quick summary of …", "give us the status of …": a figure is asked, not a list of rows.
        if (!ShapeWords.LIST_START.contains(first)) return;
        int k = v + 1;
        while (k < rd.tokens.size() && SUMMARY_LEAD.contains(rd.tokens.get(k).raw())) k++;
        if (k > v + 1 && k < rd.tokens.size() && !rd.taken[k] && SUMMARY_NOUNS.contains(rd.tokens.get(k).raw())) {
            for (int i = v + 1; i <= k; i++) rd.taken[i] = true;
            rd.summaryAsked = true;
        }
    }

    static void readShare(Reading rd) {
        Matcher m = ShapeWords.SHARE.matcher(rd.joined);
        if (!m.find()) return;
        // "what share of 2025 revenue": the period took "of 2025"; the share word itself is still free.
        int first = rd.tokenAt(m.start()), last = rd.tokenAt(m.end() - 1);
        boolean ofDated = last > first && rd.taken[last] && rd.range != null && !rd.taken[first];
        if (rd.take(m.start(), m.end()) || (ofDated && rd.take(m.start(), rd.joined.lastIndexOf(' ', m.end() - 1)))) {
            rd.share = true;
            rd.shareEnd = last;
        }
    }

    /** "month by month", "week over week": rows per period, read before a catalog phrase can take "revenue month". */
    private static final java.util.regex.Pattern REPEATED_GRAIN = java.util.regex.Pattern.compile("\\b(day|week|month|quarter) (?:by|after|to|over|on) \\1\\b");

    static void readRepeatedGrain(Reading rd) {
        if (rd.comparedPeriods != null) return;
        if (rd.grain != null) {
            takeRepeatedGrain(rd);
            return;
        }
        Matcher m = REPEATED_GRAIN.matcher(rd.joined);
        if (m.find() && !hyphenated(rd, m.group()) && rd.take(m.start(), m.end())) rd.grain = m.group(1);
    }

    /** "month-to-month contracts": written as one hyphenated word, the phrase is a name (a contract type), not rows per month. */
    private static boolean hyphenated(Reading rd, String phrase) {
        return phrase.contains(" ") && rd.question.toLowerCase(java.util.Locale.ROOT).contains(phrase.replace(' ', '-'));
    }

    /** "monthly revenue ..., month by month": the grain said twice is one grain, not a month column. */
    private static void takeRepeatedGrain(Reading rd) {
        Matcher again = DatePhrases.GRAIN.matcher(rd.joined);
        while (again.find()) {
            if (again.group(3) == null && rd.grain.equals(DatePhrases.grainOf(again)) && !hyphenated(rd, again.group())) {
                rd.take(again.start(), again.end());
            }
        }
    }

    static void readGrain(Reading rd) {
        Matcher m = DatePhrases.GRAIN.matcher(rd.joined);
        // Each start is tried, so a longer phrase whose words are already read ("month by month"
        // after "mrr month") leaves the shorter one inside it ("by month") to be read.
        for (int from = 0; rd.grain == null && from < rd.joined.length() && m.find(from); from = m.start() + 1) {
            // "by region and year": "and" carries a grouping on only after a "by".
            if (m.group().startsWith("and ") && !rd.joined.substring(0, m.start()).matches(".*\\b(by|per)\\b.*")) continue;
            int a = rd.tokenAt(m.start()), b = rd.tokenAt(m.end() - 1);
            boolean free = true;
            for (int i = a; i <= b; i++) free &= !rd.taken[i];
            if (!free) continue;
            for (int i = a; i <= b; i++) rd.taken[i] = true;
            rd.grain = DatePhrases.grainOf(m);
        }
        if (rd.grain != null && rd.comparedPeriods == null) takeRepeatedGrain(rd);
        if (rd.grain != null || rd.comparedPeriods != null) return;
        Matcher series = DatePhrases.SERIES.matcher(rd.joined);
        while (series.find()) {
            int g = series.group(1) != null ? 1 : 2;
            int at = rd.tokenAt(series.start(g));
            if (rd.taken[at]) continue;
            rd.taken[at] = true;
            rd.grain = "month";
            rd.assumptions.add("Read \"" + series.group(g) + "\" as a series over time: one row per month.");
            return;
        }
    }
}
