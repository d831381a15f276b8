package io.clarion.catalog;

import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Suggestions;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.catalog.yaml.YNode.YScalar;

import io.clarion.catalog.model.AccessPolicy;
import io.clarion.catalog.model.AccessPolicy.Privilege;
import io.clarion.catalog.model.AccessPolicy.Role;
import io.clarion.catalog.model.AccessPolicy.RowFilter;
import io.clarion.catalog.model.Cube;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code access:} section once every cube is built, so names are checked against the
 * catalog: unknown cubes, members, privileges and attributes are errors with file:line:column
 * and a "did you mean".
 */
final class AccessReader {
    private static final Set<String> ACCESS_KEYS = Set.of("roles", "description");
    private static final Set<String> ROLE_KEYS = Set.of("name", "description", "privileges", "attributes", "row_filters",
            "reference_cubes", "allow", "deny");
    private static final Set<String> FILTER_KEYS = Set.of("cube", "sql", "description");
    private static final String PRINCIPAL = "principal";

    private final List<Issue> errors;
    private final YamlFields yaml;
    private final Map<String, Cube> cubes;
    private final Map<String, Metric> metrics;

    private AccessReader(List<Issue> errors, Map<String, Cube> cubes, Map<String, Metric> metrics) {
        this.errors = errors;
        this.yaml = new YamlFields(errors);
        this.cubes = cubes;
        this.metrics = metrics;
    }

    static AccessPolicy read(List<YNode> sections, Map<String, Cube> cubes, Map<String, Metric> metrics,
                             List<Issue> errors) {
        if (sections.isEmpty()) return AccessPolicy.DEFAULT;
        AccessReader r = new AccessReader(errors, cubes, metrics);
        Map<String, Role> roles = new LinkedHashMap<>();
        for (YNode section : sections) {
            if (!(section instanceof YMap m)) {
                r.error(section.location(), YamlCode.INVALID_STRUCTURE, "access is a mapping with roles:");
                continue;
            }
            r.yaml.checkKeys(m, ACCESS_KEYS, "access");
            YNode list = m.get("roles");
            if (!(list instanceof YList l)) {
                r.error(m.location(), YamlCode.MISSING_FIELD, "access needs roles: a list of roles");
                continue;
            }
            for (YNode item : l.items()) {
                if (!(item instanceof YMap rm)) {
                    r.error(item.location(), YamlCode.INVALID_STRUCTURE, "each role is a mapping with a name");
                    continue;
                }
                Role role = r.role(rm);
                if (role == null) continue;
                if (roles.containsKey(role.name())) {
                    r.error(rm.keyLocation("name"), CatalogCode.DUPLICATE_NAME, "role \"" + role.name() + "\" is already declared at "
                            + roles.get(role.name()).location());
                } else {
                    roles.put(role.name(), role);
                }
            }
        }
        return new AccessPolicy(roles);
    }

