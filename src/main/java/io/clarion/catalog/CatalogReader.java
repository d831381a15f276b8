package io.clarion.catalog;

import io.clarion.catalog.Declarations.RawCube;
import io.clarion.catalog.Declarations.RawJoin;
import io.clarion.catalog.Declarations.RawMember;
import io.clarion.catalog.Declarations.RawMetric;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.clarion.catalog.yaml.YamlFields.text;

/**
 * The read phase: catalog YAML into {@link Declarations}. It checks keys, names and the shape
 * of each declaration, and nothing that needs another declaration (that is the resolve phase).
 */
public final class CatalogReader {
    static final Set<String> INFO_KEYS = Set.of("description", "synonyms", "owner", "certified", "meta", "title");
    static final Set<String> CUBE_KEYS = union(INFO_KEYS, "name", "sql", "sql_table", "joins", "segments", "measures", "dimensions", "public", "data_source",
            "unique_key", "rollups");
    static final Set<String> JOIN_KEYS = Set.of("name", "relationship", "sql");
    static final Set<String> SEGMENT_KEYS = union(INFO_KEYS, "name", "sql");
    static final Set<String> MEASURE_KEYS = union(INFO_KEYS, "name", "type", "sql", "filters", "format", "time_dimension", "favorable", "drill_members",
            TimeRules.TIMELESS_KEY, TimeRules.NON_ADDITIVE_KEY);
    static final Set<String> DIMENSION_KEYS = union(INFO_KEYS, "name", "type", "sql", "primary_key", "granularities", "format");
    static final Set<String> METRIC_KEYS = union(INFO_KEYS, "name", "type", "expression", "numerator", "denominator", "filters",
            "time_grain", "offset", "format", "favorable", TimeRules.TIME_WINDOW_KEY,
            WindowRules.WINDOW, WindowRules.GRAIN_TO_DATE, WindowRules.BASE, WindowRules.CONVERSION, WindowRules.ENTITY,
            WindowRules.CALCULATION);

    private final YamlFields yaml;
    private final Declarations declared = new Declarations();
    private final List<RawCube> extensions = new ArrayList<>();

    CatalogReader(List<Issue> issues) {
        this.yaml = new YamlFields(issues);
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> s = new LinkedHashSet<>(base);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }

    public void report(Issue issue) {
        yaml.issues().add(issue);
    }

    public void addCube(RawCube c) {
        if (c.sql == null) {
            extensions.add(c);
            return;
        }
        RawCube first = declared.cubes.get(c.name);
        if (first != null) {
            report(Issue.of(CatalogCode.DUPLICATE_NAME, c.location, "cube \"" + c.name + "\" is already declared at " + first.location));
            return;
        }
        declared.cubes.put(c.name, c);
    }

    void readFile(YMap doc) {
        if (doc.get("access") != null) declared.accessSections.add(doc.get("access"));
        YNode cs = doc.get("cubes");
        if (cs != null) {
            for (YMap m : yaml.listOfMaps(cs, "cubes")) readCube(m);
        }
        YNode ms = doc.get("metrics");
        if (ms != null) {
            for (YMap m : yaml.listOfMaps(ms, "metrics")) {
                yaml.checkKeys(m, METRIC_KEYS, "metric");
                String name = yaml.requiredName(m, "metric");
                if (name == null) continue;
                RawMetric first = declared.metrics.get(name);
                if (first != null) {
                    report(Issue.of(CatalogCode.DUPLICATE_NAME, m.keyLocation("name"), "metric \"" + name + "\" is already declared at "
                            + first.location()));
                    continue;
                }
                declared.metrics.put(name, new RawMetric(name, m, m.location()));
            }
        }
    }

    /** Every file read: cubes that only extend another are merged into it. */
    Declarations finish() {
        for (RawCube ext : extensions) {
            RawCube base = declared.cubes.get(ext.name);
            if (base == null) {
                report(Issue.of(YamlCode.MISSING_FIELD, ext.location, "cube " + ext.name + " has no sql or sql_table "
                        + "(and no cube of that name to extend)", Suggestions.closest(ext.name, declared.cubes.keySet())));
            } else {
                base.extendWith(ext);
            }
        }
        extensions.clear();
        return declared;
    }

    private void readCube(YMap m) {
        yaml.checkKeys(m, CUBE_KEYS, "cube");
        String name = yaml.requiredName(m, "cube");
        if (name == null) return;
        RawCube c = new RawCube();
        c.name = name;
        c.location = m.location();
        c.info = m;
        String sql = text(m.get("sql"));
        String table = text(m.get("sql_table"));
        if (sql != null && table != null) {
            report(Issue.of(YamlCode.INVALID_VALUE, m.keyLocation("sql_table"), "cube " + name + " has both sql and sql_table; keep one"));
        }
        if (table != null) {
            c.sql = table.strip();
            c.table = true;
            c.sqlLocation = m.get("sql_table").location();
            if (!c.sql.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
                report(Issue.of(YamlCode.INVALID_VALUE, c.sqlLocation, "sql_table must be a table name (schema.table), not SQL: use sql:"));
            }
        } else if (sql != null) {
            c.sql = sql;
            c.sqlLocation = m.get("sql").location();
        }
        if (YamlFields.plain(m.get("meta")) instanceof java.util.Map<?, ?> mm) mm.forEach((k, v) -> c.meta.put(String.valueOf(k), v));
        YNode joins = m.get("joins");
        if (joins != null) {
            for (YMap j : yaml.listOfMaps(joins, "joins")) {
                yaml.checkKeys(j, JOIN_KEYS, "join");
                String target = yaml.requiredName(j, "join");
                String rel = text(j.get("relationship"));
                String on = text(j.get("sql"));
                if (rel == null) report(Issue.of(YamlCode.MISSING_FIELD, j.location(), "join to " + target + " needs a relationship"));
                if (on == null) report(Issue.of(YamlCode.MISSING_FIELD, j.location(), "join to " + target + " needs sql (the join condition)"));
                if (target != null && rel != null && on != null) {
                    c.joins.add(new RawJoin(target, rel, on, j.keyLocation("name"), j.get("relationship").location(), j.get("sql").location()));
                }
            }
        }
        readMembers(m, "measures", MEASURE_KEYS, c.measures);
        readMembers(m, "dimensions", DIMENSION_KEYS, c.dimensions);
        readMembers(m, "segments", SEGMENT_KEYS, c.segments);
        if (m.get("rollups") != null) c.rollups.addAll(yaml.listOfMaps(m.get("rollups"), "rollups"));
        addCube(c);
    }

    private void readMembers(YMap cube, String key, Set<String> allowed, List<RawMember> into) {
        YNode n = cube.get(key);
        if (n == null) return;
        String kind = key.substring(0, key.length() - 1);
        for (YMap m : yaml.listOfMaps(n, key)) {
            yaml.checkKeys(m, allowed, kind);
            String name = yaml.requiredName(m, kind);
            if (name != null) into.add(new RawMember(name, m, m.keyLocation("name")));
        }
    }
}
