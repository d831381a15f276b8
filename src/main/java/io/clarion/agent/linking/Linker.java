package io.clarion.agent.linking;

import io.clarion.agent.linking.LinkIndex.Field;
import io.clarion.agent.linking.LinkIndex.Phrase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Spans of a question to catalog targets, ranked. Two kinds of evidence, each in [0, 1]:
 * <ul>
 * <li>lexical: the span's stems against a text's stems, weighted by rarity (IDF) across the
 * catalog; all of a name, synonym or value is worth more than part of it, and a description
 * counts less than a name;</li>
 * <li>semantic: the cosine of the span's vector and the text's vector, rescaled so that
 * loosely related phrases (cosine 0.5 or less for this model) score 0.</li>
 * </ul>
 * They combine as independent evidence, {@code 1 - (1 - lexical)(1 - semantic)}: either alone
 * can link, both together link more surely. Without the model the semantic part is 0 and
 * linking is the lexical path alone.
 */
public final class Linker {
    /**
     * Cosine at which similarity starts to count, the cosine that counts fully, and what it
     * is then worth: less than the same words, so a text named as written ranks first.
     */
    static final double COSINE_FLOOR = 0.5;
    static final double COSINE_FULL = 0.9;
    static final double SEMANTIC_MAX = 0.85;
    /** A span longer than this many words is not one name. */
    static final int MAX_SPAN = 4;
    /**
     * Spans embedded per call to {@link #spans}, and the longest span embedded: the rest are
     * linked by their words. Embedding a span costs a few milliseconds of CPU; this bounds a
     * question's reading time.
     */
    static final int EMBED_BUDGET = 6;
    static final int MAX_EMBEDDED_SPAN = 3;

    private final LinkIndex index;

    public Linker(LinkIndex index) {
        this.index = index;
    }

    public LinkIndex index() {
        return index;
    }

    /** The targets a span of words may name, best first, at most {@code max}. */
    public List<Candidate> link(String span, int max) {
        return link(Words.of(span), true, max);
    }

