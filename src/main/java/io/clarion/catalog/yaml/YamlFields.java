package io.clarion.catalog.yaml;

import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.diagnostics.Code;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading the fields of located YAML, shared by every YAML file Clarion reads: each shape
 * problem becomes an {@link Issue} at the line and column it was written, added to the list the
 * reader collects, and reading goes on, so a file's problems are all reported at once.
 */
public final class YamlFields {
    private final List<Issue> issues;

    public YamlFields(List<Issue> issues) {
        this.issues = issues;
    }

    public List<Issue> issues() {
        return issues;
    }

    public void report(Code code, Location at, String message) {
        issues.add(Issue.of(code, at, message));
    }

    public void report(Code code, Location at, String message, List<String> suggestions) {
        issues.add(Issue.of(code, at, message, suggestions));
    }

    /** Every key outside {@code allowed} is an unknown_key with the nearest allowed ones. */
    public void checkKeys(YMap m, Set<String> allowed, String what) {
        for (String k : m.values().keySet()) {
            if (!allowed.contains(k)) {
                report(YamlCode.UNKNOWN_KEY, m.keyLocation(k), "unknown key \"" + k + "\" in " + what, Suggestions.closest(k, allowed));
            }
        }
    }

    /** The mappings of a list; anything else in it, or a non-list, is reported and skipped. */
    public List<YMap> listOfMaps(YNode n, String key) {
        List<YMap> out = new ArrayList<>();
        if (!(n instanceof YList l)) {
            report(YamlCode.INVALID_STRUCTURE, n.location(), key + " must be a list");
            return out;
        }
        for (YNode item : l.items()) {
            if (item instanceof YMap m) out.add(m);
            else report(YamlCode.INVALID_STRUCTURE, item.location(), "each entry of " + key + " must be a mapping");
        }
        return out;
    }

    /**
     * The names listed under a key, stripped; none when absent.
     *
     * @param oneAllowed whether a single name may stand for a list of one
     */
    public List<YScalar> names(YNode n, String key, boolean oneAllowed) {
        List<YScalar> out = new ArrayList<>();
        if (n == null) return out;
        if (oneAllowed && n instanceof YScalar s && s.text() != null) return List.of(stripped(s));
        if (!(n instanceof YList l)) {
            report(YamlCode.INVALID_STRUCTURE, n.location(), key + " must be a list of names");
            return out;
        }
        for (YNode item : l.items()) {
            if (item instanceof YScalar s && s.kind() == YScalar.Kind.STRING && s.text() != null && !s.text().isBlank()) {
                out.add(stripped(s));
            } else {
                report(YamlCode.INVALID_VALUE, item.location(), "each entry of " + key + " must be a name");
            }
        }
        return out;
    }

    private static YScalar stripped(YScalar s) {
        return new YScalar(s.text().strip(), s.kind(), s.location());
    }

    /** The mapping's name, stripped; a missing or blank one is reported. */
    public String requiredName(YMap m, String kind) {
        String name = text(m.get("name"));
        if (name == null || name.isBlank()) {
            report(YamlCode.MISSING_FIELD, m.location(), "a " + kind + " needs a name");
            return null;
        }
        return name.strip();
    }

    /** A single value under {@code key}, stripped; a mapping or list there is reported. */
    public String scalar(YMap m, String key) {
        YNode n = m.get(key);
        if (n == null) return null;
        if (n instanceof YScalar s) return s.text() == null ? null : s.text().strip();
        report(YamlCode.INVALID_VALUE, n.location(), key + " must be a single value");
        return null;
    }

    /** Like {@link #scalar}, and a missing or blank value is reported as {@code what needs key:}. */
    public String requiredScalar(YMap m, String key, String what) {
        String t = scalar(m, key);
        if (t == null || t.isBlank()) {
            YNode n = m.get(key);
            report(YamlCode.MISSING_FIELD, n == null ? m.location() : n.location(), what + " needs " + key + ":");
            return null;
        }
        return t;
    }

    /** The mapping under {@code key}, its keys checked; a missing or non-mapping value is reported. */
    public YMap requiredMap(YMap parent, String key, Set<String> allowed, String what) {
        YNode n = parent.get(key);
        if (n == null) {
            report(YamlCode.MISSING_FIELD, parent.location(), what + " needs " + key + ":");
            return null;
        }
        if (!(n instanceof YMap m)) {
            report(YamlCode.INVALID_STRUCTURE, n.location(), key + ": must be a mapping");
            return null;
        }
        checkKeys(m, allowed, key);
        return m;
    }

    /** true, false, yes or no; anything else is reported and {@code dflt} used. */
    public boolean bool(YMap n, String key, boolean dflt) {
        YNode v = n.get(key);
        if (v == null) return dflt;
        if (v instanceof YScalar s && s.kind() == YScalar.Kind.BOOLEAN) return Boolean.parseBoolean(s.text());
        String t = text(v);
        if ("true".equalsIgnoreCase(t) || "yes".equalsIgnoreCase(t)) return true;
        if ("false".equalsIgnoreCase(t) || "no".equalsIgnoreCase(t)) return false;
        report(YamlCode.INVALID_VALUE, v.location(), key + " must be true or false");
        return dflt;
    }

    /** The text of a scalar as written; null for YAML null, a mapping, a list or no node. */
    public static String text(YNode n) {
        return n instanceof YScalar s ? s.text() : null;
    }

    /** A YAML value as plain Java (maps, lists, strings, numbers, booleans), for free-form sections such as meta. */
    public static Object plain(YNode n) {
        if (n == null) return null;
        if (n instanceof YMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.values().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (n instanceof YList l) return l.items().stream().map(YamlFields::plain).toList();
        YScalar s = (YScalar) n;
        return switch (s.kind()) {
            case BOOLEAN -> Boolean.parseBoolean(s.text());
            case NUMBER -> s.text().contains(".") ? (Object) Double.parseDouble(s.text()) : (Object) Long.parseLong(s.text());
            case NULL -> null;
            case STRING -> s.text();
        };
    }

    /** The location of a character inside a scalar (exact for single-line plain scalars). */
    public static Location offset(Location at, String text, int offset) {
        int line = at.line();
        int col = at.column();
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Location(at.file(), line, col);
    }
}
