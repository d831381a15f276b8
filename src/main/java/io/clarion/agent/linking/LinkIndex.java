package io.clarion.agent.linking;

import io.clarion.agent.linking.LinkTarget.EntityLink;
import io.clarion.agent.linking.LinkTarget.MemberLink;
import io.clarion.agent.linking.LinkTarget.ValueLink;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every text the catalog gives for something a question can name, built once per catalog load
 * (and again when dimension values are re-read): members' names, synonyms and descriptions,
 * dimension values, and each cube as an entity. Each text keeps its stems (for the lexical
 * path) and, when the embedding model is there, its vector, computed here and not per question.
 */
public final class LinkIndex {
    /**
     * Where a text comes from; a name, a synonym or a value is a stronger signal than a
     * description. Values are named by their own words: similar-sounding values of one
     * dimension ("Brazil", "Argentina") are close in meaning, so meaning alone weighs little there.
     */
    enum Field {
        NAME(1.0, 1.0), SYNONYM(1.0, 1.0), VALUE(1.0, 0.6), DESCRIPTION(0.8, 0.9);

        final double lexicalWeight;
        final double semanticWeight;

        Field(double lexicalWeight, double semanticWeight) {
            this.lexicalWeight = lexicalWeight;
            this.semanticWeight = semanticWeight;
        }
    }

    /** One text of one target: its stems for word matching, and the text given to the model. */
    record Phrase(LinkTarget target, Field field, String text, List<String> stems, String embedded) {
    }

    /** Drafted placeholders ("TODO: describe x.") say nothing about the member. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i)\\bTODO:?\\s*describe\\s+[\\w.]+\\.?");
    /** A drafted description lists the values seen when it was drafted: "Values when drafted: A (3), B (2), ...". */
    private static final Pattern DRAFTED_VALUES = Pattern.compile("(?i)\\s*Values when drafted:\\s*(.*?)(?:,\\s*\\.\\.\\.)?\\.?\\s*$");
    private static final Pattern DRAFTED_VALUE = Pattern.compile("\\s*(.+?)\\s*\\(\\d+\\)\\s*");
    private static final int DESCRIPTION_WORDS = 40;

    final List<Phrase> phrases;
    final Map<String, List<Integer>> byStem;
    final Map<String, Double> idf;
    /** Unit vectors, {@code dim} floats per phrase; a phrase the model could not embed has zeros. */
    final float[] vectors;
    final int dim;
    final Embedder embedder;
    final long buildMillis;

