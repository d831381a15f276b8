package io.clarion.agent.linking;

import io.clarion.agent.language.Text;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Every way the catalog lets people name something: member names, synonyms, and the values of
 * low-cardinality string dimensions. Finds them in a question's words, longest first, allowing
 * a word or two in between ("average case resolution, in hours" names average resolution hours).
 */
public final class Lexicon {

    /** What a phrase names: a member, or a value of a dimension. */
    public sealed interface Target permits MemberTarget, ValueTarget {
    }

    public record MemberTarget(Member member) implements Target {
    }

    public record ValueTarget(Dimension dimension, String value) implements Target {
    }

    /** One phrase; {@code byName} when it is the member's own name (a stronger signal than a synonym). */
    public record Entry(List<String> stems, Set<String> raws, Target target, boolean byName, Set<String> barriersInside) {
    }

    /** Words that separate what is asked from how it is cut: a phrase does not reach across them. */
    public static final Set<String> BARRIERS = Set.of("by", "per", "each", "every", "across", "and", "vs", "versus", "or", "for", "from",
            "have", "has", "had", "with", "contain", "contains", "include", "includes", "hold", "holds");

    /**
     * A place in the question naming one or more targets (the same words can name a metric, a
     * measure and a dimension: which one is meant depends on the role the words play).
     */
    public record Mention(TreeSet<Integer> positions, double score, List<Entry> entries) {
        /** The words at {@code positions} read as {@code member}: settled by a reading rule, ahead of any phrase match. */
        public static Mention settled(java.util.Collection<Integer> positions, Member member) {
            return new Mention(new TreeSet<>(positions), 100, List.of(new Entry(List.of(), Set.of(), new MemberTarget(member), true, Set.of())));
        }

        public int first() {
            return positions.first();
        }

        public int last() {
            return positions.last();
        }

        public List<Target> targets() {
            List<Target> t = new ArrayList<>();
            for (Entry e : entries) if (!t.contains(e.target())) t.add(e.target());
            return t;
        }

        public boolean byName(Target t) {
            return entries.stream().anyMatch(e -> e.target().equals(t) && e.byName());
        }

        public boolean bySynonym(Target t) {
            return entries.stream().anyMatch(e -> e.target().equals(t) && !e.byName());
        }
    }

    private final List<Entry> entries;
    /** A name or synonym of a metric with a window of its own, word by word ("ytd revenue"). */
    private record WindowPhrase(Target target, List<String> words) {
    }

    private final List<WindowPhrase> windowPhrases;
    /**
     * Positions in {@link #entries} by each phrase's first stem, in list order: every match, in
     * order or swapped, holds a word with that stem, so a question is tried only against the
     * phrases that can match it (a catalog with thousands of values would otherwise be walked
     * whole, up to three times a question). Built once per lexicon, that is per catalog load.
     */
    private final Map<String, int[]> byFirstStem;
    /** Every word the catalog's names, synonyms and values are written with: what a misspelling is corrected to. */
    private final Set<String> vocabulary;

    private Lexicon(List<Entry> entries, List<WindowPhrase> windowPhrases) {
        this.entries = entries;
        this.windowPhrases = windowPhrases;
        Map<String, List<Integer>> index = new java.util.HashMap<>();
        for (int i = 0; i < entries.size(); i++) index.computeIfAbsent(entries.get(i).stems().get(0), k -> new ArrayList<>()).add(i);
        Map<String, int[]> packed = new java.util.HashMap<>();
        index.forEach((stem, at) -> packed.put(stem, at.stream().mapToInt(Integer::intValue).toArray()));
        this.byFirstStem = Map.copyOf(packed);
        Set<String> words = new java.util.HashSet<>();
        for (Entry e : entries) words.addAll(e.raws());
        this.vocabulary = Set.copyOf(words);
    }

    public Set<String> vocabulary() {
        return vocabulary;
    }

