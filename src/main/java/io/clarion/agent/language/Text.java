package io.clarion.agent.language;

import opennlp.tools.stemmer.snowball.SnowballStemmer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words of a question or a catalog phrase, each with its stem, so "payments failed" meets
 * "failed_payments" and "signed up" meets "signups".
 */
public final class Text {
    /** A word as written (lower case) and its stem; {@code stop} words carry no meaning for matching. */
    public record Token(String raw, String stem, boolean stop) {
    }

    private static final Pattern WORD = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}|\\d{4}-q[1-4]|\\d{4}-(?:0[1-9]|1[0-2])(?![\\d-])|q[1-4](?![a-z\\d])|\\d+(?:[.,]\\d+)*(?:k|m)?%?|\\p{L}+(?:'\\p{L}+)?");
    /**
     * A dash between two periods is a span: "q2–q4", "2020-2021", "2021-05 - 2021-08" read as
     * "… to …". A hyphen inside one period ("2021-q3", "2021-07") is not one.
     */
    private static final Pattern PERIOD_DASH = Pattern.compile(
            "(?<=\\b(?:q[1-4]|\\d{4}(?:-\\d{2})?))(?:\\s*[\u2013\u2014]\\s*|\\s+-\\s+)(?=(?:q[1-4]|\\d{4})\\b)");
    private static final Pattern QUARTER_DASH = Pattern.compile("\\b(q[1-4])-(q[1-4])\\b");
    private static final Pattern YEAR_DASH = Pattern.compile("\\b((?:19|20)\\d{2})-((?:19|20)\\d{2})\\b");
    private static final String MONTH_NAME = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    /** "jul-dec", "March–May": two month names joined by a dash are a span too. */
    private static final Pattern MONTH_DASH = Pattern.compile("\\b" + MONTH_NAME + "\\s*[-\u2013\u2014]\\s*" + MONTH_NAME + "\\b");

    /** Words that never name a member; "per", "at", "by" are kept: they carry meaning. */
    public static final Set<String> STOP = Set.of("the", "a", "an", "of", "for", "in", "on", "to", "is", "are", "was", "were",
            "be", "been", "do", "does", "did", "we", "our", "us", "you", "your", "i", "me", "my", "have", "has", "had",
            "what", "whats", "how", "many", "much", "show", "give", "list", "tell", "please", "and", "with", "there",
            "their", "it", "its", "that", "these", "those", "them", "they", "which", "who", "whom", "whose", "all", "any",
            "from", "as", "can", "could", "would", "will", "get", "see", "let", "know", "about", "each", "every",
            "up", "so", "far", "right", "now", "currently", "or", "out", "into", "than", "some",
            "where", "when", "by", "among", "across", "versus", "vs", "s");

    private static final ThreadLocal<SnowballStemmer> STEMMER =
            ThreadLocal.withInitial(() -> new SnowballStemmer(SnowballStemmer.ALGORITHM.ENGLISH));

    private Text() {
    }

    /** "more then 15": "then" after a word of comparison is "than", as it is often typed. */
    private static final Pattern THEN_FOR_THAN = Pattern.compile("\\b(more|less|fewer|greater|higher|lower|bigger|smaller|larger|other|rather) then\\b");

    public static String normalize(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'').replace('_', ' ');
        lower = THEN_FOR_THAN.matcher(lower).replaceAll("$1 than");
        String spans = PERIOD_DASH.matcher(lower).replaceAll(" to ");
        spans = QUARTER_DASH.matcher(spans).replaceAll("$1 to $2");
        spans = MONTH_DASH.matcher(spans).replaceAll("$1 to $2");
        return YEAR_DASH.matcher(spans).replaceAll("$1 to $2");
    }

    public static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        Matcher m = WORD.matcher(normalize(s));
        while (m.find()) {
            String w = m.group();
            if (w.endsWith("'s")) w = w.substring(0, w.length() - 2);
            w = w.replace("'", "");
            if (w.isEmpty()) continue;
            w = Abbreviations.MAP.getOrDefault(w, w);
            out.add(new Token(w, stem(w), STOP.contains(w)));
        }
        return out;
    }

    public static String stem(String w) {
        if (!Character.isLetter(w.charAt(0))) return w;
        String s = STEMMER.get().stem(expand(w)).toString();
        return s;
    }

    /** Short forms people type ({@code abbreviations} in the phrase book), loaded on first use. */
    private static final class Abbreviations {
        static final java.util.Map<String, String> MAP = load();

        private static java.util.Map<String, String> load() {
            java.util.Map<String, String> out = new java.util.HashMap<>();
            PhraseBook.root().path("abbreviations").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return java.util.Map.copyOf(out);
        }
    }

    /** Abbreviations in member names, spelled out as people ask. */
    private static String expand(String w) {
        switch (w) {
            case "avg":
                return "average";
            case "num":
            case "nbr":
                return "number";
            case "pct":
                return "percent";
            case "qty":
                return "quantity";
            default:
                return w;
        }
    }

    /** The meaningful stems of a phrase, in order. */
    public static List<String> contentStems(String phrase) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens(phrase)) if (!t.stop()) out.add(t.stem());
        return out;
    }
}
