package io.clarion.catalog;

import io.clarion.diagnostics.Suggestions;

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

    private final List<CatalogError> errors;
    private final Map<String, Cube> cubes;
    private final Map<String, Metric> metrics;

    private AccessReader(List<CatalogError> errors, Map<String, Cube> cubes, Map<String, Metric> metrics) {
        this.errors = errors;
        this.cubes = cubes;
        this.metrics = metrics;
    }

    static AccessPolicy read(List<YNode> sections, Map<String, Cube> cubes, Map<String, Metric> metrics,
                             List<CatalogError> errors) {
        if (sections.isEmpty()) return AccessPolicy.DEFAULT;
        AccessReader r = new AccessReader(errors, cubes, metrics);
        Map<String, Role> roles = new LinkedHashMap<>();
        for (YNode section : sections) {
            if (!(section instanceof YMap m)) {
                r.error(section.location(), "invalid_structure", "access is a mapping with roles:");
                continue;
            }
            r.checkKeys(m, ACCESS_KEYS, "access");
            YNode list = m.get("roles");
            if (!(list instanceof YList l)) {
                r.error(m.location(), "missing_field", "access needs roles: a list of roles");
                continue;
            }
            for (YNode item : l.items()) {
                if (!(item instanceof YMap rm)) {
                    r.error(item.location(), "invalid_structure", "each role is a mapping with a name");
                    continue;
                }
                Role role = r.role(rm);
                if (role == null) continue;
                if (roles.containsKey(role.name())) {
                    r.error(rm.keyLocation("name"), "duplicate_name", "role \"" + role.name() + "\" is already declared at "
                            + roles.get(role.name()).location());
                } else {
                    roles.put(role.name(), role);
                }
            }
        }
        return new AccessPolicy(roles);
    }

    private Role role(YMap m) {
        checkKeys(m, ROLE_KEYS, "role");
        String name = CatalogBuilder.text(m.get("name"));
        if (name == null || name.isBlank()) {
            error(m.location(), "missing_field", "a role needs a name");
            return null;
        }
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        List<String> privilegeNames = java.util.Arrays.stream(Privilege.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
        for (Item p : strings(m, "privileges")) {
            if (privilegeNames.contains(p.text())) privileges.add(Privilege.valueOf(p.text().toUpperCase(Locale.ROOT)));
            else errors.add(new CatalogError(p.at(), "unknown_reference", "unknown privilege \"" + p.text() + "\"",
                    Suggestions.closest(p.text(), privilegeNames)));
        }
        List<String> attributes = strings(m, "attributes").stream().map(Item::text).toList();
        List<RowFilter> filters = new ArrayList<>();
        YNode fs = m.get("row_filters");
        if (fs instanceof YList fl) {
            for (YNode f : fl.items()) {
                RowFilter rf = f instanceof YMap fm ? rowFilter(fm, name, attributes) : null;
                if (f instanceof YMap && rf != null) filters.add(rf);
                else if (!(f instanceof YMap)) error(f.location(), "invalid_structure", "each row filter is a mapping with cube and sql");
            }
        } else if (fs != null) {
            error(fs.location(), "invalid_structure", "row_filters must be a list");
        }
        Set<String> reference = new LinkedHashSet<>();
        for (Item c : strings(m, "reference_cubes")) {
            if (cubes.containsKey(c.text())) reference.add(c.text());
            else errors.add(new CatalogError(c.at(), "unknown_reference", "unknown cube \"" + c.text() + "\"",
                    Suggestions.closest(c.text(), cubes.keySet())));
        }
        List<String> allow = members(m, "allow");
        List<String> deny = members(m, "deny");
        return new Role(name.strip(), CatalogBuilder.text(m.get("description")), privileges, attributes, filters, reference,
                allow, deny, m.location());
    }

    private RowFilter rowFilter(YMap m, String role, List<String> attributes) {
        checkKeys(m, FILTER_KEYS, "row filter");
        String cube = CatalogBuilder.text(m.get("cube"));
        String sql = CatalogBuilder.text(m.get("sql"));
        if (cube == null || sql == null || sql.isBlank()) {
            error(m.location(), "missing_field", "a row filter of role " + role + " needs cube and sql");
            return null;
        }
        if (!cubes.containsKey(cube)) {
            errors.add(new CatalogError(m.keyLocation("cube"), "unknown_reference", "unknown cube \"" + cube + "\"",
                    Suggestions.closest(cube, cubes.keySet())));
            return null;
        }
        Location at = m.get("sql").location();
        List<SqlTemplate.ParseProblem> problems = new ArrayList<>();
        SqlTemplate t = SqlTemplate.parse(sql, cube, problems);
        for (SqlTemplate.ParseProblem p : problems) error(at, "invalid_sql", p.message());
        Cube owner = cubes.get(cube);
        boolean[] ok = {problems.isEmpty()};
        SqlTemplate bound = t.mapParts(p -> {
            if (!(p instanceof SqlTemplate.MemberRef r)) return p;
            if (PRINCIPAL.equals(r.cube())) {
                if (!attributes.contains(r.member())) {
                    errors.add(new CatalogError(at, "unknown_reference", "role " + role + " declares no attribute \"" + r.member()
                            + "\" (list it under attributes)", Suggestions.closest(r.member(), attributes)));
                    ok[0] = false;
                }
                return new SqlTemplate.Attribute(r.member());
            }
            String c = r.cube() == null ? cube : r.cube();
            if (!c.equals(cube) || owner.dimension(r.member()).isEmpty()) {
                errors.add(new CatalogError(at, "unknown_reference", "a row filter of " + cube + " may use its own dimensions and "
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
        for (Item i : strings(m, key)) {
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
                errors.add(new CatalogError(i.at(), "unknown_reference", "unknown cube, member or metric \"" + n + "\" in " + key,
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

    private record Item(String text, Location at) {
    }

    private List<Item> strings(YMap m, String key) {
        YNode n = m.get(key);
        List<Item> out = new ArrayList<>();
        if (n == null) return out;
        if (!(n instanceof YList l)) {
            error(n.location(), "invalid_structure", key + " must be a list");
            return out;
        }
        for (YNode i : l.items()) {
            String t = CatalogBuilder.text(i);
            if (t == null || t.isBlank()) error(i.location(), "invalid_value", "each entry of " + key + " is a name");
            else out.add(new Item(t.strip(), i.location()));
        }
        return out;
    }

    private void checkKeys(YMap m, Set<String> allowed, String kind) {
        for (String k : m.values().keySet()) {
            if (!allowed.contains(k)) {
                errors.add(new CatalogError(m.keyLocation(k), "unknown_key", "unknown key \"" + k + "\" in " + kind,
                        Suggestions.closest(k, allowed)));
            }
        }
    }

    private void error(Location at, String code, String message) {
        errors.add(new CatalogError(at, code, message, List.of()));
    }
}