    public static Lexicon of(Catalog catalog, Map<Dimension, List<String>> values, Predicate<Member> allowed) {
        List<Entry> out = new ArrayList<>();
        List<WindowPhrase> windows = new ArrayList<>();
        for (Member m : catalog.members()) {
            if (!allowed.test(m)) continue;
            add(out, m.name(), new MemberTarget(m), true);
            for (String s : m.info().synonyms()) add(out, s, new MemberTarget(m), false);
            if (m instanceof Metric mt && (mt.cumulative() != null || mt.conversion() != null)) {
                List<String> phrases = new ArrayList<>(mt.info().synonyms());
                phrases.add(mt.name());
                for (String s : phrases) windows.add(new WindowPhrase(new MemberTarget(m), Text.tokens(s).stream().map(Text.Token::raw).toList()));
            }
        }
        addColumnWords(catalog, allowed, out);
        values.forEach((d, vs) -> {
            if (!allowed.test(d)) return;
            for (String v : vs) add(out, v, new ValueTarget(d, v), true);
        });
        RowWords.yesColumns(values, allowed, out);
        RowWords.cubeNames(catalog, allowed, out);
        return new Lexicon(out, windows);
    }

    /** "units" for a member named after a quantity column: the everyday noun for what the column holds ({@code column_words}). */
    private static void addColumnWords(Catalog catalog, Predicate<Member> allowed, List<Entry> out) {
        var words = io.clarion.agent.language.PhraseBook.root().path("column_words");
        for (Member m : catalog.members()) {
            if (!allowed.test(m) || m instanceof Metric || m instanceof io.clarion.catalog.model.Segment) continue;
            List<String> parts = List.of(m.name().toLowerCase(java.util.Locale.ROOT).split("_"));
            words.fields().forEachRemaining(e -> e.getValue().forEach(col -> {
                int at = parts.indexOf(col.asText());
                if (at < 0) return;
                List<String> named = new ArrayList<>(parts);
                named.set(at, e.getKey());
                add(out, String.join(" ", named), new MemberTarget(m), false);
            }));
        }
    }

    static void add(List<Entry> out, String phrase, Target t, boolean byName) {
        List<String> stems = Text.contentStems(phrase);
        Set<String> inside = new java.util.HashSet<>();
        Set<String> raws = new java.util.HashSet<>();
        for (Text.Token tok : Text.tokens(phrase)) {
            if (BARRIERS.contains(tok.raw())) inside.add(tok.raw());
            raws.add(tok.raw());
        }
        // "Alternative & Punk" is said "alternative and punk": the "and" belongs to the name.
        if (phrase.contains("&")) inside.add("and");
        if (!stems.isEmpty()) out.add(new Entry(stems, raws, t, byName, inside));
    }

    public Lexicon without(Predicate<Target> drop) {
        return new Lexicon(entries.stream().filter(e -> !drop.test(e.target())).toList(),
                windowPhrases.stream().filter(w -> !drop.test(w.target())).toList());
    }

    /**
     * Whether the words {@code from..to} of the question lie inside the name or a synonym of a
     * metric with a window of its own, written word for word: "ytd revenue" or "trailing 28 day
     * active users" names that metric, whose window is built in, rather than a date range.
     */
    public boolean namesWindow(List<Text.Token> tokens, int from, int to) {
        for (WindowPhrase w : windowPhrases) {
            List<String> phrase = w.words();
            for (int start = Math.max(0, to - phrase.size() + 1); start <= from && start + phrase.size() <= tokens.size(); start++) {
                boolean same = true;
                for (int i = 0; i < phrase.size() && same; i++) same = tokens.get(start + i).raw().equals(phrase.get(i));
                if (same) return true;
            }
        }
        return false;
    }

