package io.clarion.agent.offline;

import io.clarion.agent.CatalogTopics;
import io.clarion.agent.Conversation;
import io.clarion.agent.Labels;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.QuestionPlanner;
import io.clarion.agent.VerifiedQuery;
import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.language.Refusals;
import io.clarion.agent.language.Text;
import io.clarion.agent.linking.Lexicon;
import io.clarion.agent.linking.LinkedMentions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.Segment;
import io.clarion.query.MetricQuery;
import io.clarion.diagnostics.Issue;
import io.clarion.query.QueryCode;
import io.clarion.query.QueryException;
import io.clarion.engine.QueryService;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Question → certified metric query from the catalog alone: no LLM, no network. It reads, in
 * order: refusals; verified questions; date ranges; comparisons ("below 40"); ranking ("top 10");
 * then names of catalog members and values in what is left, and the role each plays: the metric
 * asked for, a grouping ("by segment"), a filter ("enterprise", "active"), the entity listed
 * ("which customers"). Anything it cannot place it says so instead of guessing.
 *
 * <p>Why this class is over 400 lines: it is one heuristic pass whose rules share a single token
 * stream and a single draft query, each rule reading what the earlier ones consumed. It is due
 * to be rebuilt as separate stages (language, linking, shapes, choice) measured on a blind
 * question set; cutting it into files before that would only move code the rebuild replaces.
 */
public final class OfflinePlanner implements QuestionPlanner {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final QueryService queries;
    private final Catalog catalog;
    private volatile Lexicon lexicon;
    private volatile LinkedMentions linked;
    private volatile VerifiedMatcher verified;
    private final java.util.concurrent.CountDownLatch valuesRead = new java.util.concurrent.CountDownLatch(1);
    private volatile java.time.Duration valuesWait = java.time.Duration.ZERO;

    private OfflinePlanner(QueryService queries, Lexicon lexicon, VerifiedMatcher verified) {
        this.queries = queries;
        this.catalog = queries.catalog();
        this.lexicon = lexicon;
        this.verified = verified;
    }

    /** A planner over the catalog's names only (no dimension values, no verified queries). */
    public static OfflinePlanner create(QueryService queries) {
        return create(queries, Map.of(), List.of());
    }

    public static OfflinePlanner create(QueryService queries, Map<Dimension, List<String>> values,
                                        List<VerifiedQuery> verified) {
        Lexicon lex = Lexicon.of(queries.catalog(), values, m -> m.info().certified());
        OfflinePlanner planner = new OfflinePlanner(queries, lex, new VerifiedMatcher(verified));
        planner.linked = planner.linking(values);
        return planner;
    }

    /** The fallback linker; with values read, words are also linked by meaning (the embedding model loads then). */
    private LinkedMentions linking(Map<Dimension, List<String>> values) {
        return LinkedMentions.of(catalog, values, m -> m.info().certified(),
                values.isEmpty() ? io.clarion.agent.linking.Embedder.NONE : io.clarion.agent.linking.MiniLmEmbedder.shared());
    }

    @Override
    public String name() {
        return "offline";
    }

    /** Dimension values read (or re-read) from the warehouse: "enterprise" becomes a segment filter. */
    public void useValues(Map<Dimension, List<String>> values) {
        this.linked = linking(values);
        this.lexicon = Lexicon.of(catalog, values, m -> m.info().certified());
        valuesRead.countDown();
    }

    /** Until the first values are read, a question waits this long for them (not forever: a slow warehouse must not stall chat). */
    public void awaitValuesFor(java.time.Duration d) {
        this.valuesWait = d;
    }

    public List<VerifiedQuery> verifiedQueries() {
        return verified.all();
    }

    public void useVerified(List<VerifiedQuery> verifiedQueries) {
        this.verified = new VerifiedMatcher(verifiedQueries);
    }

