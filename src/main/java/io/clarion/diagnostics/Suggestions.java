package io.clarion.diagnostics;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the candidates nearest a misspelt name, by edit distance. */
public final class Suggestions {
    static final int MAX_NAME = 200;

    private Suggestions() {
    }

    public static List<String> closest(String name, Collection<String> candidates) {
        return closest(name, candidates, 3);
    }

    public static List<String> closest(String name, Collection<String> candidates, int max) {
        // No name is hundreds of characters long: such input is no typo, and comparing it costs length x length per candidate.
        if (name == null || name.isBlank() || name.length() > MAX_NAME) return List.of();
        String n = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, n.length() / 3);
        record Scored(String candidate, int distance) {
        }
        return candidates.stream()
                .distinct()
                .map(c -> new Scored(c, distance(n, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= limit || tailMatches(n, s.candidate().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .limit(max)
                .map(Scored::candidate)
                .toList();
    }

    /** The candidate at most {@code maxEdits} edits from {@code name} (ignoring case), nearest first; empty when none is that close. */
    public static java.util.Optional<String> within(String name, Collection<String> candidates, int maxEdits) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) return java.util.Optional.empty();
        String n = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (Math.abs(c.length() - n.length()) > maxEdits) continue;
            int d = distance(n, c.toLowerCase(Locale.ROOT));
            if (d <= maxEdits && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    // "count" should suggest "customers.count": compare against the part after the last dot too.
    private static boolean tailMatches(String n, String candidate) {
        int dot = candidate.lastIndexOf('.');
        if (dot < 0 || n.contains(".")) return false;
        String tail = candidate.substring(dot + 1);
        return distance(n, tail) <= Math.max(1, n.length() / 4);
    }

    /** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
