package io.clarion.agent.linking;

import io.clarion.agent.Labels;
import io.clarion.agent.language.Text;

import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.agent.linking.Candidate;
import io.clarion.agent.linking.Embedder;
import io.clarion.agent.linking.LinkIndex;
import io.clarion.agent.linking.LinkTarget;
import io.clarion.agent.linking.Linker;
import io.clarion.agent.linking.SpanLink;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.Member;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The linker as the offline reader's fallback: words of a question that no catalog phrase,
 * date, comparison or ranking read are linked to the catalog (by their words and by meaning),
 * and a confident link becomes a mention like any the lexicon finds, with an assumption that
 * says which words were read as what, and why.
 */
public final class LinkedMentions {
    /** A link weaker than this is no reading: the words stay unread (and are said to be). */
    public static final double MIN_SCORE = 0.62;
    /** Readings of the same words within this of the best are kept beside it: the role decides. */
    public static final double KEEP_WITHIN = 0.08;
    /**
     * Two different metrics this close are two readings, not one: the words are left for the
     * reader's own choice (a clarifying question naming both) rather than picked here.
     */
    public static final double TIE = 0.05;

    private final Catalog catalog;
    private final Linker linker;

    /** Words in the column names of three or more tables ("id", "name"): alone they say no one column. */
    private final Set<String> generic;

    private LinkedMentions(Catalog catalog, Linker linker) {
        this.catalog = catalog;
        this.linker = linker;
        Map<String, Set<String>> cubesByWord = new java.util.HashMap<>();
        for (Cube c : catalog.cubes().values()) {
            for (Dimension d : c.dimensions()) {
                for (String w : d.name().toLowerCase(java.util.Locale.ROOT).split("_")) {
                    cubesByWord.computeIfAbsent(w, k -> new HashSet<>()).add(c.name());
                }
            }
        }
        Set<String> words = new HashSet<>();
        cubesByWord.forEach((w, cubes) -> {
            if (cubes.size() >= 3) words.add(w);
        });
        this.generic = Set.copyOf(words);
    }

    public static LinkedMentions of(Catalog catalog, Map<Dimension, List<String>> values, Predicate<Member> allowed,
                             Embedder embedder) {
        return new LinkedMentions(catalog, new Linker(LinkIndex.build(catalog, values, allowed, embedder)));
    }

    public Linker linker() {
        return linker;
    }