    /**
     * Non-overlapping mentions in the question, best first. {@code taken} marks words already
     * read as something else (a date range, a comparison).
     */
    public List<Mention> find(List<Text.Token> tokens, boolean[] taken) {
        List<Integer> content = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (!tokens.get(i).stop() && !taken[i]) content.add(i);
        Map<TreeSet<Integer>, List<Entry>> byPositions = new LinkedHashMap<>();
        Map<TreeSet<Integer>, Double> scores = new LinkedHashMap<>();
        for (int at : candidates(content, tokens)) {
            Entry e = entries.get(at);
            boolean swappable = e.target() instanceof MemberTarget mt
                    && !(mt.member() instanceof Dimension) && !(mt.member() instanceof io.clarion.catalog.model.Segment);
            // Names of dimensions and values are short nouns: read only as written, word after word.
            boolean contiguous = e.target() instanceof ValueTarget
                    || (e.target() instanceof MemberTarget mt2 && mt2.member() instanceof Dimension);
            for (Match m : matches(e.stems(), content, tokens, swappable, contiguous)) {
                // A phrase read the other way round keeps none of its own barrier words: "signups by
                // channel" names a metric, "channels by signups" ranks channels.
                if (crossesBarrier(m.positions, tokens, m.swapped ? Set.of() : e.barriersInside())) continue;
                if (!e.byName() && stateForEvent(e, m.positions, tokens)) continue;
                byPositions.computeIfAbsent(m.positions, k -> new ArrayList<>()).add(e);
                scores.merge(m.positions, m.score, Math::max);
            }
        }
        // "the growth plan": a value followed by the name of its own dimension reads as that
        // two-part phrase, ahead of a longer phrase that would take the value's word on its own.
        Map<TreeSet<Integer>, Double> named = new LinkedHashMap<>();
        for (var e : byPositions.entrySet()) {
            for (var next : byPositions.entrySet()) {
                if (next.getKey().first() != e.getKey().last() + 1) continue;
                boolean own = e.getValue().stream().anyMatch(v -> v.target() instanceof ValueTarget vt
                        && next.getValue().stream().anyMatch(d -> d.target().equals(new MemberTarget(vt.dimension()))));
                if (own) named.merge(e.getKey(), scores.get(e.getKey()) + scores.get(next.getKey()), Math::max);
            }
        }
        named.forEach((k, v) -> scores.merge(k, v, Math::max));
        List<TreeSet<Integer>> order = new ArrayList<>(byPositions.keySet());
        order.sort(Comparator.<TreeSet<Integer>>comparingDouble(scores::get).reversed()
                .thenComparingInt(TreeSet::first));
        List<Mention> chosen = new ArrayList<>();
        for (TreeSet<Integer> p : order) {
            boolean clash = false;
            for (int i = 0; i < chosen.size(); i++) {
                Mention c = chosen.get(i);
                // Overlapping words, or lying wholly inside a better mention's span ("ticket" in
                // "average ticket resolution time"): not a mention of its own.
                boolean overlaps = p.stream().anyMatch(c.positions()::contains);
                // A value inside a phrase still filters: "active enterprise customers".
                boolean inside = p.first() > c.first() && p.last() < c.last()
                        && byPositions.get(p).stream().noneMatch(e -> e.target() instanceof ValueTarget);
                if (overlaps || inside) {
                    clash = true;
                    // Two phrases of the same member side by side ("support tickets" + "tickets
                    // opened") are one mention of it.
                    if (overlaps && byPositions.get(p).stream().anyMatch(e -> c.targets().contains(e.target()))) {
                        TreeSet<Integer> merged = new TreeSet<>(c.positions());
                        merged.addAll(p);
                        chosen.set(i, new Mention(merged, c.score(), c.entries()));
                    }
                    break;
                }
            }
            if (!clash) chosen.add(new Mention(p, scores.get(p), exactest(byPositions.get(p), p, tokens)));
        }
        chosen.sort(Comparator.comparingInt(Mention::first));
        return chosen;
    }

