package io.clarion.agent.language;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words that give a question its shape rather than its subject: comparisons ("more than
 * 40"), ranking ("top 5", "the most"), shares ("what share of"), listing ("which", "list").
 * Patterns run over a question's words joined by single spaces.
 */
public final class ShapeWords {
    public static final Pattern COMPARISON = Pattern.compile(
            "\\b(more than|greater than|higher than|larger than|bigger than|longer than|over|above|exceeding|exceeds|at least|no less than|"
                    + "less than|fewer than|lower than|smaller than|shorter than|under|below|at most|no more than|equal to|equals|exactly|of) "
                    + "(\\d[\\d,]*(?:\\.\\d+)?|" + String.join("|", Numbers.WORDS.keySet()) + ")(k|m|%)?(?: (percent|pct|%))?(?!\\w)(?! \\w+ ago\\b)");
    public static final Pattern OR_MORE = Pattern.compile("\\b(\\d[\\d,]*(?:\\.\\d+)?|" + String.join("|", Numbers.WORDS.keySet())
            + ")(k|m|%)? or (more|greater|higher|above|over|less|fewer|lower|below|under)\\b");
    public static final Pattern BETWEEN = Pattern.compile("\\bbetween (\\d[\\d,]*(?:\\.\\d+)?)(%)? and (\\d[\\d,]*(?:\\.\\d+)?)(%)?\\b");
    /** A count as digits or as a word ("the three largest"); {@link Numbers#boundedCount} reads both. */
    private static final String N = "(\\d+|" + String.join("|", Numbers.WORDS.keySet()) + ")";
    public static final Pattern TOP_N = Pattern.compile("\\b(top|bottom|first|largest|biggest|highest|smallest|lowest|best|worst|strongest|weakest) " + N + "\\b|\\b" + N
            + " (largest|biggest|highest|smallest|lowest|best|worst|most|least|strongest|weakest)\\b");
    public static final Pattern LIST_N = Pattern.compile("\\b(?:list|show|name|give|find|which|what are)(?: me)?(?: the| our| all)? " + N + "\\b");
    /** "the 5 customers with the most …", "3 regions with the lowest …": a count opening the question, read only beside a ranking word. */
    public static final Pattern LEADING_N = Pattern.compile("^(?:the |our )?(\\d{1,3}|" + String.join("|", Numbers.WORDS.keySet()) + ") (?=[a-z])");
    /** "rank plans by customers", "countries sorted by revenue": every group, in the order of a metric. */
    public static final Pattern SORT_BY = Pattern.compile("\\b(rank|ranked|sort|sorted|order|ordered|arrange|arranged)\\b(?:(?!\\bby\\b).){0,40}?\\bby\\b");
    /** Words that ask a sorted list to start from the smallest. */
    /** "highest first", "in descending order": the order of a list of every group, no cut. */
    public static final Pattern ORDER_FIRST = Pattern.compile("\\b(?:(?:(highest|largest|biggest|most|best|top)|lowest|smallest|least|fewest|worst) first"
            + "|(?:in )?(?:(descending)|ascending) order)\\b");
    public static final Pattern SMALLEST_FIRST = Pattern.compile("\\b(ascending|(lowest|smallest|least|fewest) first)\\b");
    public static final Pattern RANK_WORD = Pattern.compile("\\b(most|highest|largest|biggest|best|top|greatest|strongest|least|lowest|smallest|fewest|worst|bottom|weakest|poorest)\\b");
    /** "what share of", "the percentage of", "how many percent": a share of a total is asked for. */
    public static final Pattern SHARE = Pattern.compile(
            "\\b(?:share|percentage|percent|proportion|fraction|portion|pct) of\\b|(?<![\\w.])% of\\b|\\bhow many percent\\b");

    /** Ranking words that ask for the smallest first. */
    public static final Set<String> ASCENDING = Set.of("bottom", "smallest", "lowest", "worst", "least", "weakest", "poorest");
    /** Ranking words that ask for the largest first (of those {@link #RANK_WORD} reads alone). */
    public static final Set<String> DESCENDING = Set.of("most", "highest", "largest", "biggest", "best", "top", "greatest", "strongest");
    /** "… or more": at least; "… or less": at most. */
    public static final Set<String> OR_MORE_UP = Set.of("more", "greater", "higher", "above", "over");

    /** Words that mark a grouping before a name ("by region", "per plan", "across segments"). */
    public static final Set<String> GROUP_WORDS = Set.of("by", "per", "across", "each", "every");
    /** Words a listing question opens with. */
    public static final Set<String> LIST_START = Set.of("which", "who", "list", "show", "name", "find", "give", "what", "pull", "fetch",
            "display", "enumerate");
    /** Polite words before a listing verb ("can you pull …", "please list …"). */
    public static final Set<String> LIST_OPENERS = Set.of("please", "pls", "can", "could", "would", "will", "you", "kindly", "just", "quickly",
            "now", "also", "and", "then", "so", "i", "we", "need", "want", "to", "me", "us", "help", "send");
    /** Stems that qualify any metric ("average", "total") and so name none of them. */
    public static final Set<String> GENERIC_STEMS = Set.of("averag", "total", "number", "count", "rate", "share", "percent",
            "sum", "mean", "median", "valu", "amount", "level", "ratio", "score", "per", "our", "the", "current", "much", "mani");

    private ShapeWords() {
    }

    /** The filter operator a comparison phrase means. */
    public static String operator(String phrase) {
        return switch (phrase) {
            case "more than", "greater than", "higher than", "larger than", "bigger than", "longer than", "over", "above",
                 "exceeding", "exceeds" -> "gt";
            case "at least", "no less than" -> "gte";
            case "less than", "fewer than", "lower than", "smaller than", "shorter than", "under", "below" -> "lt";
            case "at most", "no more than" -> "lte";
            default -> "equals";
        };
    }
}
