package io.clarion.catalog.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated, immutable semantic catalog. Member names: measures, dimensions and segments
 * are "cube.name"; metrics are bare names. Time dimensions may carry a grain suffix in queries
 * ("customers.created_date.month"); that is the query stage's business.
 *
 * @param referenceDate the catalog's own "today" for relative dates, or null (see {@link ReferenceDateRule})
 */
public record Catalog(Map<String, Cube> cubes, Map<String, Metric> metrics, AccessPolicy access, List<Rollup> rollups,
                      ReferenceDateRule referenceDate) {
    public Catalog {
        cubes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cubes));
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        access = access == null ? AccessPolicy.DEFAULT : access;
        rollups = rollups == null ? List.of() : List.copyOf(rollups);
    }

    public Catalog(Map<String, Cube> cubes, Map<String, Metric> metrics, AccessPolicy access, List<Rollup> rollups) {
        this(cubes, metrics, access, rollups, null);
    }

    public Catalog(Map<String, Cube> cubes, Map<String, Metric> metrics, AccessPolicy access) {
        this(cubes, metrics, access, List.of());
    }

    public Catalog(Map<String, Cube> cubes, Map<String, Metric> metrics) {
        this(cubes, metrics, AccessPolicy.DEFAULT);
    }

    public Optional<ReferenceDateRule> referenceDateRule() {
        return Optional.ofNullable(referenceDate);
    }

    public Optional<Rollup> rollup(String name) {
        return rollups.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<Cube> cube(String name) {
        return Optional.ofNullable(cubes.get(name));
    }

    public Optional<Metric> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    public Optional<Measure> measure(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot < 0) return Optional.empty();
        return cube(fullName.substring(0, dot)).flatMap(c -> c.measure(fullName.substring(dot + 1)));
    }

    public Optional<Dimension> dimension(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot < 0) return Optional.empty();
        return cube(fullName.substring(0, dot)).flatMap(c -> c.dimension(fullName.substring(dot + 1)));
    }

    public Optional<Segment> segment(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot < 0) return Optional.empty();
        return cube(fullName.substring(0, dot)).flatMap(c -> c.segment(fullName.substring(dot + 1)));
    }

    /** Every member, in declaration order: per cube measures, dimensions, segments; then metrics. */
    public List<Member> members() {
        List<Member> all = new ArrayList<>();
        for (Cube c : cubes.values()) {
            all.addAll(c.measures());
            all.addAll(c.dimensions());
            all.addAll(c.segments());
        }
        all.addAll(metrics.values());
        return all;
    }

    /** Every declared join, in both directions. */
    public List<Join> edges() {
        List<Join> out = new ArrayList<>();
        for (Cube c : cubes.values()) {
            for (Join j : c.joins()) {
                out.add(j);
                out.add(j.reversed());
            }
        }
        return out;
    }

    /** The cube and every cube reached from it by joins that repeat no row of it (many-to-one, one-to-one). */
    public Set<String> reachedWithoutFanOut(String from) {
        return reachedWithoutFanOut(from, cubes);
    }

    /** As {@link #reachedWithoutFanOut(String)}, over cubes not yet made a catalog (while one is loaded). */
    public static Set<String> reachedWithoutFanOut(String from, Map<String, Cube> cubes) {
        Set<String> seen = new LinkedHashSet<>(List.of(from));
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String c = todo.poll();
            for (Cube x : cubes.values()) {
                for (Join j : x.joins()) {
                    for (Join e : List.of(j, j.reversed())) {
                        if (e.from().equals(c) && !e.relationship().fansOut() && seen.add(e.to())) todo.add(e.to());
                    }
                }
            }
        }
        return seen;
    }
}
