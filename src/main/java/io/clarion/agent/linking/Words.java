package io.clarion.agent.linking;

import opennlp.tools.stemmer.snowball.SnowballStemmer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a question span or of a catalog text, each with its stem. The word lists (stop
 * words, span breaks) are data files beside this class, not code, so a catalog in another
 * trade can be served by editing them.
 */
public final class Words {
    /** A word as written (lower case), its stem, and whether it carries no meaning on its own. */
    public record Word(String raw, String stem, boolean stop) {
    }

    private static final Pattern WORD = Pattern.compile("\\d+(?:[.,]\\d+)*%?|\\p{L}+(?:'\\p{L}+)?");
    static final Set<String> STOP = load("stop-words.txt");
    static final Set<String> BREAKS = load("span-breaks.txt");
    static final Set<String> QUALIFIERS = load("qualifiers.txt");
    private static final ThreadLocal<SnowballStemmer> STEMMER =
            ThreadLocal.withInitial(() -> new SnowballStemmer(SnowballStemmer.ALGORITHM.ENGLISH));

    private Words() {
    }

    /** Lower case; underscores, dots and hyphens between words read as spaces ("avg_tenure_days"). */
    public static String normalize(String s) {
        if (s == null) return "";
        return s.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'')
                .replace('_', ' ').replace('-', ' ').replace('.', ' ');
    }

    public static List<Word> of(String text) {
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(normalize(text));
        while (m.find()) {
            String w = m.group();
            if (w.endsWith("'s")) w = w.substring(0, w.length() - 2);
            w = w.replace("'", "");
            if (w.isEmpty()) continue;
            out.add(word(w));
        }
        return out;
    }

    public static Word word(String raw) {
        String w = raw.toLowerCase(Locale.ROOT);
        return new Word(w, stem(w), STOP.contains(w) || BREAKS.contains(w));
    }

    /** The meaningful stems of a text, in order. */
    public static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        for (Word w : of(text)) if (!w.stop()) out.add(w.stem());
        return out;
    }

    static boolean isQualifier(String raw) {
        return QUALIFIERS.contains(raw);
    }

    static boolean isBreak(String raw) {
        return BREAKS.contains(raw);
    }

    static String stem(String w) {
        if (w.isEmpty() || !Character.isLetter(w.charAt(0))) return w;
        return STEMMER.get().stem(spelledOut(w)).toString();
    }

    /** Abbreviations in member names, spelled out as people ask. */
    static String spelledOut(String w) {
        return switch (w) {
            case "avg" -> "average";
            case "num", "nbr" -> "number";
            case "pct" -> "percent";
            case "qty" -> "quantity";
            case "amt" -> "amount";
            case "cnt" -> "count";
            case "mins" -> "minutes";
            case "secs" -> "seconds";
            case "hrs" -> "hours";
            default -> w;
        };
    }

    /** A catalog name as a person would say it: "avg_tenure_days" is "average tenure days". */
    static String spoken(String name) {
        StringBuilder sb = new StringBuilder();
        for (String w : normalize(name).split("\\s+")) {
            if (w.isEmpty()) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(spelledOut(w));
        }
        return sb.toString();
    }

    private static Set<String> load(String file) {
        Set<String> out = new HashSet<>();
        try (InputStream in = Words.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("missing word list " + file);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String w = line.replaceFirst("#.*", "").strip().toLowerCase(Locale.ROOT);
                if (!w.isEmpty()) out.add(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
