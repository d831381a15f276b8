package io.clarion.governance.policy;

import io.clarion.catalog.model.AccessPolicy;
import io.clarion.catalog.model.AccessPolicy.Privilege;
import io.clarion.catalog.model.AccessPolicy.Role;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.Relationship;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.query.AccessRules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one principal may see, resolved from the catalog's access policy: privileges, which
 * members are denied and why, and which rows of every cube are visible. Rows are decided per
 * cube, not per query, so no join path or metric can reach a row the principal may not see.
 */
public final class Access implements AccessRules {

    private static final RowRule ALL = ALL_ROWS;

    private final Principal principal;
    private final Set<Privilege> privileges;
    private final List<Role> roles;
    private final Map<String, RowRule> rows;
    private final String problem;
    private final Map<String, Metric> metrics;

    private Access(Principal principal, Set<Privilege> privileges, List<Role> roles, Map<String, RowRule> rows, String problem,
                   Map<String, Metric> metrics) {
        this.principal = principal;
        this.privileges = privileges;
        this.roles = roles;
        this.rows = rows;
        this.problem = problem;
        this.metrics = metrics;
    }

    /** Every row and member, PII unmasked: in-process work and catalogs without an access policy. */
    public static Access full(Principal p) {
        return new Access(p, EnumSet.allOf(Privilege.class), List.of(), Map.of(), null, Map.of());
    }

    public static final Access FULL = full(Principal.SYSTEM);

    public static Access of(Catalog catalog, Principal p) {
        AccessPolicy policy = catalog.access();
        if (p.system()) return full(p);
        List<Role> roles = new ArrayList<>();
        for (Role r : policy.roles().values()) if (p.roles().contains(r.name())) roles.add(r);
        if (roles.isEmpty()) {
            return new Access(p, EnumSet.noneOf(Privilege.class), List.of(), Map.of(),
                    p.roles().isEmpty() ? p.name() + " has no role" : "none of the roles " + p.roles() + " of " + p.name()
                            + " is declared in the access policy (roles: " + String.join(", ", policy.roles().keySet()) + ")",
                    catalog.metrics());
        }
        if (policy.builtIn() && roles.stream().allMatch(r -> r.name().equals(AccessPolicy.OWNER_ROLE))) {
            // A missing scope means nothing: with no declared row filter, no row is known to be an owner's.
            return new Access(p, EnumSet.noneOf(Privilege.class), roles, Map.of(), "the catalog declares no access policy, so role "
                    + AccessPolicy.OWNER_ROLE + " has no row filter and " + p.name() + " sees nothing (declare one in access.yml)",
                    catalog.metrics());
        }
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        roles.forEach(r -> privileges.addAll(r.privileges()));
        // The least restrictive role decides rows: any role without row filters sees every row.
        Role rowRole = roles.stream().allMatch(Role::restrictsRows) ? roles.get(0) : null;
        String problem = null;
        Map<String, RowRule> rows = Map.of();
        if (rowRole != null) {
            for (String attr : rowRole.attributes()) {
                String v = p.attribute(attr);
                if (v == null || v.isBlank()) {
                    problem = p.name() + " has role " + rowRole.name() + " but no " + attr + ", so no rows are visible";
                }
            }
            rows = rowRules(catalog, rowRole);
        }
        return new Access(p, privileges, roles, rows, problem, catalog.metrics());
    }

    private static Map<String, RowRule> rowRules(Catalog catalog, Role role) {
        Map<String, List<SqlTemplate>> direct = new LinkedHashMap<>();
        role.rowFilters().forEach(f -> direct.computeIfAbsent(f.cube(), k -> new ArrayList<>()).add(f.sql()));
        Map<String, List<Join>> outgoing = new HashMap<>();
        for (Join j : catalog.edges()) {
            if (j.relationship() == Relationship.MANY_TO_ONE || j.relationship() == Relationship.ONE_TO_ONE) {
                outgoing.computeIfAbsent(j.from(), k -> new ArrayList<>()).add(j);
            }
        }
        Map<String, RowRule> rules = new LinkedHashMap<>();
        for (Cube c : catalog.cubes().values()) {
            String name = c.name();
            if (direct.containsKey(name)) rules.put(name, new Filtered(direct.get(name)));
            else if (role.referenceCubes().contains(name)) rules.put(name, ALL);
            else rules.put(name, through(name, direct.keySet(), role.referenceCubes(), outgoing)
                    .<RowRule>map(path -> new Through(path, path.get(path.size() - 1).to()))
                    .orElseGet(() -> new NoRows("role " + role.name() + " sees only rows reached through "
                            + String.join(", ", direct.keySet()) + ", and " + name + " has no many-to-one path to them")));
        }
        return rules;
    }