    @Override
    public PlannerOutcome plan(String question, Conversation conversation) {
        if (!valuesWait.isZero()) {
            try {
                valuesRead.await(valuesWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<String> refusal = Refusals.check(question);
        if (refusal.isPresent()) return new PlannerOutcome.Refused(refusal.get());
        Optional<VerifiedQuery> v = verified.match(question);
        if (v.isPresent()) {
            VerifiedQuery vq = v.get();
            return new PlannerOutcome.Planned(vq.query(), List.of("Answered with the verified query for \""
                    + vq.question() + "\"" + (vq.verifiedBy() == null ? "" : " (verified by " + vq.verifiedBy()
                    + (vq.verifiedAt() == null ? "" : " on " + vq.verifiedAt()) + ")") + "."), "verified");
        }
        Optional<PlannerOutcome> chosen = answerToClarification(question, conversation);
        if (chosen.isPresent()) return chosen.get();
        return new Reading(question, conversation).plan();
    }

    /**
     * "Via agents": the answer to a join-path question re-plans the question asked before it
     * with that path pinned.
     */
    private Optional<PlannerOutcome> answerToClarification(String answer, Conversation conversation) {
        Conversation.Turn last = conversation.lastTurn();
        if (last == null || last.options().isEmpty() || !last.options().get(0).contains(" -> ")) return Optional.empty();
        Set<String> words = new HashSet<>(Text.contentStems(answer));
        List<String> picked = new ArrayList<>();
        for (String option : last.options()) {
            Set<String> own = new HashSet<>(Text.contentStems(option));
            for (String other : last.options()) if (!other.equals(option)) own.removeAll(Text.contentStems(other));
            if (own.stream().anyMatch(words::contains)) picked.add(option);
        }
        if (picked.size() != 1) return Optional.empty();
        Reading r = new Reading(last.question(), conversation);
        r.joinPath = List.of(picked.get(0).split(" -> "));
        PlannerOutcome o = r.plan();
        if (o instanceof PlannerOutcome.Planned p) {
            List<String> a = new ArrayList<>(p.assumptions());
            a.add("Joined " + picked.get(0) + ", as you chose.");
            return Optional.of(new PlannerOutcome.Planned(p.query(), a, p.basis()));
        }
        return Optional.of(o);
    }

    /** Plans without the verified-question shortcut (to test that verified questions are understood). */
    public PlannerOutcome planFromScratch(String question) {
        Optional<String> refusal = Refusals.check(question);
        if (refusal.isPresent()) return new PlannerOutcome.Refused(refusal.get());
        return new Reading(question, Conversation.empty("-")).plan();
    }

    /** How the planner read a question: its words and the catalog names it found (for debugging). */
    String trace(String question) {
        Reading r = new Reading(question, Conversation.empty("-"));
        r.readRange();
        r.readComparisons();
        r.readRanking();
        StringBuilder sb = new StringBuilder("range=" + r.range + " cmp=" + r.comparisons.size() + " desc=" + r.descending + " top=" + r.topN + "\n");
        for (Mention m : lexicon.find(r.tokens, r.taken)) {
            sb.append("  ").append(m.positions()).append(' ').append(m.score()).append(' ');
            for (Target t : m.targets()) sb.append(t instanceof MemberTarget mt ? mt.member().fullName() : ((ValueTarget) t).dimension().fullName() + "=" + ((ValueTarget) t).value()).append(", ");
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------
    // Patterns over the question's words joined by single spaces.

    private static final String UNIT = "(day|week|month|quarter|year)s?";
    private static final String MONTHS = "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
    private static final List<Pattern> RANGES = List.of(
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
    private static final Pattern NOW = Pattern.compile("\\b(right now|currently|at the moment|as of today|at present|today s|these days)\\b");
    private static final Pattern COMPARISON = Pattern.compile(
            "\\b(more than|greater than|higher than|larger than|bigger than|over|above|exceeding|exceeds|at least|no less than|"
                    + "less than|fewer than|lower than|smaller than|under|below|at most|no more than|equal to|equals|exactly|of) "
                    + "(\\d[\\d,]*(?:\\.\\d+)?)(k|m|%)?(?: (percent|pct|%))?\\b");
    private static final Pattern OR_MORE = Pattern.compile("\\b(\\d[\\d,]*(?:\\.\\d+)?)(k|m|%)? or (more|greater|higher|above|over|less|fewer|lower|below|under)\\b");
    private static final Pattern BETWEEN = Pattern.compile("\\bbetween (\\d[\\d,]*(?:\\.\\d+)?)(%)? and (\\d[\\d,]*(?:\\.\\d+)?)(%)?\\b");
    private static final Pattern TOP_N = Pattern.compile("\\b(top|bottom|first|largest|biggest|highest|smallest|lowest|best|worst) (\\d+)\\b|\\b(\\d+) (largest|biggest|highest|smallest|lowest|best|worst|most|least)\\b");
    private static final Pattern LIST_N = Pattern.compile("\\b(?:list|show|name|give|find|which|what are)(?: me)?(?: the| our| all)? (\\d+)\\b");
    private static final Pattern RANK_WORD = Pattern.compile("\\b(most|highest|largest|biggest|best|top|greatest|least|lowest|smallest|fewest|worst|bottom)\\b");
    private static final Pattern GRAIN = Pattern.compile("\\b(?:(?:by|per|each|every|for each|in each|for every|a|over|and) (day|week|month|quarter|year)|(daily|weekly|monthly|quarterly|yearly|annually)|(over time|trend|trends|trending))\\b");
    /** "what share of", "the percentage of", "how many percent": a share of a total is asked for. */
    private static final Pattern SHARE = Pattern.compile(
            "\\b(?:share|percentage|percent|proportion|fraction|portion|pct) of\\b|(?<![\\w.])% of\\b|\\bhow many percent\\b");
    private static final Pattern RANKED_PERIOD = Pattern.compile(
            "^(?:which|what|in which|during which)(?: \\w+)?? ((day|week|month|quarter|year)s?)\\b|\\b(?:top|bottom|best|worst) \\d+ ((day|week|month|quarter|year)s?)\\b");
    private static final Set<String> FILLERS = PhraseBook.words("fillers");
    private static final Set<String> GROUP_WORDS = Set.of("by", "per", "across", "each", "every");
    private static final Set<String> LIST_START = Set.of("which", "who", "list", "show", "name", "find", "give", "what");
    private static final Set<String> GENERIC_STEMS = Set.of("averag", "total", "number", "count", "rate", "share", "percent",
            "sum", "mean", "median", "valu", "amount", "level", "ratio", "score", "per", "our", "the", "current", "much", "mani");
    private static final Set<String> TIME_WORDS = Set.of("day", "week", "month", "quarter", "year", "days", "weeks",
            "months", "quarters", "years", "daily", "weekly", "monthly", "quarterly", "yearly", "annually");
    private static final Set<String> AGGREGATE_WORDS = Set.of("average", "avg", "mean", "total", "sum", "median");

    /** One question being read: its words, what each word was read as, and the resulting query. */
    private final class Reading {
        final String question;
        final Conversation conversation;
        final List<Text.Token> tokens;
        final boolean[] taken;
        final String joined;
        final int[] tokenAtChar;
        final List<String> assumptions = new ArrayList<>();
        final List<String> inheritedDims = new ArrayList<>();
        final List<MetricQuery.Filter> inheritedFilters = new ArrayList<>();
        final List<String> inheritedSegments = new ArrayList<>();
        final List<String> extraSegments = new ArrayList<>();

        List<String> joinPath;   // pinned by the answer to a clarifying question
        String range;            // a DateRange phrase
        boolean rangeIsMonths;   // "last N months": calendar months when grouped by month
        String grain;            // day..year when asked "by month", "monthly", ...
        final List<Cmp> comparisons = new ArrayList<>();
        Boolean descending;      // ranking asked for
        Integer topN;
        boolean share;           // "what share of X ...": each group's share of the total
        boolean rankedPeriodSingular; // "which month had the most": one period answers
        int rankEnd = -1;        // the last word of "top 3", "bottom 5": the ranked group follows it

        Reading(String question, Conversation conversation) {
            this.question = question;
            this.conversation = conversation;
            this.tokens = Text.tokens(question);
            this.taken = new boolean[tokens.size()];
            StringBuilder sb = new StringBuilder();
            List<Integer> map = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                    map.add(i);
                }
                for (int c = 0; c < tokens.get(i).raw().length(); c++) map.add(i);
                sb.append(tokens.get(i).raw());
            }
            this.joined = sb.toString();
            this.tokenAtChar = map.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Marks the words of a match as read; false when some were already read as something else. */
        boolean take(int startChar, int endChar) {
            if (startChar >= endChar) return false;
            int a = tokenAtChar[startChar];
            int b = tokenAtChar[endChar - 1];
            for (int i = a; i <= b; i++) if (taken[i]) return false;
            for (int i = a; i <= b; i++) taken[i] = true;
            return true;
        }

        int tokenAt(int ch) {
            return tokenAtChar[Math.min(ch, tokenAtChar.length - 1)];
        }

        PlannerOutcome plan() {
            if (tokens.isEmpty()) return cannot();
            readRange();
            readComparisons();
            readRanking();
            readShare();
            readRankedPeriod();
            reserveEntity();
            List<Mention> mentions = new ArrayList<>(lexicon.find(tokens, taken));
            if (reservedEntity != null) mentions.add(reservedEntity);
            mentions.sort(java.util.Comparator.comparingInt(Mention::first));
            // "month" alone is a grain ("each month"), not the MRR snapshot month.
            mentions.removeIf(m -> m.positions().stream().allMatch(p -> TIME_WORDS.contains(tokens.get(p).raw())));
            for (Mention m : mentions) for (int p : m.positions()) taken[p] = true;
            readGrain();
            // Words nothing above read: linked to the catalog by their words and meaning, said as an assumption.
            mentions.addAll(linked.find(tokens, taken, mentions, assumptions));
            mentions.sort(java.util.Comparator.comparingInt(Mention::first));
            return statingUnusedWords(build(mentions));
        }

        /** Every word of the question the query does not use is said, never dropped in silence. */
        PlannerOutcome statingUnusedWords(PlannerOutcome o) {
            if (!(o instanceof PlannerOutcome.Planned p)) return o;
            List<String> unused = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                Text.Token t = tokens.get(i);
                if (taken[i] || t.stop() || !Character.isLetter(t.raw().charAt(0)) || FILLERS.contains(t.raw())) continue;
                if (!unused.contains(t.raw())) unused.add(t.raw());
            }
            if (unused.isEmpty()) return o;
            List<String> a = new ArrayList<>(p.assumptions());
            a.add("Not used in the query: \"" + String.join("\", \"", unused) + "\"; ask again naming it if it matters.");
            return new PlannerOutcome.Planned(p.query(), a, p.basis());
        }

        // ----- date ranges, comparisons, ranking, grain -------------------------------------

        void readRange() {
            Matcher now = NOW.matcher(joined);
            while (now.find()) take(now.start(), now.end());
            for (int k = 0; k < RANGES.size() && range == null; k++) {
                Matcher m = RANGES.get(k).matcher(joined);
                while (m.find() && range == null) {
                    // Words of a windowed metric's name ("ytd revenue") name the metric, not a date range.
                    if (lexicon.namesWindow(tokens, tokenAt(m.start()), tokenAt(m.end() - 1))) continue;
                    String phrase = rangePhrase(k, m);
                    if (phrase != null && take(m.start(), m.end())) range = phrase;
                }
            }
        }

        String rangePhrase(int k, Matcher m) {
            switch (k) {
                case 0:
                    rangeIsMonths = m.group(3).equals("month") && m.group(2) == null;
                    return "last " + m.group(1) + " " + (m.group(2) == null ? "" : "calendar ") + m.group(3) + "s";
                case 1:
                    return "next " + m.group(1) + " " + m.group(2) + "s";
                case 2:
                    return "last " + m.group(1);
                case 3:
                    return "this " + m.group(1);
                case 4: {
                    String u = m.group(1) != null ? m.group(1)
                            : m.group(2).equals("ytd") ? "year" : m.group(2).equals("mtd") ? "month" : "quarter";
                    return u + " to date";
                }
                case 5:
                    return "since " + (m.group(1).length() == 4 ? m.group(1) + "-01-01" : m.group(1));
                case 6:
                    return m.group(2) + "-" + String.format("%02d", monthNumber(m.group(1)));
                case 7: {
                    String q = m.group(1) != null ? m.group(1) : m.group(4) != null ? m.group(4) : m.group(6);
                    String y = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(5);
                    return y + "-q" + q;
                }
                case 8:
                    return m.group(1);
                default:
                    return m.group(1);
            }
        }

        void readComparisons() {
            Matcher b = BETWEEN.matcher(joined);
            while (b.find()) {
                int at = tokenAt(b.start());
                if (take(b.start(), b.end())) {
                    comparisons.add(new Cmp("between", List.of(number(b.group(1), null, b.group(2)),
                            number(b.group(3), null, b.group(4))), at, tokenAt(b.end() - 1)));
                }
            }
            Matcher o = OR_MORE.matcher(joined);
            while (o.find()) {
                int at = tokenAt(o.start());
                if (!take(o.start(), o.end())) continue;
                String op = Set.of("more", "greater", "higher", "above", "over").contains(o.group(3)) ? "gte" : "lte";
                comparisons.add(new Cmp(op, List.of(number(o.group(1), o.group(2), null)), at, tokenAt(o.end() - 1)));
            }
            Matcher m = COMPARISON.matcher(joined);
            while (m.find()) {
                String word = m.group(1);
                if (word.equals("of") && m.group(3) == null && m.group(4) == null) continue; // "of 10 customers"
                int at = tokenAt(m.start());
                if (!take(m.start(), m.end())) continue;
                String op = switch (word) {
                    case "more than", "greater than", "higher than", "larger than", "bigger than", "over", "above",
                         "exceeding", "exceeds" -> "gt";
                    case "at least", "no less than" -> "gte";
                    case "less than", "fewer than", "lower than", "smaller than", "under", "below" -> "lt";
                    case "at most", "no more than" -> "lte";
                    default -> "equals";
                };
                comparisons.add(new Cmp(op, List.of(number(m.group(2), m.group(3), m.group(4))), at, tokenAt(m.end() - 1)));
            }
        }

        /** "top 99999999999" is read as the largest int rather than failing; the query's row cap then applies. */
        private static int boundedCount(String digits) {
            String d = digits.replaceFirst("^0+(?=\\d)", "");
            return d.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(d);
        }

        void readRanking() {
            Matcher m = TOP_N.matcher(joined);
            if (m.find() && take(m.start(), m.end())) {
                rankEnd = tokenAt(m.end() - 1);
                String word = m.group(1) != null ? m.group(1) : m.group(4);
                topN = boundedCount(m.group(2) != null ? m.group(2) : m.group(3));
                descending = !Set.of("bottom", "smallest", "lowest", "worst", "least").contains(word);
                return;
            }
            Matcher n = LIST_N.matcher(joined);
            if (n.find()) {
                int at = tokenAt(n.start(1));
                if (!taken[at]) {
                    taken[at] = true;
                    topN = boundedCount(n.group(1));
                }
            }
            Matcher w = RANK_WORD.matcher(joined);
            if (w.find() && take(w.start(), w.end())) {
                descending = Set.of("most", "highest", "largest", "biggest", "best", "top", "greatest").contains(w.group(1));
            }
        }

        /** "Which month had the highest revenue", "top 3 quarters by signups": the ranked group is a period. */
        void readRankedPeriod() {
            if (descending == null && topN == null) return;
            Matcher m = RANKED_PERIOD.matcher(joined);
            if (!m.find()) return;
            int g = m.group(1) != null ? 1 : 3;
            if (take(m.start(g), m.end(g))) {
                grain = m.group(g + 1);
                rankedPeriodSingular = m.group(g).equals(m.group(g + 1));
            }
        }

        void readShare() {
            Matcher m = SHARE.matcher(joined);
            if (m.find() && take(m.start(), m.end())) share = true;
        }

        void readGrain() {
            Matcher m = GRAIN.matcher(joined);
            while (m.find() && grain == null) {
                // "by region and year": "and" carries a grouping on only after a "by".
                if (m.group().startsWith("and ") && !joined.substring(0, m.start()).matches(".*\\b(by|per)\\b.*")) continue;
                int a = tokenAt(m.start()), b = tokenAt(m.end() - 1);
                boolean free = true;
                for (int i = a; i <= b; i++) free &= !taken[i];
                if (!free) continue;
                for (int i = a; i <= b; i++) taken[i] = true;
                if (m.group(1) != null) grain = m.group(1);
                else if (m.group(2) != null) grain = switch (m.group(2)) {
                    case "daily" -> "day";
                    case "weekly" -> "week";
                    case "monthly" -> "month";
                    case "quarterly" -> "quarter";
                    default -> "year";
                };
                else grain = "month";
            }
        }

        // ----- roles ----------------------------------------------------------------------

        /** The words just before position {@code i}, nearest first, skipping the given ones. */
        String wordBefore(int i, Set<String> skip) {
            for (int k = i - 1; k >= 0; k--) {
                String w = tokens.get(k).raw();
                if (skip.contains(w)) continue;
                return w;
            }
            return "";
        }

        boolean groupMarked(Mention m) {
            String w = wordBefore(m.first(), Set.of("the", "their", "its", "a", "each", "every"));
            if (GROUP_WORDS.contains(w)) return true;
            // "in each segment", "for every region"
            int k = m.first() - 1;
            while (k >= 0 && Set.of("the", "their", "its").contains(tokens.get(k).raw())) k--;
            return k >= 0 && Set.of("each", "every").contains(tokens.get(k).raw());
        }

        /**
         * The group a ranking question ranks: the dimension named right after "which"/"what" or
         * after "top N"/"bottom N", when it is not the entity itself (that is a list of rows).
         */
        Mention rankedGroup(List<Mention> mentions) {
            if (descending == null && topN == null) return null;
            for (Mention m : mentions) {
                List<Target> ts = m.targets();
                if (ts.stream().allMatch(t -> t instanceof ValueTarget)) continue;
                boolean opens = askedWhich(m) || (rankEnd >= 0 && precededOnlyByStops(rankEnd, m.first()));
                if (!opens) return null;
                if (ts.stream().anyMatch(t -> entityCube(t).isPresent())) return null;
                boolean groupable = dimensions(ts).stream().anyMatch(d -> d.type() != DimensionType.TIME && d.type() != DimensionType.NUMBER);
                return groupable ? m : null;
            }
            return null;
        }

        boolean precededOnlyByStops(int from, int to) {
            for (int i = from + 1; i < to; i++) if (!tokens.get(i).stop()) return false;
            return to > from;
        }

        /** "by plan and region", "by region, segment and plan": a grouping goes on through "and". */
        boolean continuesGroup(Mention lastGroup, Mention m) {
            if (lastGroup == null || m.first() <= lastGroup.last()) return false;
            for (int i = lastGroup.last() + 1; i < m.first(); i++) {
                if (!Set.of("and", "or", "the", "their", "its", "by", "then", "also", "plus").contains(tokens.get(i).raw())) return false;
            }
            return true;
        }

        /** "Which <group> has the highest <metric>": the thing asked for is a grouping. */
        boolean askedWhich(Mention m) {
            String w = wordBefore(m.first(), Set.of("the", "a", "an"));
            return w.equals("which") || w.equals("what");
        }

        Cmp comparisonFor(Mention m) {
            for (Cmp c : comparisons) {
                if (c.attached) continue;
                // "health score below 40", "health score is below 40", "MRR of more than 1000"
                int gap = c.start - m.last() - 1;
                boolean before = gap >= 0 && gap <= 2 && allStop(m.last() + 1, c.start);
                // "more than 5 open tickets"
                int gap2 = m.first() - c.end - 1;
                boolean after = gap2 >= 0 && gap2 <= 1 && allStop(c.end + 1, m.first());
                if (before || after) {
                    c.attached = true;
                    return c;
                }
            }
            return null;
        }

        boolean allStop(int from, int to) {
            for (int i = from; i < to; i++) if (!tokens.get(i).stop()) return false;
            return true;
        }

        Mention reservedEntity;

        /**
         * "Which 5 customers opened the most tickets": the noun right after the question word is
         * the thing listed; it is read first so no longer phrase swallows it.
         */
        void reserveEntity() {
            if (!listingStart()) return;
            int k = 1;
            while (k < tokens.size() && (tokens.get(k).stop() || taken[k])) k++;
            if (k >= tokens.size()) return;
            // "which acquisition channel": a longer name starting here is that name, not the entity.
            final int at = k;
            if (lexicon.find(tokens, taken).stream().anyMatch(m -> m.positions().contains(at) && m.positions().size() > 1)) return;
            boolean[] only = new boolean[tokens.size()];
            java.util.Arrays.fill(only, true);
            only[k] = false;
            for (Mention m : lexicon.find(tokens, only)) {
                if (m.targets().stream().anyMatch(t -> entityCube(t).isPresent())) {
                    taken[k] = true;
                    reservedEntity = m;
                }
            }
        }

        boolean listingStart() {
            String first = tokens.get(0).raw();
            if (!LIST_START.contains(first)) return false;
            if (first.equals("what")) return tokens.size() > 1 && tokens.get(1).raw().equals("are");
            if (first.equals("give")) return true;
            return true;
        }

        // ----- building the query ---------------------------------------------------------

        PlannerOutcome build(List<Mention> mentions) {
            // Rows by month are a trend, not a list of things.
            boolean listing = (listingStart() || topN != null) && grain == null;
            // "Which <group> has the most <metric>", "top N <group> by <metric>": the group named
            // is ranked; the entity is never listed in its place.
            Mention ranked = rankedGroup(mentions);
            Mention entity = listing && ranked == null ? entityMention(mentions) : null;
            // Rows known only by a key ("open tickets by priority") are counted by the group named, not listed.
            if (entity != null && keyOnly(entity) && mentions.stream().anyMatch(m -> groupMarked(m))) entity = null;

            List<Slot> metricSlots = new ArrayList<>();
            List<Slot> groupSlots = new ArrayList<>();
            List<MetricQuery.Filter> filters = new ArrayList<>();
            List<Slot> filterSlots = new ArrayList<>();
            List<String> segments = new ArrayList<>();
            List<Slot> extraColumns = new ArrayList<>();
            List<Slot> segmentSlots = new ArrayList<>();
            Dimension timeDim = null;
            String timeGrainFromPhrase = null;

            Set<Mention> consumed = new HashSet<>();
            boolean groupCarries = false;
            Mention lastGroup = null;
            for (int mi = 0; mi < mentions.size(); mi++) {
                Mention m = mentions.get(mi);
                if (m == entity || consumed.contains(m)) continue;
                if (m == ranked) {
                    groupSlots.add(new Slot(m, orderForGroup(m.targets()).stream()
                            .filter(d -> ((Dimension) d).type() != DimensionType.TIME && ((Dimension) d).type() != DimensionType.NUMBER).toList(), null));
                    lastGroup = m;
                    continue;
                }
                Cmp cmp = comparisonFor(m);
                List<Target> ts = m.targets();
                Optional<ValueTarget> value = ts.stream().filter(t -> t instanceof ValueTarget).map(t -> (ValueTarget) t).findFirst();
                if (value.isPresent() && !hasMetricLike(ts) && cmp == null) {
                    // "enterprise team": the value of the dimension named right after it.
                    ValueTarget vt = value.get();
                    Mention next = mi + 1 < mentions.size() ? mentions.get(mi + 1) : null;
                    if (next != null && next.first() == m.last() + 1) {
                        for (Target t : ts) {
                            if (t instanceof ValueTarget v && next.targets().contains(new MemberTarget(v.dimension()))) {
                                vt = v;
                                consumed.add(next);
                                break;
                            }
                        }
                    }
                    filters.add(new MetricQuery.Filter(vt.dimension().fullName(), null, "equals", JSON.textNode(vt.value()), null));
                    // "by each mid-market owner": the grouping goes on to the noun after the value.
                    groupCarries = groupCarries || groupMarked(m);
                    continue;
                }
                if (cmp != null) {
                    filterSlots.add(new Slot(m, orderForFilter(ts, listing || entity != null), cmp));
                    continue;
                }
                // "top 10 customers by lifetime revenue": after a ranking, "by" names what to rank by.
                boolean group = ((groupMarked(m) || groupCarries) && !(descending != null && hasMetricLike(ts)))
                        || (askedWhich(m) && !hasMetricLike(ts) && !dimensions(ts).isEmpty())
                        || (continuesGroup(lastGroup, m) && !hasMetricLike(ts) && !dimensions(ts).isEmpty());
                groupCarries = false;
                if (group) lastGroup = m;
                if (group) {
                    Optional<Dimension> t = dimensions(ts).stream().filter(d -> d.type() == DimensionType.TIME).findFirst();
                    if (t.isPresent()) {
                        timeDim = t.get();
                        String g = grainIn(m);
                        timeGrainFromPhrase = g == null ? "month" : g;
                    } else {
                        groupSlots.add(new Slot(m, orderForGroup(ts), null));
                    }
                    continue;
                }
                if (hasMetricLike(ts)) {
                    metricSlots.add(new Slot(m, orderForMetric(ts, m), null));
                    continue;
                }
                List<Member> segs = ts.stream().filter(t -> t instanceof MemberTarget mt && mt.member() instanceof Segment)
                        .map(t -> ((MemberTarget) t).member()).toList();
                if (!segs.isEmpty()) {
                    segmentSlots.add(new Slot(m, new ArrayList<>(segs), null));
                    continue;
                }
                List<Dimension> dims = dimensions(ts);
                Optional<Dimension> time = dims.stream().filter(d -> d.type() == DimensionType.TIME).findFirst();
                if (time.isPresent()) {
                    timeDim = time.get();
                    timeGrainFromPhrase = grainIn(m);
                    continue;
                }
                Optional<Dimension> bool = dims.stream().filter(d -> d.type() == DimensionType.BOOLEAN).findFirst();
                if (bool.isPresent()) {
                    filters.add(new MetricQuery.Filter(bool.get().fullName(), null, "equals", JSON.booleanNode(true), null));
                    continue;
                }
                if (!dims.isEmpty()) extraColumns.add(new Slot(m, orderForGroup(ts), null));
            }

            // "average number of seats": an aggregate word over a number dimension is that measure.
            if (metricSlots.isEmpty()) {
                for (Slot s : new ArrayList<>(extraColumns)) {
                    Optional<Measure> agg = aggregateOver(s);
                    if (agg.isPresent()) {
                        extraColumns.remove(s);
                        metricSlots.add(new Slot(s.mention, orderForMetric(List.of(new MemberTarget(agg.get())), s.mention), null));
                    }
                }
            }

            // The metric: the best-named one; more only when joined by "and" ("signed up and still active").
            List<Slot> chosenMetrics = chooseMetrics(metricSlots);
            if (entity != null) {
                // "which active customers": a count of the listed entity is the entity with its filter.
                for (Target t : entity.targets()) {
                    if (t instanceof MemberTarget mt && mt.member() instanceof Measure ms && entityCube(t).isPresent()) {
                        segmentFor(ms).ifPresent(sg -> segments.add(sg.fullName()));
                        if (range != null && ms.timeDimension() != null && timeDim == null) {
                            timeDim = catalog.dimension(ms.cube() + "." + ms.timeDimension()).orElse(null);
                        }
                        break;
                    }
                }
                List<Slot> keep = new ArrayList<>();
                for (Slot s : chosenMetrics) {
                    Optional<Measure> count = entityCount(s, entity);
                    if (count.isPresent()) {
                        segmentFor(count.get()).ifPresent(sg -> segments.add(sg.fullName()));
                        if (range != null && count.get().timeDimension() != null && timeDim == null) {
                            timeDim = catalog.dimension(count.get().cube() + "." + count.get().timeDimension()).orElse(null);
                        }
                    } else {
                        keep.add(s);
                    }
                }
                chosenMetrics = keep;
            }

            Set<String> near = new LinkedHashSet<>();
            for (Slot s : chosenMetrics) near.addAll(cubesOf(s.order.get(0)));
            if (entity != null) for (Dimension d : entityDimensions(entity)) near.add(d.cube());
            if (near.isEmpty() && conversation.lastQuery() != null) {
                for (String mname : conversation.lastQuery().metrics()) {
                    catalog.metric(mname).map(x -> (Member) x).or(() -> catalog.measure(mname).map(x -> (Member) x))
                            .ifPresent(x -> near.addAll(cubesOf(x)));
                }
            }
            groupSlots = nearestFirst(groupSlots, near);
            filterSlots = nearestFirst(filterSlots, near);
            extraColumns = nearestFirst(extraColumns, near);
            for (Slot s : nearestFirst(segmentSlots, near)) segments.add(s.order.get(0).fullName());

            boolean followUp = chosenMetrics.isEmpty() && entity == null && conversation.lastQuery() != null;
            if (followUp) {
                return followUp(groupSlots, filters, filterSlots, segments);
            }
            if (chosenMetrics.isEmpty() && entity == null) {
                return partialMatch(groupSlots, filters, segments).orElseGet(this::cannot);
            }
            // "What about churn rate?" after a question: the new metric, the same cut.
            if (conversation.lastQuery() != null && followUpCue() && groupSlots.isEmpty() && entity == null) {
                MetricQuery last = conversation.lastQuery();
                for (String d : last.dimensions()) if (!d.startsWith("metric_time") || grain == null) inheritedDims.add(d);
                for (MetricQuery.Filter f : last.filters()) {
                    if (f.dimension() != null && !(range != null && "in_date_range".equals(f.operator()))
                            && filters.stream().noneMatch(x -> f.dimension().equals(x.dimension()))) inheritedFilters.add(f);
                }
                inheritedSegments.addAll(last.segments());
                assumptions.add("Read as a follow-up: the same grouping and filters as the previous question.");
            }

            String shareDimension = null;
            Optional<Metric> shareMetric = share && entity == null && !chosenMetrics.isEmpty()
                    ? ratioOf(chosenMetrics.get(0).order.get(0)) : Optional.empty();
            if (shareMetric.isPresent() && !isShare(chosenMetrics.get(0).order.get(0))) {
                // "share of MRR at risk": the catalog's own ratio with that numerator.
                assumptions.add("Read as " + Labels.of(catalog, shareMetric.get().name()) + ", the catalog's share of "
                        + Labels.of(catalog, chosenMetrics.get(0).order.get(0).fullName()) + ".");
                chosenMetrics = List.of(new Slot(chosenMetrics.get(0).mention, List.of(shareMetric.get()), null));
            }
            if (share && entity == null && !chosenMetrics.isEmpty() && !isShare(chosenMetrics.get(0).order.get(0))) {
                Member asked = chosenMetrics.get(0).order.get(0);
                Optional<MetricQuery.Filter> byValue = filters.stream()
                        .filter(f -> "equals".equals(f.operator()) && f.value() != null && f.value().isTextual()).reduce((a, b) -> b);
                if (byValue.isPresent()) {
                    filters.remove(byValue.get());
                    shareDimension = byValue.get().dimension();
                    assumptions.add("Shown as each " + Labels.of(catalog, shareDimension) + "'s share of " + Labels.of(catalog, asked.fullName())
                            + "; the share you asked about is the row " + byValue.get().value().asText() + ".");
                } else {
                    // "what share of customers churned": a count of a segment, as a share of all the cube's rows.
                    Optional<Segment> seg = countOf(asked).flatMap(this::segmentFor);
                    Optional<ValueTarget> value = seg.flatMap(this::valueNaming);
                    Optional<Measure> all = seg.flatMap(sg -> plainCount(sg.cube()));
                    if (value.isEmpty() || all.isEmpty()) {
                        return new PlannerOutcome.Refused("I can't give that as a share: the catalog has no certified ratio for "
                                + Labels.of(catalog, asked.fullName()) + ", and the question names no group of it to compare with the total. "
                                + "I can show " + Labels.of(catalog, asked.fullName()) + " by a grouping with each group's share of the total, "
                                + "for example \"share of " + Labels.of(catalog, asked.fullName()) + " by " + exampleGrouping(asked) + "\".");
                    }
                    shareDimension = value.get().dimension().fullName();
                    chosenMetrics = List.of(new Slot(chosenMetrics.get(0).mention, List.of(wrappingMetric(all.get()).map(x -> (Member) x).orElse(all.get())), null));
                    assumptions.removeIf(a -> a.startsWith("Read \""));
                    assumptions.add("Shown as each " + Labels.of(catalog, shareDimension) + "'s share of " + Labels.of(catalog, all.get().fullName())
                            + "; the share you asked about is the row " + value.get().value() + ".");
                }
            }

            Builder q = new Builder();
            if (shareDimension != null) {
                q.dimensions.add(shareDimension);
                q.percentOfTotal = true;
            }
            q.dimensions.addAll(inheritedDims);
            q.filters.addAll(inheritedFilters);
            q.segments.addAll(inheritedSegments);
            for (Slot s : chosenMetrics) q.metricSlots.add(s);
            if (entity != null) {
                for (Dimension d : entityDimensions(entity)) q.dimensions.add(d.fullName());
            }
            q.groupSlots.addAll(groupSlots);
            q.filterSlots.addAll(filterSlots);
            q.filters.addAll(filters);
            q.segments.addAll(segments);
            q.segments.addAll(extraSegments);
            if (entity != null && chosenMetrics.isEmpty()) q.extraSlots.addAll(extraColumns);
            else if (entity != null) q.extraSlots.addAll(extraColumns);

            // Time: a named time dimension takes the range and the grain; otherwise metric_time.
            String effectiveGrain = grain != null ? grain : timeGrainFromPhrase;
            String timeTarget = timeDim != null ? timeDim.fullName() : "metric_time";
            boolean hasTimeGroup = false;
            if (timeDim != null && (timeGrainFromPhrase != null || groupHasTime(groupSlots, timeDim))) {
                q.dimensions.add(timeDim.fullName() + "." + (effectiveGrain == null ? "month" : effectiveGrain));
                hasTimeGroup = true;
            } else if (grain != null) {
                q.dimensions.add((timeDim != null ? timeDim.fullName() : "metric_time") + "." + grain);
                hasTimeGroup = true;
            }
            if (range != null) {
                String r = range;
                if (hasTimeGroup && rangeIsMonths && "month".equals(effectiveGrain)) {
                    r = r.replace(" months", " calendar months");
                }
                if (chosenMetrics.isEmpty() && timeDim == null) {
                    assumptions.add("The date range \"" + range + "\" was not applied: name the date it is about (signup, churn, renewal).");
                } else {
                    q.filters.add(new MetricQuery.Filter(timeTarget, null, "in_date_range", JSON.textNode(r), null));
                }
            }
            if (descending != null) q.descending = descending;
            q.limit = topN;
            q.entity = entity;
            return q.compile();
        }

        PlannerOutcome followUp(List<Slot> groupSlots, List<MetricQuery.Filter> filters, List<Slot> filterSlots,
                                List<String> segments) {
            MetricQuery last = conversation.lastQuery();
            boolean anything = !groupSlots.isEmpty() || !filters.isEmpty() || !filterSlots.isEmpty()
                    || !segments.isEmpty() || range != null || grain != null || topN != null || descending != null;
            if (!anything) return cannot();
            Builder q = new Builder();
            q.fixedMetrics.addAll(last.metrics());
            q.dimensions.addAll(last.dimensions());
            Set<String> replaced = new HashSet<>();
            for (MetricQuery.Filter f : filters) replaced.add(f.dimension());
            if (range != null) replaced.add("metric_time");
            for (MetricQuery.Filter f : last.filters()) {
                String target = f.dimension();
                if (target != null && (replaced.contains(target) || (range != null && "in_date_range".equals(f.operator())))) continue;
                q.filters.add(f);
            }
            q.filters.addAll(filters);
            q.segments.addAll(last.segments());
            q.segments.addAll(segments);
            q.groupSlots.addAll(groupSlots);
            q.filterSlots.addAll(filterSlots);
            if (grain != null) {
                q.dimensions.removeIf(d -> d.startsWith("metric_time."));
                q.dimensions.add("metric_time." + grain);
            }
            if (range != null) {
                String target = last.filters().stream().filter(f -> "in_date_range".equals(f.operator()))
                        .map(MetricQuery.Filter::dimension).findFirst().orElse("metric_time");
                q.filters.add(new MetricQuery.Filter(target, null, "in_date_range", JSON.textNode(range), null));
            }
            q.orderBy.addAll(last.orderBy());
            q.limit = topN != null ? topN : last.limit();
            q.descending = descending;
            assumptions.add("Read as a follow-up: the previous question's query, changed as asked.");
            return q.compile();
        }

        boolean followUpCue() {
            String a = tokens.get(0).raw();
            String b = tokens.size() > 1 ? tokens.get(1).raw() : "";
            return a.equals("and") || a.equals("also") || a.equals("now") || a.equals("same")
                    || ((a.equals("what") || a.equals("how")) && b.equals("about"));
        }

        /**
         * No phrase matched whole, but a word names part of some metrics ("retention"): one
         * candidate is taken and said so; a few are offered as a question; many means no answer.
         */
        Optional<PlannerOutcome> partialMatch(List<Slot> groupSlots, List<MetricQuery.Filter> filters, List<String> segments) {
            Set<String> unread = new LinkedHashSet<>();
            for (int i = 0; i < tokens.size(); i++) {
                if (!taken[i] && !tokens.get(i).stop() && Character.isLetter(tokens.get(i).raw().charAt(0))) unread.add(tokens.get(i).stem());
            }
            // Words that qualify any metric ("average", "total", "at") name none of them.
            unread.removeIf(st -> st.length() < 3 || GENERIC_STEMS.contains(st));
            if (unread.isEmpty()) return Optional.empty();
            List<Metric> candidates = new ArrayList<>();
            for (Metric m : catalog.metrics().values()) {
                if (!m.info().certified() || m.offset() != null) continue;
                List<String> phrases = new ArrayList<>(m.info().synonyms());
                phrases.add(m.name());
                boolean hit = false;
                for (String ph : phrases) for (String st : Text.contentStems(ph)) hit |= unread.contains(st);
                if (hit) candidates.add(m);
            }
            if (candidates.isEmpty() || candidates.size() > 4) return Optional.empty();
            if (candidates.size() == 1) {
                Metric m = candidates.get(0);
                assumptions.add("Read as " + Labels.of(catalog, m.name()) + ", the only certified metric that matches.");
                Builder q = new Builder();
                q.fixedMetrics.add(m.name());
                for (Slot s : groupSlots) q.groupSlots.add(s);
                q.filters.addAll(filters);
                q.segments.addAll(segments);
                if (range != null) q.filters.add(new MetricQuery.Filter("metric_time", null, "in_date_range", JSON.textNode(range), null));
                return Optional.of(q.compile());
            }
            List<String> options = candidates.stream().map(Metric::name).toList();
            String labels = String.join(" or ", candidates.stream().map(m -> Labels.of(catalog, m.name())).toList());
            return Optional.of(new PlannerOutcome.Clarify("Do you mean " + labels + "? They give different numbers.", options));
        }

        PlannerOutcome cannot() {
            List<String> unread = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                if (!taken[i] && !tokens.get(i).stop() && Character.isLetter(tokens.get(i).raw().charAt(0))) {
                    unread.add(tokens.get(i).raw());
                }
            }
            String what = unread.isEmpty() ? "that" : "\"" + String.join(" ", unread) + "\"";
            return new PlannerOutcome.Refused("I can't answer " + what + " from the certified catalog: it has no metric for it. "
                    + "I can answer questions about " + CatalogTopics.subjects(catalog) + ", for example \""
                    + CatalogTopics.example(catalog) + "\"");
        }

        // ----- helpers over targets --------------------------------------------------------

        Mention entityMention(List<Mention> mentions) {
            for (Mention m : mentions) {
                for (Target t : m.targets()) {
                    if (entityCube(t).isPresent() && comparisonsNotOn(m)) return m;
                }
            }
            return null;
        }

        boolean comparisonsNotOn(Mention m) {
            for (Cmp c : comparisons) {
                if (c.start - m.last() - 1 >= 0 && c.start - m.last() - 1 <= 2 && allStop(m.last() + 1, c.start)) return false;
            }
            return true;
        }

        /** The cube a word names as a thing to list: its name or key dimension, or a plain count of it. */
        Optional<Cube> entityCube(Target t) {
            if (!(t instanceof MemberTarget mt)) return Optional.empty();
            Member m = mt.member();
            if (m instanceof Dimension d && (d.primaryKey() || d.name().equals("name") || d.name().endsWith("_name"))
                    && isNameOfCube(d)) {
                return catalog.cube(d.cube());
            }
            if (m instanceof Measure ms && ms.type() == MeasureType.COUNT
                    && (nameDimension(ms.cube()).isPresent() || certifiedKey(ms.cube()).isPresent())
                    && (ms.filters().isEmpty() || segmentFor(ms).isPresent())) {
                return catalog.cube(ms.cube());
            }
            return Optional.empty();
        }

        /** "customer_name" names customers, "feature_name" does not name product events. */
        boolean isNameOfCube(Dimension d) {
            if (d.primaryKey() || d.name().equals("name")) return true;
            String stem = d.name().substring(0, d.name().length() - "_name".length());
            return d.cube().startsWith(stem);
        }

        boolean keyOnly(Mention entity) {
            for (Target t : entity.targets()) {
                Optional<Cube> c = entityCube(t);
                if (c.isPresent()) return nameDimension(c.get().name()).isEmpty();
            }
            return false;
        }

        Optional<Dimension> certifiedKey(String cube) {
            return catalog.cube(cube).flatMap(Cube::primaryKey).filter(pk -> pk.info().certified());
        }

        Optional<Dimension> nameDimension(String cube) {
            return catalog.cube(cube).flatMap(c -> c.dimensions().stream()
                    .filter(d -> d.info().certified() && (d.name().equals("name") || (d.name().endsWith("_name") && isNameOfCube(d))))
                    .findFirst());
        }

        List<Dimension> entityDimensions(Mention entity) {
            for (Target t : entity.targets()) {
                Optional<Cube> c = entityCube(t);
                if (c.isPresent()) {
                    List<Dimension> out = new ArrayList<>();
                    nameDimension(c.get().name()).ifPresent(out::add);
                    c.get().primaryKey().filter(pk -> pk.info().certified() && !out.contains(pk)).ifPresent(out::add);
                    return out;
                }
            }
            return List.of();
        }

        /** A count of the listed entity's rows (possibly filtered): "active customers" when listing customers. */
        Optional<Measure> entityCount(Slot s, Mention entity) {
            Set<String> cubes = new HashSet<>();
            for (Target t : entity.targets()) entityCube(t).ifPresent(c -> cubes.add(c.name()));
            for (Member m : s.order) {
                if (m instanceof Measure ms && ms.type() == MeasureType.COUNT && cubes.contains(ms.cube())) return Optional.of(ms);
                if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) {
                    Optional<Measure> inner = catalog.measure(mt.expression().strip());
                    if (inner.isPresent() && inner.get().type() == MeasureType.COUNT && cubes.contains(inner.get().cube())) return inner;
                }
            }
            return Optional.empty();
        }

        Optional<Segment> segmentFor(Measure count) {
            if (count.filters().size() != 1) return Optional.empty();
            String sql = count.filters().get(0).source().strip();
            return catalog.cube(count.cube()).flatMap(c -> c.segments().stream()
                    .filter(s -> s.sql().source().strip().equals(sql)).findFirst());
        }

        Optional<Measure> aggregateOver(Slot s) {
            MeasureType type = null;
            for (int k = s.mention.first() - 1; k >= Math.max(0, s.mention.first() - 4); k--) {
                String w = tokens.get(k).raw();
                if (Set.of("average", "avg", "mean").contains(w)) type = MeasureType.AVG;
                else if (Set.of("total", "sum").contains(w)) type = MeasureType.SUM;
                else if (Set.of("maximum", "max").contains(w)) type = MeasureType.MAX;
                else if (Set.of("minimum", "min").contains(w)) type = MeasureType.MIN;
                if (type != null) break;
            }
            if (type == null) return Optional.empty();
            for (Member m : s.order) {
                if (!(m instanceof Dimension d) || d.type() != DimensionType.NUMBER) continue;
                String col = d.sql() == null ? d.name() : d.sql().source().strip();
                MeasureType t = type;
                Optional<Measure> found = catalog.cube(d.cube()).flatMap(c -> c.measures().stream()
                        .filter(ms -> ms.type() == t && ms.info().certified() && ms.sql() != null
                                && (ms.sql().source().strip().equals(col) || ms.sql().source().strip().equals(d.name())))
                        .findFirst());
                if (found.isPresent()) return found;
            }
            return Optional.empty();
        }

        /** The cubes a member reads: its own, or those of the measures a metric is built from. */
        Set<String> cubesOf(Member m) {
            Set<String> out = new LinkedHashSet<>();
            collectCubes(m, out, 0);
            return out;
        }

        private void collectCubes(Member m, Set<String> out, int depth) {
            if (depth > 8) return;
            if (m instanceof Measure ms) out.add(ms.cube());
            else if (m instanceof Dimension d) out.add(d.cube());
            else if (m instanceof Segment sg) out.add(sg.cube());
            else if (m instanceof Metric mt) {
                for (String r : mt.refs()) {
                    Optional<Member> ref = catalog.metric(r).map(x -> (Member) x).or(() -> catalog.measure(r).map(x -> (Member) x));
                    ref.ifPresent(x -> collectCubes(x, out, depth + 1));
                }
            }
        }

        /** Alternatives on the metric's own cubes first: "by plan" with MRR is the MRR snapshot's plan. */
        List<Slot> nearestFirst(List<Slot> slots, Set<String> near) {
            List<Slot> out = new ArrayList<>();
            for (Slot s : slots) {
                List<Member> order = new ArrayList<>(s.order);
                order.sort(java.util.Comparator.comparingInt(x -> near.contains(cubeOf(x)) ? 0 : 1));
                out.add(new Slot(s.mention, order, s.cmp));
            }
            return out;
        }

        String cubeOf(Member m) {
            if (m instanceof Measure ms) return ms.cube();
            if (m instanceof Dimension d) return d.cube();
            if (m instanceof Segment sg) return sg.cube();
            return "";
        }

        String grainIn(Mention m) {
            for (int p = m.first(); p <= m.last(); p++) {
                String w = tokens.get(p).raw();
                if (Set.of("day", "week", "month", "quarter", "year").contains(w)) return w;
                if (w.equals("monthly")) return "month";
            }
            return null;
        }

        boolean groupHasTime(List<Slot> groups, Dimension timeDim) {
            for (Slot s : groups) if (s.order.contains(timeDim)) return true;
            return false;
        }

        List<Slot> chooseMetrics(List<Slot> slots) {
            if (slots.isEmpty()) return slots;
            Slot best = slots.get(0);
            for (Slot s : slots) {
                if (preference(s) > preference(best) + 1e-9
                        || (Math.abs(preference(s) - preference(best)) < 1e-9 && rank(s) < rank(best))) best = s;
            }
            List<Slot> out = new ArrayList<>();
            for (Slot s : slots) {
                if (s == best || joinedByAnd(s, best)) out.add(s);
            }
            for (Slot s : slots) {
                if (out.contains(s)) continue;
                // "for churned customers, the average tenure": a filtered count left over is its filter.
                Optional<Segment> seg = s.order.stream().filter(m -> m instanceof Measure).map(m -> (Measure) m)
                        .filter(ms -> ms.type() == MeasureType.COUNT).findFirst().flatMap(this::segmentFor);
                if (seg.isPresent()) {
                    extraSegments.add(seg.get().fullName());
                    assumptions.add("Read \"" + words(s.mention) + "\" as a filter (" + seg.get().fullName() + ").");
                } else {
                    assumptions.add("Read \"" + words(s.mention) + "\" as describing the question, not as a second metric.");
                }
            }
            return out;
        }

        /**
         * How strongly a mention is the thing asked for: its match, less when it follows a
         * preposition ("CSAT for tickets opened": tickets qualify), more for a count after
         * "how many".
         */
        double preference(Slot s) {
            double p = s.mention.score();
            String before = s.mention.first() > 0 ? tokens.get(s.mention.first() - 1).raw() : "";
            if (Set.of("for", "of", "on", "among", "from", "about", "with", "in").contains(before)) p -= 1.5;
            // "how many NPS detractors": a count named right after "how many" is what is counted
            // ("how many hours does it take" is not a count of anything).
            int many = -1;
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).raw().equals("how") && tokens.get(i + 1).raw().equals("many")) many = i + 1;
            }
            if (many >= 0 && s.mention.first() > many && s.mention.first() - many <= 3 && isCount(s.order.get(0))) p += 1.5;
            return p;
        }

