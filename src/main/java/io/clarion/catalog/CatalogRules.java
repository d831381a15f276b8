package io.clarion.catalog;

import io.clarion.catalog.Declarations.RawCube;
import io.clarion.catalog.Declarations.RawMember;
import io.clarion.catalog.Declarations.RawMetric;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules phase, over the resolved catalog: names are identifiers, a cube has at most one
 * primary key, and neither metrics nor dimension SQL refer to themselves in a cycle.
 */
final class CatalogRules {
    private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]*", Pattern.CASE_INSENSITIVE);

    private final List<Issue> issues;

    private CatalogRules(List<Issue> issues) {
        this.issues = issues;
    }

    static void check(Declarations declared, Map<String, Cube> cubes, Map<String, Metric> metrics, List<Issue> issues) {
        CatalogRules rules = new CatalogRules(issues);
        rules.identifiers(declared);
        for (Cube c : cubes.values()) rules.onePrimaryKey(c);
        rules.metricCycles(metrics);
        rules.dimensionCycles(cubes);
    }

    private void identifiers(Declarations declared) {
        for (RawCube c : declared.cubes.values()) {
            identifier(c.name, c.location, "cube");
            for (RawMember d : c.dimensions) identifier(d.name(), d.location(), "dimension");
            for (RawMember m : c.measures) identifier(m.name(), m.location(), "measure");
            for (RawMember s : c.segments) identifier(s.name(), s.location(), "segment");
        }
        for (RawMetric m : declared.metrics.values()) identifier(m.name(), m.location(), "metric");
    }

    private void identifier(String name, Location at, String kind) {
        if (!IDENT.matcher(name).matches()) {
            issues.add(Issue.of(CatalogCode.INVALID_NAME, at, kind + " name \"" + name
                    + "\" must be letters, digits and underscores, starting with a letter"));
        }
    }

    private void onePrimaryKey(Cube c) {
        List<Dimension> keys = c.dimensions().stream().filter(Dimension::primaryKey).toList();
        if (keys.size() > 1) {
            issues.add(Issue.of(YamlCode.INVALID_VALUE, keys.get(1).location(), "cube " + c.name() + " has more than one primary_key dimension"));
        }
    }

    private void metricCycles(Map<String, Metric> built) {
        Map<String, Integer> state = new HashMap<>();
        for (String m : built.keySet()) visit(m, built, state, new ArrayList<>());
    }

    // Depth-first: 1 while a metric's operands are being visited, 2 once done; meeting a 1 again is a cycle.
    private void visit(String m, Map<String, Metric> built, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(m);
        if (s != null && s == 2) return;
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(m), path.size()));
            cycle.add(m);
            issues.add(Issue.of(CatalogCode.CYCLE, built.get(m).location(), "metrics refer to each other in a cycle: "
                    + String.join(" -> ", cycle)));
            return;
        }
        state.put(m, 1);
        path.add(m);
        for (String r : built.get(m).refs()) if (built.containsKey(r)) visit(r, built, state, path);
        path.remove(path.size() - 1);
        state.put(m, 2);
    }

    /** {dim} references inside dimensions must not loop back on themselves. */
    private void dimensionCycles(Map<String, Cube> built) {
        for (Cube c : built.values()) {
            for (Dimension d : c.dimensions()) {
                List<String> path = new ArrayList<>();
                if (inlineLoops(d, built, path)) {
                    issues.add(Issue.of(CatalogCode.CYCLE, d.location(), "dimension SQL references loop: " + String.join(" -> ", path)));
                }
            }
        }
    }

    private boolean inlineLoops(Dimension d, Map<String, Cube> built, List<String> path) {
        if (path.contains(d.fullName())) {
            path.add(d.fullName());
            return path.get(0).equals(d.fullName());
        }
        path.add(d.fullName());
        for (SqlTemplate.MemberRef r : d.sql().memberRefs()) {
            Cube c = built.get(r.cube());
            if (c == null) continue;
            var next = c.dimension(r.member());
            if (next.isPresent() && inlineLoops(next.get(), built, path)) return true;
        }
        path.remove(path.size() - 1);
        return false;
    }
}