    /**
     * Mentions for the runs of meaningful words nothing else read ({@code taken} false), each
     * with an assumption added to {@code assumptions}; marks their words as read. {@code found}
     * are the mentions read before: a table's name right before one of its own members
     * ("invoice total", "track price") says whose member it is, and is not a second mention.
     */
    public List<Mention> find(List<Text.Token> tokens, boolean[] taken, List<Mention> found, List<String> assumptions) {
        List<Mention> out = new ArrayList<>();
        // The runs first: linking one marks only its own words, so they do not depend on each
        // other, and all their spans are embedded in one go.
        List<Integer> starts = new ArrayList<>();
        List<List<String>> runWords = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            if (taken[i] || !linkable(tokens.get(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end + 1 < tokens.size() && !taken[end + 1] && (linkable(tokens.get(end + 1)) || tokens.get(end + 1).stop())) end++;
            List<String> words = new ArrayList<>();
            for (int k = i; k <= end; k++) words.add(tokens.get(k).raw());
            starts.add(i);
            runWords.add(words);
            i = end + 1;
        }
        if (runWords.size() > 1) linker.prefetch(runWords);
        for (int r = 0; r < starts.size(); r++) {
            int start = starts.get(r);
            for (SpanLink s : linker.spans(runWords.get(r), MIN_SCORE)) {
                Optional<Mention> m = mention(s, start, tokens);
                // "tickets still open": a word that only fills a sentence ("still") names nothing alone,
                // however close a synonym holding it ("still active") comes.
                if (m.isEmpty() || m.get().positions().stream().allMatch(p -> FILLERS.contains(tokens.get(p).raw()))) continue;
                // "…, id and total": a column word many tables share names none of them by itself.
                if (m.get().positions().size() == 1 && generic.contains(tokens.get(m.get().first()).raw())) continue;
                if (namesOwnerOfNext(s, m.get(), found)) {
                    for (int p : m.get().positions()) taken[p] = true;
                    continue;
                }
                out.add(m.get());
                for (int p : m.get().positions()) taken[p] = true;
                assumptions.add("Read \"" + s.text() + "\" as " + describe(m.get()) + " (" + s.best().reason() + ").");
            }
        }
        return out;
    }

    private static boolean namesOwnerOfNext(SpanLink s, Mention m, List<Mention> found) {
        if (!(s.best().target() instanceof LinkTarget.EntityLink e)) return false;
        int next = m.last() + 1;
        for (Mention f : found) {
            if (f.first() != next) continue;
            for (Target t : f.targets()) {
                Member member = t instanceof MemberTarget mt ? mt.member() : t instanceof ValueTarget vt ? vt.dimension() : null;
                if (member != null && member.fullName().startsWith(e.cube().name() + ".")) return true;
            }
        }
        return false;
    }

    private static final Set<String> FILLERS = io.clarion.agent.language.PhraseBook.words("fillers");

    private static boolean linkable(Text.Token t) {
        return !t.stop() && Character.isLetter(t.raw().charAt(0));
    }

    private Optional<Mention> mention(SpanLink s, int offset, List<Text.Token> tokens) {
        TreeSet<Integer> positions = new TreeSet<>();
        List<String> stems = new ArrayList<>();
        Set<String> raws = new HashSet<>();
        for (int p = offset + s.from(); p <= offset + s.to(); p++) {
            if (tokens.get(p).stop()) continue;
            positions.add(p);
            stems.add(tokens.get(p).stem());
            raws.add(tokens.get(p).raw());
        }
        if (positions.isEmpty() || twoMetrics(s)) return Optional.empty();
        List<Entry> entries = new ArrayList<>();
        double best = s.best().score();
        for (Candidate c : s.candidates()) {
            if (c.score() < Math.max(MIN_SCORE, best - KEEP_WITHIN)) break;
            Optional<Target> t = target(c.target());
            if (t.isEmpty() || entries.stream().anyMatch(e -> e.target().equals(t.get()))) continue;
            entries.add(new Entry(stems, raws, t.get(), false, Set.of()));
        }
        if (entries.isEmpty()) return Optional.empty();
        return Optional.of(new Mention(positions, best, entries));
    }

    /** Whether two different measures (a simple metric counts as the measure it names) tie for the best. */
    private static boolean twoMetrics(SpanLink s) {
        Set<String> measures = new HashSet<>();
        for (Candidate c : s.candidates()) {
            if (c.score() < s.best().score() - TIE) break;
            if (c.target() instanceof LinkTarget.MemberLink m) {
                if (m.member() instanceof Metric mt) {
                    measures.add(mt.type() == MetricType.SIMPLE && mt.filters().isEmpty() ? mt.expression().strip() : mt.name());
                } else if (m.member() instanceof Measure ms) {
                    measures.add(ms.fullName());
                }
            }
        }
        return measures.size() > 1;
    }

    /** The lexicon's kind of target; an entity is read as the plain count of its rows. */
    private Optional<Target> target(LinkTarget t) {
        if (t instanceof LinkTarget.MemberLink m) return Optional.of(new MemberTarget(m.member()));
        if (t instanceof LinkTarget.ValueLink v) return Optional.of(new ValueTarget(v.dimension(), v.value()));
        if (t instanceof LinkTarget.EntityLink e) return rowCount(e.cube()).map(MemberTarget::new);
        return Optional.empty();
    }

    private static Optional<Member> rowCount(Cube cube) {
        return cube.measures().stream()
                .filter(m -> m.type() == MeasureType.COUNT && m.filters().isEmpty() && m.info().certified())
                .map(m -> (Member) m).findFirst();
    }

    private String describe(Mention m) {
        Target t = m.entries().get(0).target();
        if (t instanceof ValueTarget v) return Labels.of(catalog, v.dimension().fullName()) + " \"" + v.value() + "\"";
        return ((MemberTarget) t).member().fullName();
    }
}
