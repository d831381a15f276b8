package io.clarion.catalog;

import io.clarion.catalog.model.Favorable;
import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.MemberInfo;
import io.clarion.catalog.model.Relationship;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.clarion.catalog.yaml.YamlFields.text;

/**
 * The values a cube, member or metric declares (types, formats, relationships, descriptions,
 * SQL templates), read with aliases the seed formats use; a value outside them is an
 * invalid_value with the nearest allowed ones.
 */
final class MemberFields {
    static final List<String> GRAINS = List.of("day", "week", "month", "quarter", "year");

    private final YamlFields yaml;

    MemberFields(YamlFields yaml) {
        this.yaml = yaml;
    }

    YamlFields yaml() {
        return yaml;
    }

    void report(Issue issue) {
        yaml.issues().add(issue);
    }

    /** The SQL with its {references} parsed; a malformed reference is reported at its character. */
    SqlTemplate template(String sql, String owner, Location at) {
        List<SqlTemplate.ParseProblem> problems = new ArrayList<>();
        SqlTemplate t = SqlTemplate.parse(sql, owner, problems);
        for (SqlTemplate.ParseProblem p : problems) {
            report(Issue.of(CatalogCode.INVALID_SQL_REFERENCE, YamlFields.offset(at, sql, p.offset()), p.message()));
        }
        return t;
    }

    Relationship relationship(String s, Location at) {
        String k = s.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (k) {
            case "many_to_one", "belongs_to", "belongsto", "n:1", "manytoone" -> Relationship.MANY_TO_ONE;
            case "one_to_many", "has_many", "hasmany", "1:n", "onetomany" -> Relationship.ONE_TO_MANY;
            case "one_to_one", "has_one", "hasone", "1:1", "onetoone" -> Relationship.ONE_TO_ONE;
            default -> {
                report(Issue.of(YamlCode.INVALID_VALUE, at, "unknown relationship \"" + s + "\"",
                        Suggestions.closest(k, List.of("many_to_one", "one_to_many", "one_to_one"))));
                yield null;
            }
        };
    }

    <E extends Enum<E>> E enumValue(YMap n, String key, Class<E> type, Map<String, String> aliases, String owner) {
        YNode v = n.get(key);
        String s = text(v);
        if (s == null) return null;
        String k = s.strip().toLowerCase(Locale.ROOT);
        k = aliases.getOrDefault(k, k);
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(k)) return e;
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        report(Issue.of(YamlCode.INVALID_VALUE, v.location(), owner + ": unknown " + key + " \"" + s + "\" (one of "
                + String.join(", ", allowed) + ")", Suggestions.closest(k, allowed)));
        return null;
    }

    Format format(YMap n) {
        YNode v = n.get("format");
        String s = text(v);
        if (s == null) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "currency", "money" -> Format.CURRENCY;
            case "percentage", "percent", "pct" -> Format.PERCENTAGE;
            case "number", "decimal" -> Format.NUMBER;
            case "integer", "int" -> Format.INTEGER;
            default -> {
                report(Issue.of(YamlCode.INVALID_VALUE, v.location(), "unknown format \"" + s + "\"",
                        Suggestions.closest(s, List.of("currency", "percentage", "number", "integer"))));
                yield null;
            }
        };
    }

    Favorable favorable(YMap n) {
        YNode v = n.get("favorable");
        if (v == null) return null;
        String s = String.valueOf(text(v)).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "up", "higher", "increase" -> Favorable.UP;
            case "down", "lower", "decrease" -> Favorable.DOWN;
            default -> {
                report(Issue.of(YamlCode.INVALID_VALUE, v.location(), "favorable is up or down, not \"" + s + "\"",
                        Suggestions.closest(s, List.of("up", "down"))));
                yield null;
            }
        };
    }

    /** Description, synonyms, owner, certification and meta; owner and certification default to the cube's. */
    MemberInfo info(YMap n, String defaultOwner, boolean defaultCertified) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (YamlFields.plain(n.get("meta")) instanceof Map<?, ?> mm) mm.forEach((k, v) -> meta.put(String.valueOf(k), v));
        String owner = text(n.get("owner"));
        if (owner == null && meta.get("owner") != null) owner = String.valueOf(meta.get("owner"));
        if (owner == null) owner = defaultOwner;
        boolean certified = defaultCertified;
        if (n.get("certified") != null) certified = yaml.bool(n, "certified", defaultCertified);
        else if (meta.get("certified") instanceof Boolean b) certified = b;
        List<String> synonyms = new ArrayList<>();
        YNode syn = n.get("synonyms");
        if (syn instanceof YList l) {
            for (YNode s : l.items()) if (text(s) != null) synonyms.add(text(s));
        } else if (syn != null && text(syn) != null) {
            for (String s : text(syn).split(",")) if (!s.isBlank()) synonyms.add(s.strip());
        }
        return new MemberInfo(text(n.get("description")), synonyms, owner, certified, meta);
    }
}