    /** The entries whose first stem is among the unread words, in list order (the order ties are broken in). */
    private int[] candidates(List<Integer> content, List<Text.Token> tokens) {
        Set<String> stems = new java.util.HashSet<>();
        for (int i : content) stems.add(tokens.get(i).stem());
        int n = 0;
        List<int[]> parts = new ArrayList<>();
        for (String s : stems) {
            int[] at = byFirstStem.get(s);
            if (at == null) continue;
            parts.add(at);
            n += at.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (int[] at : parts) {
            System.arraycopy(at, 0, out, k, at.length);
            k += at.length;
        }
        java.util.Arrays.sort(out); // each entry has one first stem: no duplicates
        return out;
    }

    /**
     * Of the phrases found at the same words, those written as the question writes them:
     * "active" is the active segment, not "activity" (both stem to "activ").
     */
    private static List<Entry> exactest(List<Entry> entries, TreeSet<Integer> positions, List<Text.Token> tokens) {
        int best = -1;
        Map<Entry, Integer> exact = new java.util.HashMap<>();
        for (Entry e : entries) {
            int n = 0;
            for (int p : positions) if (e.raws().contains(tokens.get(p).raw())) n++;
            exact.put(e, n);
            best = Math.max(best, n);
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) if (exact.get(e) == best) out.add(e);
        return out;
    }

    /**
     * "tickets still open" is no "tickets opened": a synonym that says an event (a participle,
     * "opened", "closed") is not read from the state the question says ("open", "closed" said of
     * the rows now) when only the stem is shared.
     */
    private static boolean stateForEvent(Entry e, TreeSet<Integer> positions, List<Text.Token> tokens) {
        for (int p : positions) {
            String w = tokens.get(p).raw();
            if (e.raws().contains(w)) continue;
            boolean stated = p > 0 && STATE_WORDS.contains(tokens.get(p - 1).raw());
            if (stated && (e.raws().contains(w + "ed") || e.raws().contains(w + "d"))) return true;
        }
        return false;
    }

    /** Words that say a state, not an act: "are open", "still open", "remain closed". */
    private static final Set<String> STATE_WORDS = Set.of("is", "are", "was", "were", "still", "remain", "remains", "remained",
            "currently", "stay", "stays", "now", "being");

    private record Match(TreeSet<Integer> positions, double score, boolean swapped) {
    }

    private static boolean crossesBarrier(TreeSet<Integer> positions, List<Text.Token> tokens, Set<String> allowed) {
        for (int i = positions.first() + 1; i < positions.last(); i++) {
            String w = tokens.get(i).raw();
            // "customers have churned": an auxiliary before a participle joins, "have a health score" does not.
            boolean auxiliary = Set.of("have", "has", "had").contains(w) && i + 1 < tokens.size() && tokens.get(i + 1).raw().endsWith("ed");
            if (BARRIERS.contains(w) && !allowed.contains(w) && !auxiliary) return true;
        }
        return false;
    }

    /** In-order matches with at most a couple of words between; two-word phrases also swapped. */
    private static List<Match> matches(List<String> stems, List<Integer> content, List<Text.Token> tokens, boolean swappable,
                                       boolean contiguous) {
        List<Match> out = new ArrayList<>();
        int k = stems.size();
        int maxGap = contiguous || k == 1 ? 0 : k == 2 ? 1 : 2;
        for (int s = 0; s < content.size(); s++) {
            if (!tokens.get(content.get(s)).stem().equals(stems.get(0))) continue;
            TreeSet<Integer> pos = new TreeSet<>();
            pos.add(content.get(s));
            int j = s + 1, gaps = 0, matched = 1;
            while (matched < k && j < content.size() && gaps <= maxGap) {
                if (tokens.get(content.get(j)).stem().equals(stems.get(matched))) {
                    pos.add(content.get(j));
                    matched++;
                } else {
                    gaps++;
                }
                j++;
            }
            if (matched == k && gaps <= maxGap) out.add(new Match(pos, k + (gaps == 0 ? 0.3 : 0), false));
        }
        if (k == 2 && swappable) {
            for (int s = 0; s + 1 < content.size(); s++) {
                if (tokens.get(content.get(s)).stem().equals(stems.get(1))
                        && tokens.get(content.get(s + 1)).stem().equals(stems.get(0))) {
                    out.add(new Match(new TreeSet<>(Set.of(content.get(s), content.get(s + 1))), k - 0.2, true));
                }
            }
        }
        return out;
    }

    public Collection<Entry> entries() {
        return entries;
    }
}
