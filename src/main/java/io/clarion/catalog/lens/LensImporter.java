package io.clarion.catalog.lens;

import io.clarion.catalog.CatalogReader;
import io.clarion.catalog.Declarations;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.clarion.catalog.yaml.YamlFields.text;

/**
 * Reads a DataOS Lens model (entities with fields, dimensions, measures and relationships, as
 * in seed 002) into the same raw declarations as the Olytix format: entity -> cube, field ->
 * dimension, ${entity.field} snippets -> references, relationships -> joins.
 */
public final class LensImporter {
    private LensImporter() {
    }

    public static void read(YMap doc, CatalogReader builder) {
        YNode entities = doc.get("entities");
        Map<String, Object> modelMeta = new LinkedHashMap<>();
        for (String k : List.of("name", "description", "contract", "owner")) {
            if (doc.get(k) instanceof YScalar s && s.text() != null) modelMeta.put("lens_" + k, s.text());
        }
        if (!(entities instanceof YList list)) {
            builder.report(Issue.of(YamlCode.INVALID_STRUCTURE, doc.location(), "entities must be a list"));
            return;
        }
        for (YNode e : list.items()) {
            if (e instanceof YMap m) entity(m, modelMeta, text(doc.get("owner")), builder);
        }
    }

    private static void entity(YMap e, Map<String, Object> modelMeta, String owner, CatalogReader builder) {
        String name = text(e.get("name"));
        if (name == null) {
            builder.report(Issue.of(YamlCode.MISSING_FIELD, e.location(), "an entity needs a name"));
            return;
        }
        Declarations.RawCube c = new Declarations.RawCube();
        c.name = name;
        c.location = e.keyLocation("name");
        YNode sql = e.get("sql");
        if (sql instanceof YMap sm && text(sm.get("query")) != null) {
            c.sql = text(sm.get("query")).strip();
            c.sqlLocation = sm.get("query").location();
        } else if (text(sql) != null) {
            c.sql = text(sql);
            c.sqlLocation = sql.location();
        }
        if (c.sql == null) {
            builder.report(Issue.of(YamlCode.MISSING_FIELD, e.location(), "entity " + name + " needs sql.query"));
            return;
        }
        c.meta.putAll(modelMeta);
        c.info = info(e, owner, Map.of());
        for (YMap f : maps(e.get("fields"))) {
            Map<String, YNode> d = new LinkedHashMap<>();
            d.put("name", f.get("name"));
            String type = text(f.get("type"));
            boolean time = type != null && (type.equalsIgnoreCase("date") || type.equalsIgnoreCase("time") || type.equalsIgnoreCase("timestamp"));
            d.put("type", scalar(time ? "time" : lensType(type), f.location()));
            d.put("sql", f.get("column") != null ? f.get("column") : f.get("name"));
            if (time) d.put("granularities", new YList(List.of(scalar("day", f.location()), scalar("week", f.location()),
                    scalar("month", f.location()), scalar("quarter", f.location()), scalar("year", f.location())), f.location()));
            if (f.get("primary") != null) d.put("primary_key", f.get("primary"));
            if (f.get("description") != null) d.put("description", f.get("description"));
            d.put("meta", meta(f));
            c.dimensions.add(new Declarations.RawMember(text(f.get("name")), map(d, f), f.keyLocation("name")));
        }
        for (YMap f : maps(e.get("dimensions"))) {
            Map<String, YNode> d = new LinkedHashMap<>();
            d.put("name", f.get("name"));
            d.put("type", scalar(lensType(text(f.get("type"))), f.location()));
            d.put("sql", f.get("sql_snippet") != null ? f.get("sql_snippet") : f.get("name"));
            if (f.get("description") != null) d.put("description", f.get("description"));
            d.put("meta", meta(f));
            c.dimensions.add(new Declarations.RawMember(text(f.get("name")), map(d, f), f.keyLocation("name")));
        }
        for (YMap f : maps(e.get("measures"))) {
            Map<String, YNode> d = new LinkedHashMap<>();
            d.put("name", f.get("name"));
            d.put("type", f.get("type"));
            if (f.get("sql_snippet") != null) d.put("sql", f.get("sql_snippet"));
            if (f.get("description") != null) d.put("description", f.get("description"));
            d.put("meta", meta(f));
            c.measures.add(new Declarations.RawMember(text(f.get("name")), map(d, f), f.keyLocation("name")));
        }
        for (YMap r : maps(e.get("relationships"))) {
            String field = text(r.get("field"));
            YNode target = r.get("target");
            String targetName = target instanceof YMap t ? text(t.get("name")) : null;
            String targetField = target instanceof YMap t ? text(t.get("field")) : null;
            String type = text(r.get("type"));
            if (field == null || targetName == null || targetField == null || type == null) {
                builder.report(Issue.of(YamlCode.MISSING_FIELD, r.location(), "a relationship needs type, field and target {name, field}"));
                continue;
            }
            String on = "{" + name + "." + field + "} = {" + targetName + "." + targetField + "}";
            Location at = target instanceof YMap t ? t.keyLocation("name") : r.location();
            c.joins.add(new Declarations.RawJoin(targetName, type, on, at, r.get("type").location(), r.location()));
        }
        builder.addCube(c);
    }

    private static String lensType(String t) {
        if (t == null) return "string";
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "number", "numeric", "integer", "double" -> "number";
            case "bool", "boolean" -> "boolean";
            default -> "string";
        };
    }

    private static YMap info(YMap e, String owner, Map<String, YNode> extra) {
        Map<String, YNode> d = new LinkedHashMap<>(extra);
        if (e.get("description") != null) d.put("description", e.get("description"));
        if (owner != null) d.put("owner", scalar(owner, e.location()));
        return map(d, e);
    }

    private static YNode meta(YMap f) {
        Map<String, YNode> m = new LinkedHashMap<>();
        if (f.get("hidden") != null) m.put("hidden", f.get("hidden"));
        if (f.get("tags") != null) m.put("tags", f.get("tags"));
        return map(m, f);
    }

    private static YMap map(Map<String, YNode> values, YMap from) {
        Map<String, Location> keys = new LinkedHashMap<>();
        for (String k : values.keySet()) keys.put(k, from.keyLocation(k));
        Map<String, YNode> nonNull = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) nonNull.put(k, v);
        });
        return new YMap(nonNull, keys, from.location());
    }

    private static YScalar scalar(String text, Location at) {
        return new YScalar(text, YScalar.Kind.STRING, at);
    }

    private static List<YMap> maps(YNode n) {
        if (!(n instanceof YList l)) return List.of();
        return l.items().stream().filter(i -> i instanceof YMap).map(i -> (YMap) i).toList();
    }
}