    private List<Candidate> link(List<Words.Word> words, boolean embed, int max) {
        List<String> stems = new ArrayList<>();
        for (Words.Word w : words) if (!w.stop()) stems.add(w.stem());
        if (stems.isEmpty()) return List.of();
        Map<LinkTarget, Evidence> byTarget = new LinkedHashMap<>();
        lexical(words, stems, byTarget);
        if (embed && index.semantic()) semantic(words, byTarget);
        List<Candidate> out = new ArrayList<>();
        for (var e : byTarget.entrySet()) {
            Evidence ev = e.getValue();
            double score = 1 - (1 - ev.lexical) * (1 - ev.semantic);
            if (score <= 0) continue;
            out.add(new Candidate(e.getKey(), score, ev.lexical, ev.semantic, ev.reason()));
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(c -> c.target().label()));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /**
     * The best non-overlapping spans among {@code words} (a question, or the part of it nothing
     * else read), each whose best candidate scores at least {@code minScore}, in word order.
     * A span starts and ends on a meaningful word, does not reach across a break ("by",
     * "and", "for"...), and names something beyond qualifiers ("average", "total").
     */
    public List<SpanLink> spans(List<String> words, double minScore) {
        List<Words.Word> ws = words.stream().map(Words::word).toList();
        List<int[]> candidates = candidates(ws);
        if (index.semantic()) index.embedder.embedAll(embedded(ws, candidates));
        List<SpanLink> all = new ArrayList<>();
        int embedded = 0;
        for (int[] c : candidates) {
            boolean embed = embedded < EMBED_BUDGET && c[2] <= MAX_EMBEDDED_SPAN;
            List<Candidate> cs = link(ws.subList(c[0], c[1] + 1), embed, 5);
            if (embed && index.semantic()) embedded++;
            if (cs.isEmpty() || cs.get(0).score() < minScore) continue;
            all.add(new SpanLink(c[0], c[1], String.join(" ", words.subList(c[0], c[1] + 1)), cs));
        }
        // Better first; on a near tie the longer span, which explains more of the question.
        all.sort(Comparator.comparingDouble((SpanLink s) -> s.best().score() + 0.03 * (s.to() - s.from())).reversed());
        List<SpanLink> chosen = new ArrayList<>();
        boolean[] used = new boolean[ws.size()];
        for (SpanLink s : all) {
            boolean free = true;
            for (int i = s.from(); i <= s.to(); i++) free &= !used[i];
            if (!free) continue;
            for (int i = s.from(); i <= s.to(); i++) used[i] = true;
            chosen.add(s);
        }
        chosen.sort(Comparator.comparingInt(SpanLink::from));
        return chosen;
    }

    /**
     * Embeds at once every span that {@link #spans} will embed for each of these runs of words,
     * so that a question's spans cost one run of the model rather than one each.
     */
    public void prefetch(List<List<String>> runs) {
        if (!index.semantic()) return;
        List<String> texts = new ArrayList<>();
        for (List<String> words : runs) {
            List<Words.Word> ws = words.stream().map(Words::word).toList();
            texts.addAll(embedded(ws, candidates(ws)));
        }
        if (!texts.isEmpty()) index.embedder.embedAll(texts);
    }

    /**
     * Every span of the words, shortest first: the embedding budget goes to single words and
     * pairs, which are most often names; longer spans past it are linked by their words.
     * Each is {from, to, content words}.
     */
    private static List<int[]> candidates(List<Words.Word> ws) {
        List<int[]> candidates = new ArrayList<>();
        for (int from = 0; from < ws.size(); from++) {
            if (ws.get(from).stop()) continue;
            int content = 0;
            boolean named = false;
            for (int to = from; to < ws.size() && content < MAX_SPAN; to++) {
                Words.Word w = ws.get(to);
                if (to > from && Words.isBreak(w.raw())) break;
                if (w.stop()) continue;
                content++;
                named |= !Words.isQualifier(w.raw());
                if (named) candidates.add(new int[]{from, to, content}); // "the total number" qualifies, it does not name
            }
        }
        candidates.sort(Comparator.comparingInt((int[] c) -> c[2]).thenComparingInt(c -> c[0]));
        return candidates;
    }

    /** The texts of the candidates {@link #spans} embeds: the first {@link #EMBED_BUDGET} short enough. */
    private static List<String> embedded(List<Words.Word> ws, List<int[]> candidates) {
        List<String> out = new ArrayList<>();
        for (int[] c : candidates) {
            if (out.size() == EMBED_BUDGET) break;
            if (c[2] <= MAX_EMBEDDED_SPAN) out.add(text(ws.subList(c[0], c[1] + 1)));
        }
        return out;
    }

    /** The text a span is embedded as: its words as written, one space apart. */
    private static String text(List<Words.Word> words) {
        StringBuilder text = new StringBuilder();
        for (Words.Word w : words) {
            if (!text.isEmpty()) text.append(' ');
            text.append(w.raw());
        }
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------

    /** The best evidence for one target, and the catalog text each part came from. */
    private static final class Evidence {
        double lexical;
        double semantic;
        Phrase lexicalPhrase;
        Phrase semanticPhrase;
        boolean exact;
        double cosine;

        String reason() {
            List<String> parts = new ArrayList<>();
            if (lexicalPhrase != null && lexical > 0) {
                parts.add((exact ? "" : "words of ") + describe(lexicalPhrase));
            }
            if (semanticPhrase != null && semantic > 0) {
                parts.add(String.format(Locale.ROOT, "close in meaning to %s (cosine %.2f)", describe(semanticPhrase), cosine));
            }
            return String.join("; ", parts);
        }

        private static String describe(Phrase p) {
            String what = switch (p.field()) {
                case NAME -> "the name";
                case SYNONYM -> "the synonym";
                case VALUE -> "the value";
                case DESCRIPTION -> "the description";
            };
            String text = p.text().length() > 60 ? p.text().substring(0, 57) + "..." : p.text();
            String of = p.field() == Field.VALUE ? " of " + ((LinkTarget.ValueLink) p.target()).dimension().fullName() : "";
            return what + " \"" + text + "\"" + of;
        }
    }

    private void lexical(List<Words.Word> words, List<String> stems, Map<LinkTarget, Evidence> byTarget) {
        Set<String> span = new HashSet<>(stems);
        Set<String> raws = new HashSet<>();
        for (Words.Word w : words) raws.add(w.raw());
        double spanWeight = weight(span);
        Map<Integer, Boolean> seen = new HashMap<>();
        for (String s : span) {
            for (int i : index.byStem.getOrDefault(s, List.of())) {
                if (seen.put(i, Boolean.TRUE) != null) continue;
                Phrase p = index.phrases.get(i);
                Set<String> phrase = new HashSet<>(p.stems());
                Set<String> shared = new HashSet<>(span);
                shared.retainAll(phrase);
                double sharedWeight = weight(shared);
                double explained = sharedWeight / spanWeight;  // how much of the span the text accounts for
                double covered = sharedWeight / weight(phrase); // how much of the text the span says
                boolean exact = span.equals(phrase);
                double score;
                if (p.field() == Field.DESCRIPTION) {
                    // A description is long: only whether it accounts for the span's words counts.
                    score = 0.55 * explained;
                } else if (exact) {
                    // Same stems: as written ("active") beats a stem-alike ("activity").
                    score = writtenAlike(p.text(), raws) ? 1.0 : 0.9;
                } else {
                    score = 0.75 * explained * (0.4 + 0.6 * covered);
                }
                score *= p.field().lexicalWeight;
                Evidence ev = byTarget.computeIfAbsent(p.target(), k -> new Evidence());
                if (score > ev.lexical) {
                    ev.lexical = score;
                    ev.lexicalPhrase = p;
                    ev.exact = exact;
                }
            }
        }
    }

    private static boolean writtenAlike(String text, Set<String> raws) {
        for (Words.Word w : Words.of(text)) if (!w.stop() && !raws.contains(w.raw())) return false;
        return true;
    }

    private double weight(Set<String> stems) {
        double w = 0;
        // A word the catalog never uses is as rare as can be.
        double rarest = Math.log(1.0 + Math.max(1, index.phrases.size()));
        for (String s : stems) w += index.idf.getOrDefault(s, rarest);
        return w;
    }

    /**
     * The span's vector against every phrase's. Four phrases at a time: each sum still adds its
     * products one after another in the same order (so every cosine is exactly what one phrase
     * at a time gives), but the four sums do not wait on each other. This is most of a warm
     * question's reading time on a catalog with thousands of values.
     */
    static double[] dots(float[] q, float[] vs, int d, int n) {
        double[] out = new double[n];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int b0 = i * d;
            int b1 = b0 + d;
            int b2 = b1 + d;
            int b3 = b2 + d;
            double d0 = 0;
            double d1 = 0;
            double d2 = 0;
            double d3 = 0;
            for (int k = 0; k < d; k++) {
                float qk = q[k];
                d0 += qk * vs[b0 + k];
                d1 += qk * vs[b1 + k];
                d2 += qk * vs[b2 + k];
                d3 += qk * vs[b3 + k];
            }
            out[i] = d0;
            out[i + 1] = d1;
            out[i + 2] = d2;
            out[i + 3] = d3;
        }
        for (; i < n; i++) {
            double dot = 0;
            int base = i * d;
            for (int k = 0; k < d; k++) dot += q[k] * vs[base + k];
            out[i] = dot;
        }
        return out;
    }

    private void semantic(List<Words.Word> words, Map<LinkTarget, Evidence> byTarget) {
        float[] q = index.embedder.embed(text(words));
        if (q == null || q.length != index.dim) return;
        double norm = 0;
        for (float x : q) norm += x * x;
        norm = Math.sqrt(norm);
        if (norm == 0) return;
        double[] dots = dots(q, index.vectors, index.dim, index.phrases.size());
        for (int i = 0; i < index.phrases.size(); i++) {
            double cos = dots[i] / norm;
            if (cos <= COSINE_FLOOR) continue;
            Phrase p = index.phrases.get(i);
            double score = SEMANTIC_MAX * Math.min(1.0, (cos - COSINE_FLOOR) / (COSINE_FULL - COSINE_FLOOR))
                    * p.field().semanticWeight;
            Evidence ev = byTarget.computeIfAbsent(p.target(), k -> new Evidence());
            if (score > ev.semantic) {
                ev.semantic = score;
                ev.semanticPhrase = p;
                ev.cosine = cos;
            }
        }
    }
}
