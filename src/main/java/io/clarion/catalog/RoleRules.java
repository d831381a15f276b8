package io.clarion.catalog;

import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.ProfileMark;
import io.clarion.catalog.model.Roles;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code meta: {role: ...}} as the catalog declares it: a known role, on the right kind of thing
 * (a cube role on a cube, a member role on a member), and each role declared once, so that what a
 * skill binds to is never a guess between two members; and {@code meta: {profile: ...}} marks the
 * profile card can read ({@link ProfileMark}).
 */
final class RoleRules {
    private RoleRules() {
    }

    static void check(Map<String, Cube> cubes, Map<String, Metric> metrics, List<Issue> issues) {
        Map<String, Location> seen = new HashMap<>();
        for (Cube c : cubes.values()) {
            role(c.info().meta().get("role"), "cube " + c.name(), true, c.location(), seen, issues);
            List<Member> members = new ArrayList<>(c.measures());
            members.addAll(c.dimensions());
            members.addAll(c.segments());
            for (Member m : members) {
                role(m.info().meta().get("role"), m.fullName(), false, m.location(), seen, issues);
                profile(m, cubes, issues);
            }
        }
        for (Metric m : metrics.values()) {
            role(m.info().meta().get("role"), "metric " + m.name(), false, m.location(), seen, issues);
            profile(m, cubes, issues);
        }
    }

    /** A profile mark the card can use: known keys and section, and events that show dimensions that exist. */
    private static void profile(Member m, Map<String, Cube> cubes, List<Issue> issues) {
        String problem = ProfileMark.problem(m);
        if (problem != null) {
            issues.add(Issue.of(CatalogCode.INVALID_ROLE, m.location(), m.fullName() + ": " + problem));
            return;
        }
        for (String shown : ProfileMark.of(m).map(ProfileMark::show).orElse(List.of())) {
            int dot = shown.indexOf('.');
            Cube c = dot < 0 ? null : cubes.get(shown.substring(0, dot));
            if (c == null || c.dimension(shown.substring(dot + 1)).isEmpty()) {
                issues.add(Issue.of(CatalogCode.UNKNOWN_REFERENCE, m.location(), m.fullName() + ": profile shows \"" + shown
                        + "\", which is not a dimension"));
            }
        }
    }

    private static void role(Object value, String what, boolean cube, Location at, Map<String, Location> seen, List<Issue> issues) {
        if (value == null) return;
        String r = String.valueOf(value);
        if (!Roles.ALL.containsKey(r)) {
            issues.add(Issue.of(CatalogCode.INVALID_ROLE, at, what + ": unknown role \"" + r + "\" (roles: "
                    + String.join(", ", Roles.ALL.keySet()) + ")", Suggestions.closest(r, Roles.ALL.keySet())));
            return;
        }
        if (Roles.CUBE_ROLES.contains(r) != cube) {
            issues.add(Issue.of(CatalogCode.INVALID_ROLE, at, what + ": role " + r + " belongs on " + (cube ? "a member" : "a cube")
                    + " (" + Roles.ALL.get(r) + ")"));
            return;
        }
        Location first = seen.putIfAbsent(r, at);
        if (first != null) {
            issues.add(Issue.of(CatalogCode.INVALID_ROLE, at, what + ": role " + r + " is already declared at " + first));
        }
    }
}