    private Role role(YMap m) {
        yaml.checkKeys(m, ROLE_KEYS, "role");
        String name = YamlFields.text(m.get("name"));
        if (name == null || name.isBlank()) {
            error(m.location(), YamlCode.MISSING_FIELD, "a role needs a name");
            return null;
        }
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        List<String> privilegeNames = java.util.Arrays.stream(Privilege.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
        for (YScalar p : yaml.names(m.get("privileges"), "privileges", false)) {
            if (privilegeNames.contains(p.text())) privileges.add(Privilege.valueOf(p.text().toUpperCase(Locale.ROOT)));
            else errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, p.location(), "unknown privilege \"" + p.text() + "\"",
                    Suggestions.closest(p.text(), privilegeNames)));
        }
        List<String> attributes = yaml.names(m.get("attributes"), "attributes", false).stream().map(YScalar::text).toList();
        List<RowFilter> filters = new ArrayList<>();
        YNode fs = m.get("row_filters");
        if (fs instanceof YList fl) {
            for (YNode f : fl.items()) {
                RowFilter rf = f instanceof YMap fm ? rowFilter(fm, name, attributes) : null;
                if (f instanceof YMap && rf != null) filters.add(rf);
                else if (!(f instanceof YMap)) error(f.location(), YamlCode.INVALID_STRUCTURE, "each row filter is a mapping with cube and sql");
            }
        } else if (fs != null) {
            error(fs.location(), YamlCode.INVALID_STRUCTURE, "row_filters must be a list");
        }
        Set<String> reference = new LinkedHashSet<>();
        for (YScalar c : yaml.names(m.get("reference_cubes"), "reference_cubes", false)) {
            if (cubes.containsKey(c.text())) reference.add(c.text());
            else errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, c.location(), "unknown cube \"" + c.text() + "\"",
                    Suggestions.closest(c.text(), cubes.keySet())));
        }
        List<String> allow = members(m, "allow");
        List<String> deny = members(m, "deny");
        return new Role(name.strip(), YamlFields.text(m.get("description")), privileges, attributes, filters, reference,
                allow, deny, m.location());
    }

    private RowFilter rowFilter(YMap m, String role, List<String> attributes) {
        yaml.checkKeys(m, FILTER_KEYS, "row filter");
        String cube = YamlFields.text(m.get("cube"));
        String sql = YamlFields.text(m.get("sql"));
        if (cube == null || sql == null || sql.isBlank()) {
            error(m.location(), YamlCode.MISSING_FIELD, "a row filter of role " + role + " needs cube and sql");
            return null;
        }
        if (!cubes.containsKey(cube)) {
            errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, m.keyLocation("cube"), "unknown cube \"" + cube + "\"",
                    Suggestions.closest(cube, cubes.keySet())));
            return null;
        }
        Location at = m.get("sql").location();
        List<SqlTemplate.ParseProblem> problems = new ArrayList<>();
        SqlTemplate t = SqlTemplate.parse(sql, cube, problems);
        for (SqlTemplate.ParseProblem p : problems) error(at, CatalogCode.INVALID_SQL, p.message());
        Cube owner = cubes.get(cube);
        boolean[] ok = {problems.isEmpty()};
        SqlTemplate bound = t.mapParts(p -> {
            if (!(p instanceof SqlTemplate.MemberRef r)) return p;
            if (PRINCIPAL.equals(r.cube())) {
                if (!attributes.contains(r.member())) {
                    errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "role " + role + " declares no attribute \"" + r.member()
                            + "\" (list it under attributes)", Suggestions.closest(r.member(), attributes)));
                    ok[0] = false;
                }
                return new SqlTemplate.Attribute(r.member());
            }
            String c = r.cube() == null ? cube : r.cube();
            if (!c.equals(cube) || owner.dimension(r.member()).isEmpty()) {
                errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "a row filter of " + cube + " may use its own dimensions and "
                        + "{principal.<attribute>}, not {" + (r.cube() == null ? "" : r.cube() + ".") + r.member() + "}",
                        Suggestions.closest(r.member(), owner.dimensions().stream().map(d -> d.name()).toList())));
                ok[0] = false;
                return p;
            }
            return new SqlTemplate.MemberRef(cube, r.member());
        });
        return ok[0] ? new RowFilter(cube, bound, at) : null;
    }

    /** Cubes ("marketing"), members ("customers.email") or metrics ("arr"), each checked. */
    private List<String> members(YMap m, String key) {
        List<String> out = new ArrayList<>();
        for (YScalar i : yaml.names(m.get(key), key, false)) {
            String n = i.text();
            int dot = n.indexOf('.');
            boolean known = dot < 0 ? cubes.containsKey(n) || metrics.containsKey(n)
                    : cubes.containsKey(n.substring(0, dot)) && memberNames(cubes.get(n.substring(0, dot))).contains(n.substring(dot + 1));
            if (known) {
                out.add(n);
            } else {
                List<String> all = new ArrayList<>(cubes.keySet());
                all.addAll(metrics.keySet());
                for (Cube c : cubes.values()) for (String mn : memberNames(c)) all.add(c.name() + "." + mn);
                errors.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, i.location(), "unknown cube, member or metric \"" + n + "\" in " + key,
                        Suggestions.closest(n, all)));
            }
        }
        return out;
    }

    private static List<String> memberNames(Cube c) {
        List<String> names = new ArrayList<>();
        c.measures().forEach(x -> names.add(x.name()));
        c.dimensions().forEach(x -> names.add(x.name()));
        c.segments().forEach(x -> names.add(x.name()));
        return names;
    }

    private void error(Location at, io.clarion.diagnostics.Code code, String message) {
        yaml.report(code, at, message);
    }
}