    /** The shortest many-to-one path from a cube to a filtered cube, never through reference data. */
    private static Optional<List<Join>> through(String from, Set<String> targets, Set<String> reference,
                                                Map<String, List<Join>> outgoing) {
        Deque<List<Join>> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>(Set.of(from));
        queue.add(List.of());
        while (!queue.isEmpty()) {
            List<Join> path = queue.poll();
            String at = path.isEmpty() ? from : path.get(path.size() - 1).to();
            for (Join j : outgoing.getOrDefault(at, List.of())) {
                if (!seen.add(j.to()) || reference.contains(j.to())) continue;
                List<Join> next = new ArrayList<>(path);
                next.add(j);
                if (targets.contains(j.to())) return Optional.of(next);
                queue.add(next);
            }
        }
        return Optional.empty();
    }

    public Principal principal() {
        return principal;
    }

    public boolean has(Privilege p) {
        return problem == null && privileges.contains(p);
    }

    /** True when PII members come back masked. */
    public boolean masksPii() {
        return !has(Privilege.PII);
    }

    /** Why this principal may see nothing at all (no declared role, a row filter's attribute missing), or empty. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public boolean restrictsRows() {
        return !rows.isEmpty();
    }

    @Override
    public String describe() {
        return principal.describe();
    }

    @Override
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(principal.attribute(key));
    }

    @Override
    public RowRule rows(String cube) {
        return rows.getOrDefault(cube, ALL);
    }

    /** The same principal with PII masked (briefing contents, which reach people by email and Slack). */
    public Access withoutPii() {
        Set<Privilege> less = privileges.isEmpty() ? EnumSet.noneOf(Privilege.class) : EnumSet.copyOf(privileges);
        less.remove(Privilege.PII);
        return new Access(principal, less, roles, rows, problem, metrics);
    }

    /** Why {@code member} ("cube.name", or a metric) may not be used, or empty when it may. */
    @Override
    public Optional<String> denial(String member) {
        if (problem != null) return Optional.of(problem);
        if (roles.isEmpty()) return Optional.empty();
        int dot = member.indexOf('.');
        if (dot > 0) {
            String cube = member.substring(0, dot);
            if (rows(cube) instanceof NoRows n) return Optional.of(n.reason());
        }
        // A member is denied only when every role of the principal denies it.
        String reason = null;
        for (Role r : roles) {
            String why = roleDenial(r, member);
            if (why == null) return Optional.empty();
            if (reason == null) reason = why;
        }
        return Optional.ofNullable(reason);
    }

    private static String roleDenial(Role r, String member) {
        if (!r.allow().isEmpty() && r.allow().stream().noneMatch(a -> matches(a, member))) {
            return "role " + r.name() + " may use only " + String.join(", ", r.allow());
        }
        for (String d : r.deny()) {
            if (matches(d, member)) return "the access policy denies " + d + " to role " + r.name();
        }
        return null;
    }

    private static boolean matches(String entry, String member) {
        return entry.equals(member) || member.startsWith(entry + ".");
    }

    /** The denial of a metric: its own, or that of any measure or metric it reads. */
    @Override
    public Optional<String> metricDenial(Metric m) {
        return metricDenial(m, new HashSet<>());
    }

    private Optional<String> metricDenial(Metric m, Set<String> seen) {
        Optional<String> own = denial(m.name());
        if (own.isPresent() || !seen.add(m.name())) return own;
        // refs holds every measure or metric the metric reads, numerator and denominator included.
        for (String ref : m.refs()) {
            Metric inner = metrics.get(ref);
            Optional<String> d = inner != null ? metricDenial(inner, seen) : denial(ref);
            if (d.isPresent()) return Optional.of(m.name() + " reads " + ref + ": " + d.get());
        }
        return Optional.empty();
    }

    /** True when this dimension's values come back masked for the principal. */
    @Override
    public boolean masks(Dimension d) {
        return d != null && d.info().pii() && masksPii();
    }

    @Override
    public String toString() {
        return "Access[" + principal.describe() + "]";
    }
}