    private LinkIndex(List<Phrase> phrases, Embedder embedder, long startNanos) {
        this.phrases = List.copyOf(phrases);
        this.embedder = embedder;
        Map<String, List<Integer>> index = new HashMap<>();
        Map<String, Integer> df = new HashMap<>();
        for (int i = 0; i < phrases.size(); i++) {
            for (String s : new HashSet<>(phrases.get(i).stems())) {
                index.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
                df.merge(s, 1, Integer::sum);
            }
        }
        this.byStem = Map.copyOf(index);
        Map<String, Double> w = new HashMap<>();
        int n = Math.max(1, phrases.size());
        df.forEach((s, f) -> w.put(s, Math.log(1.0 + (double) n / f)));
        this.idf = Map.copyOf(w);
        float[] vs = null;
        int d = 0;
        if (embedder.available() && !phrases.isEmpty()) {
            List<float[]> got = embedder.embedAll(phrases.stream().map(Phrase::embedded).toList());
            for (float[] v : got) if (v != null) d = v.length;
            if (d > 0) {
                vs = new float[d * phrases.size()];
                for (int i = 0; i < got.size(); i++) {
                    float[] v = got.get(i);
                    if (v != null && v.length == d) System.arraycopy(unit(v), 0, vs, i * d, d);
                }
            }
        }
        this.vectors = vs;
        this.dim = d;
        this.buildMillis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * The index of a catalog: members the predicate allows (certified ones, for the chat), the
     * values read from the warehouse (or, for a dimension without any, the values a drafted
     * description lists), and each cube with an allowed member as an entity.
     */
    public static LinkIndex build(Catalog catalog, Map<Dimension, List<String>> values, Predicate<Member> allowed,
                                  Embedder embedder) {
        long t0 = System.nanoTime();
        List<Phrase> out = new ArrayList<>();
        Set<String> entityCubes = new HashSet<>();
        for (Member m : catalog.members()) {
            if (!allowed.test(m)) continue;
            MemberLink t = new MemberLink(m);
            String cube = cubeOf(m);
            String name = Words.spoken(m.name());
            // "count" alone says little to the model; "album count" does.
            String qualified = cube == null || name.contains(Words.spoken(cube)) ? name : Words.spoken(cube) + " " + name;
            add(out, t, Field.NAME, m.name(), Words.stems(m.name()), qualified);
            for (String s : m.info().synonyms()) add(out, t, Field.SYNONYM, s, Words.stems(s), s);
            String description = description(m.info().description());
            if (!description.isEmpty()) {
                add(out, t, Field.DESCRIPTION, description, Words.stems(description), description);
            }
            if (cube != null) entityCubes.add(cube);
        }
        Map<Dimension, List<String>> allValues = new LinkedHashMap<>();
        values.forEach((d, vs) -> {
            if (allowed.test(d)) allValues.put(d, vs);
        });
        for (Cube c : catalog.cubes().values()) {
            for (Dimension d : c.dimensions()) {
                if (allowed.test(d) && !allValues.containsKey(d) && !d.info().pii()) {
                    List<String> drafted = draftedValues(d.info().description());
                    if (!drafted.isEmpty()) allValues.put(d, drafted);
                }
            }
        }
        allValues.forEach((d, vs) -> {
            for (String v : vs) {
                if (v == null || v.isBlank()) continue;
                add(out, new ValueLink(d, v), Field.VALUE, v, Words.stems(v), v);
            }
        });
        for (String cubeName : entityCubes) {
            Cube c = catalog.cube(cubeName).orElseThrow();
            EntityLink t = new EntityLink(c);
            add(out, t, Field.NAME, c.name(), Words.stems(c.name()), Words.spoken(c.name()));
            String description = description(c.info().description());
            if (!description.isEmpty()) add(out, t, Field.DESCRIPTION, description, Words.stems(description), description);
        }
        return new LinkIndex(out, embedder, t0);
    }

    private static void add(List<Phrase> out, LinkTarget t, Field f, String text, List<String> stems, String embedded) {
        if (stems.isEmpty() && embedded.isBlank()) return;
        out.add(new Phrase(t, f, text, List.copyOf(stems), embedded.strip()));
    }

    static String cubeOf(Member m) {
        int dot = m.fullName().indexOf('.');
        return dot > 0 ? m.fullName().substring(0, dot) : null;
    }

    /** A description without drafted placeholders or drafted value lists, cut to its first words. */
    static String description(String d) {
        if (d == null) return "";
        String s = DRAFTED_VALUES.matcher(PLACEHOLDER.matcher(d).replaceAll("")).replaceAll("").strip();
        String[] words = s.split("\\s+");
        if (words.length > DESCRIPTION_WORDS) s = String.join(" ", java.util.Arrays.copyOf(words, DESCRIPTION_WORDS));
        return s;
    }

    static List<String> draftedValues(String d) {
        if (d == null) return List.of();
        Matcher m = DRAFTED_VALUES.matcher(d);
        if (!m.find()) return List.of();
        List<String> out = new ArrayList<>();
        for (String part : m.group(1).split(",(?=[^,]*\\(\\d+\\))")) {
            Matcher v = DRAFTED_VALUE.matcher(part);
            if (v.matches()) out.add(v.group(1));
        }
        return out;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        if (n == 0) return v;
        float inv = (float) (1.0 / Math.sqrt(n));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }

    /** Whether similarity of meaning is available (the model loaded and embedded the catalog's texts). */
    public boolean semantic() {
        return vectors != null;
    }

    public int size() {
        return phrases.size();
    }

    /** How long building took, embedding included, in milliseconds. */
    public long buildMillis() {
        return buildMillis;
    }
}
