package io.clarion.briefing.skill;

import io.clarion.catalog.model.Roles;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A skill's {@code binding:} section: the catalog roles it needs ({@link Roles}), so one skill file
 * runs on any catalog that declares them. {@code ${role.name}} anywhere in the skill is the cube or
 * member the catalog binds to that role; the document is rewritten before it is read, keeping every
 * location, so a later error still points at the skill as written. A needed role the catalog lacks
 * is one {@link SkillCode#UNBOUND_ROLE} issue, and the skill is not read further: its queries would
 * only repeat the same absence as unknown members.
 */
final class Binding {
    static final Pattern ROLE_REF = Pattern.compile("\\$\\{\\s*role\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    private Binding() {
    }

    /** The document with every role reference replaced, or null when a role cannot be bound (reported). */
    static YMap apply(YMap doc, Roles roles, List<Issue> errors) {
        int before = errors.size();
        Map<String, Location> needed = needed(doc.get("binding"), errors);
        List<String> undeclared = new ArrayList<>();
        references(doc, (role, at) -> {
            if (!needed.containsKey(role) && !undeclared.contains(role)) {
                undeclared.add(role);
                errors.add(Issue.of(SkillCode.UNKNOWN_ROLE, at, "${role." + role + "} is used but binding: does not list " + role,
                        Suggestions.closest(role, needed.keySet())));
            }
        });
        List<String> missing = needed.keySet().stream().filter(r -> Roles.ALL.containsKey(r) && !roles.has(r)).toList();
        if (!missing.isEmpty()) {
            errors.add(Issue.of(SkillCode.UNBOUND_ROLE, needed.get(missing.get(0)), "the catalog declares no "
                    + (missing.size() == 1 ? "role " : "roles ") + String.join(", ", missing) + " ("
                    + String.join("; ", missing.stream().map(Roles.ALL::get).toList()) + "), which this skill needs; mark "
                    + (missing.size() == 1 ? "it" : "each") + " in the catalog with meta: {role: " + missing.get(0) + "}")
                    .about(missing.get(0)));
        }
        if (errors.size() > before) return null;
        return (YMap) rewrite(doc, roles);
    }

    /** The roles listed under binding:, each with where it is written. */
    private static Map<String, Location> needed(YNode n, List<Issue> errors) {
        Map<String, Location> out = new LinkedHashMap<>();
        if (n == null) return out;
        if (!(n instanceof YList l)) {
            errors.add(Issue.of(YamlCode.INVALID_STRUCTURE, n.location(), "binding: is a list of catalog roles, e.g. [customer_id, owner_id]"));
            return out;
        }
        for (YNode item : l.items()) {
            if (!(item instanceof YScalar s) || s.text() == null) {
                errors.add(Issue.of(YamlCode.INVALID_STRUCTURE, item.location(), "binding: lists role names"));
                continue;
            }
            if (!Roles.ALL.containsKey(s.text())) {
                errors.add(Issue.of(SkillCode.UNKNOWN_ROLE, s.location(), "unknown role \"" + s.text() + "\" (roles: "
                        + String.join(", ", Roles.ALL.keySet()) + ")", Suggestions.closest(s.text(), Roles.ALL.keySet())));
                continue;
            }
            out.putIfAbsent(s.text(), s.location());
        }
        return out;
    }

    private static void references(YNode n, java.util.function.BiConsumer<String, Location> each) {
        if (n instanceof YMap m) {
            m.values().values().forEach(v -> references(v, each));
        } else if (n instanceof YList l) {
            l.items().forEach(v -> references(v, each));
        } else if (n instanceof YScalar s && s.kind() == YScalar.Kind.STRING && s.text() != null) {
            Matcher m = ROLE_REF.matcher(s.text());
            while (m.find()) each.accept(m.group(1), s.location());
        }
    }

    private static YNode rewrite(YNode n, Roles roles) {
        if (n instanceof YMap m) {
            Map<String, YNode> out = new LinkedHashMap<>();
            m.values().forEach((k, v) -> out.put(k, rewrite(v, roles)));
            return new YMap(out, m.keys(), m.location());
        }
        if (n instanceof YList l) return new YList(l.items().stream().map(v -> rewrite(v, roles)).toList(), l.location());
        if (n instanceof YScalar s && s.kind() == YScalar.Kind.STRING && s.text() != null && s.text().contains("${")) {
            Matcher m = ROLE_REF.matcher(s.text());
            StringBuilder sb = new StringBuilder();
            while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(roles.get(m.group(1)).orElse(m.group())));
            m.appendTail(sb);
            return new YScalar(sb.toString(), s.kind(), s.location());
        }
        return n;
    }
}
