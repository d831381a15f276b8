package io.clarion.agent.eval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an answer table matches a gold table, by the question-set rules: same row count;
 * every gold column matched by a distinct answer column holding the same values row for row
 * (extra answer columns allowed); rows as a multiset unless ordered; numbers within 0.5%
 * relative or 0.01 absolute; dates by calendar date; text exactly.
 */
public final class ResultComparison {
    private ResultComparison() {
    }

    /** Empty when the tables match, else the first reason they do not. */
    public static Optional<String> mismatch(List<List<Object>> gold, List<List<Object>> answer, boolean ordered) {
        if (gold.size() != answer.size()) {
            return Optional.of("row count: gold " + gold.size() + ", answer " + answer.size());
        }
        if (gold.isEmpty()) return Optional.empty();
        int g = gold.get(0).size();
        int a = answer.get(0).size();
        if (a < g) return Optional.of("the answer has " + a + " columns, gold has " + g);
        // Candidate answer columns per gold column: same values as a multiset (or in order).
        List<List<Integer>> candidates = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            List<Integer> c = new ArrayList<>();
            for (int j = 0; j < a; j++) if (columnMatches(gold, i, answer, j, ordered)) c.add(j);
            if (c.isEmpty()) return Optional.of("no answer column holds the values of gold column " + (i + 1)
                    + " (first gold value " + gold.get(0).get(i) + ")");
            candidates.add(c);
        }
        int[] mapping = new int[g];
        if (assign(0, candidates, new boolean[a], mapping, gold, answer, ordered)) return Optional.empty();
        return Optional.of("columns match one by one, but no row-for-row pairing matches all of them");
    }

    private static boolean assign(int i, List<List<Integer>> candidates, boolean[] used, int[] mapping,
                                  List<List<Object>> gold, List<List<Object>> answer, boolean ordered) {
        if (i == candidates.size()) return rowsMatch(gold, answer, mapping, ordered);
        for (int j : candidates.get(i)) {
            if (used[j]) continue;
            used[j] = true;
            mapping[i] = j;
            if (assign(i + 1, candidates, used, mapping, gold, answer, ordered)) return true;
            used[j] = false;
        }
        return false;
    }

    private static boolean columnMatches(List<List<Object>> gold, int gi, List<List<Object>> answer, int aj, boolean ordered) {
        List<List<Object>> g = gold.stream().map(r -> List.of(wrap(r.get(gi)))).toList();
        List<List<Object>> a = answer.stream().map(r -> List.of(wrap(r.get(aj)))).toList();
        return rowsMatch(g, a, new int[]{0}, ordered);
    }

    private static Object wrap(Object v) {
        return v == null ? NULL : v;
    }

    private static final Object NULL = new Object();

    private static boolean rowsMatch(List<List<Object>> gold, List<List<Object>> answer, int[] mapping, boolean ordered) {
        if (ordered) {
            for (int r = 0; r < gold.size(); r++) if (!rowMatches(gold.get(r), answer.get(r), mapping)) return false;
            return true;
        }
        // Sorted pairing first: it is the right pairing for tolerance matching, where greedy can
        // pair a value with a near neighbour and strand another.
        if (sortedMatch(gold, answer, mapping)) return true;
        boolean[] taken = new boolean[answer.size()];
        for (List<Object> gr : gold) {
            boolean found = false;
            for (int r = 0; r < answer.size() && !found; r++) {
                if (!taken[r] && rowMatches(gr, answer.get(r), mapping)) {
                    taken[r] = true;
                    found = true;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    private static boolean sortedMatch(List<List<Object>> gold, List<List<Object>> answer, int[] mapping) {
        int[] identity = new int[mapping.length];
        for (int i = 0; i < identity.length; i++) identity[i] = i;
        List<List<Object>> g = new ArrayList<>(gold);
        List<List<Object>> a = new ArrayList<>();
        for (List<Object> row : answer) {
            List<Object> projected = new ArrayList<>();
            for (int m : mapping) projected.add(row.get(m));
            a.add(projected);
        }
        java.util.Comparator<List<Object>> byValues = (x, y) -> {
            for (int i = 0; i < identity.length; i++) {
                int c = compareValues(x.get(i), y.get(i));
                if (c != 0) return c;
            }
            return 0;
        };
        g.sort(byValues);
        a.sort(byValues);
        for (int r = 0; r < g.size(); r++) if (!rowMatches(g.get(r), a.get(r), identity)) return false;
        return true;
    }

    private static int compareValues(Object x, Object y) {
        x = x == NULL ? null : x;
        y = y == NULL ? null : y;
        if (x == null || y == null) return x == null ? (y == null ? 0 : -1) : 1;
        BigDecimal nx = number(x);
        BigDecimal ny = number(y);
        if (nx != null && ny != null) return nx.compareTo(ny);
        LocalDate dx = date(x);
        LocalDate dy = date(y);
        if (dx != null && dy != null) return dx.compareTo(dy);
        return x.toString().compareTo(y.toString());
    }

    private static boolean rowMatches(List<Object> gold, List<Object> answer, int[] mapping) {
        for (int i = 0; i < mapping.length; i++) {
            if (!valueMatches(gold.get(i), answer.get(mapping[i]))) return false;
        }
        return true;
    }

    public static boolean valueMatches(Object gold, Object answer) {
        gold = gold == NULL ? null : gold;
        answer = answer == NULL ? null : answer;
        if (gold == null || answer == null) return gold == null && answer == null;
        BigDecimal gn = number(gold);
        BigDecimal an = number(answer);
        if (gn != null && an != null) {
            BigDecimal diff = gn.subtract(an).abs();
            if (diff.compareTo(new BigDecimal("0.01")) <= 0) return true;
            BigDecimal scale = gn.abs().max(an.abs());
            return diff.compareTo(scale.multiply(new BigDecimal("0.005"))) <= 0;
        }
        LocalDate gd = date(gold);
        LocalDate ad = date(answer);
        if (gd != null && ad != null) return gd.equals(ad);
        return gold.toString().equals(answer.toString());
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal b) return b;
        if (v instanceof Number n) {
            if (v instanceof Double d && (d.isNaN() || d.isInfinite())) return null;
            return new BigDecimal(n.toString());
        }
        return null;
    }

    private static LocalDate date(Object v) {
        if (v instanceof java.sql.Date d) return d.toLocalDate();
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toLocalDate();
        if (v instanceof LocalDate d) return d;
        if (v instanceof LocalDateTime t) return t.toLocalDate();
        if (v instanceof String s && s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            try {
                return LocalDate.parse(s.substring(0, 10));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