        boolean isCount(Member m) {
            if (m instanceof Measure ms) return ms.type() == MeasureType.COUNT || ms.type() == MeasureType.COUNT_DISTINCT;
            if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) return catalog.measure(mt.expression().strip()).map(this::isCount).orElse(false);
            return false;
        }

        int rank(Slot s) {
            Member m = s.order.get(0);
            return m instanceof Metric ? 0 : m instanceof Measure ? 1 : 2;
        }

        boolean joinedByAnd(Slot a, Slot b) {
            int from = Math.min(a.mention.last(), b.mention.last());
            int to = Math.max(a.mention.first(), b.mention.first());
            for (int i = from + 1; i < to; i++) {
                String w = tokens.get(i).raw();
                if (w.equals("and") || w.equals("vs") || w.equals("versus") || w.equals("plus")) return true;
            }
            return false;
        }

        String words(Mention m) {
            List<String> w = new ArrayList<>();
            for (int p = m.first(); p <= m.last(); p++) w.add(tokens.get(p).raw());
            return String.join(" ", w);
        }

        /** Metric-ish targets for "what is X": metrics, then measures, then number dimensions with an aggregate word. */
        List<Member> orderForMetric(List<Target> ts, Mention m) {
            List<Member> metrics = new ArrayList<>(), measures = new ArrayList<>();
            for (Target t : ts) {
                if (!(t instanceof MemberTarget mt)) continue;
                if (mt.member() instanceof Metric) metrics.add(mt.member());
                else if (mt.member() instanceof Measure) measures.add(mt.member());
            }
            // A synonym is the catalog author's word for what people say; a name is an identifier.
            metrics.sort((x, y) -> Boolean.compare(m.bySynonym(new MemberTarget(y)), m.bySynonym(new MemberTarget(x))));
            measures.sort((x, y) -> Boolean.compare(m.bySynonym(new MemberTarget(y)), m.bySynonym(new MemberTarget(x))));
            List<Member> out = new ArrayList<>();
            // A measure some simple metric merely names is that governed metric.
            if (metrics.isEmpty()) {
                for (Member ms : measures) wrappingMetric(ms).ifPresent(w -> {
                    if (!out.contains(w)) out.add(w);
                });
            }
            out.addAll(metrics);
            out.addAll(measures);
            return out;
        }

        /** A ratio or a percentage already is a share: "what percentage of features are adopted". */
        boolean isShare(Member m) {
            if (m instanceof Metric mt) return mt.type() == MetricType.RATIO || mt.format() == io.clarion.catalog.model.Format.PERCENTAGE;
            return m instanceof Measure ms && ms.format() == io.clarion.catalog.model.Format.PERCENTAGE;
        }

        /** A certified ratio whose numerator is this member (or the measure it wraps). */
        Optional<Metric> ratioOf(Member m) {
            Set<String> names = new HashSet<>(Set.of(m.fullName()));
            if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) names.add(mt.expression().strip());
            if (m instanceof Measure ms) wrappingMetric(ms).ifPresent(w -> names.add(w.name()));
            return catalog.metrics().values().stream()
                    .filter(r -> r.info().certified() && r.type() == MetricType.RATIO && r.offset() == null
                            && r.numerator() != null && names.contains(r.numerator().strip()))
                    .findFirst();
        }

        /** The count a member is: itself, or the measure a simple metric wraps. */
        Optional<Measure> countOf(Member m) {
            if (m instanceof Measure ms) return ms.type() == MeasureType.COUNT ? Optional.of(ms) : Optional.empty();
            if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) return catalog.measure(mt.expression().strip()).flatMap(this::countOf);
            return Optional.empty();
        }

        Optional<Measure> plainCount(String cube) {
            return catalog.cube(cube).flatMap(c -> c.measures().stream()
                    .filter(ms -> ms.type() == MeasureType.COUNT && ms.filters().isEmpty() && ms.info().certified()).findFirst());
        }

        /** A dimension value of the segment's cube spelled as the segment is named ("churned"). */
        Optional<ValueTarget> valueNaming(Segment sg) {
            for (Lexicon.Entry e : lexicon.entries()) {
                if (e.target() instanceof ValueTarget v && v.dimension().cube().equals(sg.cube()) && v.value().equalsIgnoreCase(sg.name())) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }

        /** A grouping the catalog offers next to a member, for the example in a refusal. */
        String exampleGrouping(Member m) {
            for (String cube : cubesOf(m)) {
                Optional<Dimension> d = catalog.cube(cube).flatMap(c -> c.dimensions().stream()
                        .filter(x -> x.info().certified() && x.type() == DimensionType.STRING && !x.primaryKey()
                                && !Boolean.TRUE.equals(x.info().meta().get("pii"))).findFirst());
                if (d.isPresent()) return Labels.of(catalog, d.get().fullName());
            }
            return "a dimension";
        }

        Optional<Metric> wrappingMetric(Member measure) {
            return catalog.metrics().values().stream()
                    .filter(mt -> mt.info().certified() && mt.type() == MetricType.SIMPLE && mt.filters().isEmpty()
                            && mt.offset() == null && mt.expression().strip().equals(measure.fullName()))
                    .findFirst();
        }

        List<Member> orderForGroup(List<Target> ts) {
            List<Member> out = new ArrayList<>(dimensions(ts));
            return out;
        }

        List<Member> orderForFilter(List<Target> ts, boolean perRow) {
            List<Member> dims = new ArrayList<>(), metricLike = new ArrayList<>();
            for (Target t : ts) {
                if (!(t instanceof MemberTarget mt)) continue;
                if (mt.member() instanceof Dimension d && (d.type() == DimensionType.NUMBER || d.type() == DimensionType.TIME)) dims.add(d);
                else if (mt.member() instanceof Metric || mt.member() instanceof Measure) metricLike.add(mt.member());
            }
            List<Member> out = new ArrayList<>();
            if (perRow) {
                out.addAll(dims);
                out.addAll(metricLike);
            } else {
                out.addAll(metricLike);
                out.addAll(dims);
            }
            return out;
        }

        List<Dimension> dimensions(List<Target> ts) {
            List<Dimension> out = new ArrayList<>();
            for (Target t : ts) if (t instanceof MemberTarget mt && mt.member() instanceof Dimension d) out.add(d);
            return out;
        }

        boolean hasMetricLike(List<Target> ts) {
            return ts.stream().anyMatch(t -> t instanceof MemberTarget mt && (mt.member() instanceof Metric || mt.member() instanceof Measure));
        }

        boolean hasDimension(List<Target> ts) {
            return !dimensions(ts).isEmpty();
        }

        /** Assembles a query from slots, trying each slot's alternatives until the catalog accepts one. */
        final class Builder {
            final List<String> fixedMetrics = new ArrayList<>();
            final List<Slot> metricSlots = new ArrayList<>();
            final List<String> dimensions = new ArrayList<>();
            final List<Slot> groupSlots = new ArrayList<>();
            final List<Slot> extraSlots = new ArrayList<>();
            final List<Slot> filterSlots = new ArrayList<>();
            final List<MetricQuery.Filter> filters = new ArrayList<>();
            final List<String> segments = new ArrayList<>();
            final List<MetricQuery.OrderBy> orderBy = new ArrayList<>();
            Boolean descending;
            Integer limit;
            Mention entity;
            boolean percentOfTotal;

            PlannerOutcome compile() {
                List<Slot> slots = new ArrayList<>();
                slots.addAll(metricSlots);
                slots.addAll(groupSlots);
                slots.addAll(filterSlots);
                slots.addAll(extraSlots);
                for (Slot s : slots) {
                    if (s.order.isEmpty()) return cannot();
                }
                Set<String> cubesOfMetrics = new LinkedHashSet<>();
                int[] choice = new int[slots.size()];
                QueryException lastError = null;
                for (int attempt = 0; attempt < 24; attempt++) {
                    MetricQuery q = assemble(slots, choice);
                    try {
                        queries.compile(q, new QueryService.Options(true));
                        return new PlannerOutcome.Planned(q, assumptions, "offline");
                    } catch (QueryException e) {
                        lastError = e;
                        Issue first = e.errors().get(0);
                        if (first.code() == QueryCode.AMBIGUOUS_JOIN_PATH) {
                            return new PlannerOutcome.Clarify("There is more than one way to relate these: "
                                    + String.join(" or ", first.suggestions()) + ". Which one do you mean?", first.suggestions());
                        }
                        if (!advance(slots, choice, first, q)) break;
                    }
                }
                String msg = lastError == null ? "" : lastError.errors().get(0).message();
                return new PlannerOutcome.Refused("I understood the question but could not build a certified query for it ("
                        + msg + "). Try naming the metric and the grouping you want, for example \"revenue by region\".");
            }

            /**
             * Moves to the next alternative of the slot an issue is about (else the last slot that
             * has one): the member it names as its subject, or the one the query has at its path.
             */
            boolean advance(List<Slot> slots, int[] choice, Issue error, MetricQuery q) {
                String about = error.subject() != null ? error.subject() : q.memberAt(error.path()).orElse(null);
                int target = -1;
                for (int i = 0; i < slots.size(); i++) {
                    if (choice[i] + 1 < slots.get(i).order.size() && names(about, chosen(slots, choice, i))) {
                        target = i;
                    }
                }
                if (target < 0) {
                    for (int i = slots.size() - 1; i >= 0; i--) {
                        if (choice[i] + 1 < slots.get(i).order.size()) {
                            target = i;
                            break;
                        }
                    }
                }
                if (target < 0) return false;
                choice[target]++;
                return true;
            }

            Member chosen(List<Slot> slots, int[] choice, int i) {
                return slots.get(i).order.get(choice[i]);
            }

            /** "customers.created_date.month" names customers.created_date, at a grain. */
            static boolean names(String about, Member m) {
                return about != null && (about.equals(m.fullName()) || about.startsWith(m.fullName() + "."));
            }

            MetricQuery assemble(List<Slot> slots, int[] choice) {
                List<String> metrics = new ArrayList<>(fixedMetrics);
                List<String> dims = new ArrayList<>(dimensions);
                List<MetricQuery.Filter> fs = new ArrayList<>(filters);
                List<String> extraDims = new ArrayList<>();
                for (int i = 0; i < slots.size(); i++) {
                    Slot s = slots.get(i);
                    Member m = chosen(slots, choice, i);
                    if (s.cmp != null) {
                        if (m instanceof Dimension d) {
                            fs.add(s.cmp.filter(d.fullName(), true));
                            if (entity != null) extraDims.add(d.fullName());
                        } else {
                            fs.add(s.cmp.filter(m.fullName(), false));
                            if (!metrics.contains(m.fullName())) metrics.add(m.fullName());
                        }
                    } else if (metricSlots.contains(s)) {
                        if (!metrics.contains(m.fullName())) metrics.add(m.fullName());
                    } else if (m instanceof Dimension d) {
                        String name = d.type() == DimensionType.TIME ? d.fullName() + "." + (grain == null ? "month" : grain) : d.fullName();
                        if (extraSlots.contains(s)) extraDims.add(name);
                        else if (!dims.contains(name)) dims.add(name);
                    }
                }
                for (String d : extraDims) if (!dims.contains(d)) dims.add(d);
                List<MetricQuery.OrderBy> order = new ArrayList<>(orderBy);
                Integer lim = limit;
                if (descending != null && !metrics.isEmpty()) {
                    order.clear();
                    order.add(new MetricQuery.OrderBy(metrics.get(0), descending ? "desc" : "asc"));
                    if (lim == null) lim = singularGroup() ? 1 : 10;
                    // "Which owner has the most …": an answer names someone, not "no owner".
                    for (String d : dims) {
                        if (!d.startsWith("metric_time") && catalog.dimension(d).map(x -> x.type() == DimensionType.STRING).orElse(false)
                                && fs.stream().noneMatch(f -> d.equals(f.dimension()))) {
                            fs.add(new MetricQuery.Filter(d, null, "set", null, null));
                            break;
                        }
                    }
                }
                List<MetricQuery.Analysis> analysis = percentOfTotal && !metrics.isEmpty()
                        ? List.of(new MetricQuery.Analysis("percent_of_total", metrics.get(0), null, null, null, null)) : null;
                return new MetricQuery(metrics, dims, fs, new ArrayList<>(new LinkedHashSet<>(segments)), order, lim,
                        null, null, analysis, joinPath == null ? null : List.of(joinPath), null);
            }

            boolean singularGroup() {
                if (rankedPeriodSingular) return true;
                // "which owner has the most", "what segment has the highest": one answer.
                for (Slot s : groupSlots) {
                    String w = tokens.get(s.mention.last()).raw();
                    if (!w.endsWith("s")) return true;
                }
                if (entity != null) {
                    String w = tokens.get(entity.last()).raw();
                    return !w.endsWith("s") && !w.equals("people");
                }
                return false;
            }
        }
    }

    /** A mention and the members it may mean, most likely first. */
    private record Slot(Mention mention, List<Member> order, Cmp cmp) {
    }

    /** A comparison read from the question: operator, values, and where its words are. */
    private static final class Cmp {
        final String op;
        final List<Double> values;
        final int start;
        final int end;
        boolean attached;

        Cmp(String op, List<Double> values, int start, int end) {
            this.op = op;
            this.values = values;
            this.start = start;
            this.end = end;
        }

        MetricQuery.Filter filter(String member, boolean dimension) {
            List<JsonNode> vs = values.stream().map(v -> (JsonNode) number(v)).toList();
            return dimension
                    ? new MetricQuery.Filter(member, null, op, op.equals("between") ? null : vs.get(0), op.equals("between") ? vs : null)
                    : new MetricQuery.Filter(null, member, op, op.equals("between") ? null : vs.get(0), op.equals("between") ? vs : null);
        }

        private static JsonNode number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? JSON.numberNode((long) v) : JSON.numberNode(v);
        }
    }

    static double number(String digits, String suffix, String percent) {
        double v = Double.parseDouble(digits.replace(",", ""));
        if ("k".equals(suffix)) v *= 1_000;
        if ("m".equals(suffix)) v *= 1_000_000;
        if ("%".equals(suffix) || percent != null) v /= 100; // ratios are fractions
        return v;
    }

    static int monthNumber(String m) {
        List<String> names = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        return names.indexOf(m.substring(0, 3)) + 1;
    }

    /** Verified questions: a close enough match answers with the analyst's query directly. */
    static final class VerifiedMatcher {
        private final Map<VerifiedQuery, Set<String>> stems = new LinkedHashMap<>();

        VerifiedMatcher(List<VerifiedQuery> verified) {
            for (VerifiedQuery v : verified) stems.put(v, new HashSet<>(Text.contentStems(v.question())));
        }

        List<VerifiedQuery> all() {
            return List.copyOf(stems.keySet());
        }

        Optional<VerifiedQuery> match(String question) {
            Set<String> q = new HashSet<>(Text.contentStems(question));
            if (q.isEmpty()) return Optional.empty();
            VerifiedQuery best = null;
            double bestScore = 0;
            for (var e : stems.entrySet()) {
                Set<String> inter = new HashSet<>(q);
                inter.retainAll(e.getValue());
                Set<String> union = new HashSet<>(q);
                union.addAll(e.getValue());
                double jaccard = union.isEmpty() ? 0 : (double) inter.size() / union.size();
                if (jaccard > bestScore) {
                    bestScore = jaccard;
                    best = e.getKey();
                }
            }
            // Same content words (order and filler aside): only then is it the same question.
            return bestScore >= 0.99 ? Optional.of(best) : Optional.empty();
        }
    }
}
