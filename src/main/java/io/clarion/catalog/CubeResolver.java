package io.clarion.catalog;

import io.clarion.catalog.Declarations.RawCube;
import io.clarion.catalog.Declarations.RawJoin;
import io.clarion.catalog.Declarations.RawMember;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Join;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.MemberInfo;
import io.clarion.catalog.model.Relationship;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.clarion.catalog.yaml.YamlFields.text;

/**
 * The resolve phase for cubes: every member's type and SQL, with each {reference} in the SQL
 * bound to a dimension or cube that exists, and joins to cubes that exist. Dimensions are read
 * first, so any SQL may refer to any dimension of any cube.
 */
final class CubeResolver {
    private final Declarations declared;
    private final MemberFields fields;
    /** Per cube, its dimensions by name, as read before anything refers to them. */
    private final Map<String, Map<String, DimensionDraft>> dims = new LinkedHashMap<>();

    CubeResolver(Declarations declared, MemberFields fields) {
        this.declared = declared;
        this.fields = fields;
    }

    private record DimensionDraft(RawMember raw, DimensionType type, SqlTemplate sql, boolean primaryKey, List<Grain> grains,
                                  Location sqlLocation) {
    }

    Map<String, Cube> resolve() {
        for (RawCube c : declared.cubes.values()) {
            Set<String> names = new HashSet<>();
            for (List<RawMember> group : List.of(c.measures, c.dimensions, c.segments)) {
                for (RawMember m : group) {
                    if (!names.add(m.name())) {
                        fields.report(Issue.of(CatalogCode.DUPLICATE_NAME, m.location(), "cube " + c.name
                                + " already has a member named \"" + m.name() + "\""));
                    }
                }
            }
            Map<String, DimensionDraft> cubeDims = new LinkedHashMap<>();
            for (RawMember m : c.dimensions) cubeDims.put(m.name(), readDimension(c, m));
            dims.put(c.name, cubeDims);
        }
        Map<String, Cube> built = new LinkedHashMap<>();
        for (RawCube c : declared.cubes.values()) built.put(c.name, buildCube(c));
        return built;
    }

    private DimensionDraft readDimension(RawCube c, RawMember m) {
        YMap n = m.node();
        DimensionType type = fields.enumValue(n, "type", DimensionType.class, Map.of("date", "time", "timestamp", "time",
                "bool", "boolean", "text", "string", "integer", "number", "numeric", "number"), m.name());
        if (type == null && n.get("type") == null) {
            fields.report(Issue.of(YamlCode.MISSING_FIELD, m.location(), "dimension " + c.name + "." + m.name()
                    + " needs a type (string, number, boolean, time)"));
        }
        String sqlText = text(n.get("sql"));
        Location sqlAt = n.get("sql") == null ? m.location() : n.get("sql").location();
        SqlTemplate sql = sqlText == null ? SqlTemplate.column(c.name, m.name()) : fields.template(sqlText, c.name, sqlAt);
        boolean pk = fields.yaml().bool(n, "primary_key", false);
        List<Grain> grains = new ArrayList<>();
        YNode g = n.get("granularities");
        if (g != null) {
            for (YNode item : g instanceof YList l ? l.items() : List.of(g)) {
                String s = text(item);
                Optional<Grain> grain = s == null ? Optional.empty() : Grain.parse(s);
                if (grain.isEmpty()) {
                    fields.report(Issue.of(YamlCode.INVALID_VALUE, item.location(), "unknown granularity \"" + s + "\"",
                            Suggestions.closest(String.valueOf(s), MemberFields.GRAINS)));
                } else if (!grains.contains(grain.get())) {
                    grains.add(grain.get());
                }
            }
            if (type != null && type != DimensionType.TIME) {
                fields.report(Issue.of(YamlCode.INVALID_VALUE, n.keyLocation("granularities"), "only time dimensions take granularities"));
            }
        } else if (type == DimensionType.TIME) {
            fields.report(Issue.of(CatalogCode.MISSING_GRANULARITIES, m.location(), "time dimension " + c.name + "." + m.name()
                    + " has no granularities (e.g. granularities: [day, week, month, quarter, year])"));
        }
        return new DimensionDraft(m, type, sql, pk, grains, sqlAt);
    }

    private Cube buildCube(RawCube c) {
        MemberInfo cubeInfo = fields.info(c.info, null, false);
        String defaultOwner = cubeInfo.owner();
        boolean defaultCertified = cubeInfo.certified();
        SqlTemplate source = c.table ? SqlTemplate.text(c.sql) : bind(c.name, fields.template(c.sql, c.name, c.sqlLocation), c.sqlLocation, false);
        List<Join> joins = new ArrayList<>();
        for (RawJoin j : c.joins) {
            Relationship rel = fields.relationship(j.relationship(), j.relationshipLocation());
            if (!declared.cubes.containsKey(j.target())) {
                fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, j.location(), "cube " + c.name + " joins unknown cube \""
                        + j.target() + "\"", Suggestions.closest(j.target(), declared.cubes.keySet())));
                continue;
            }
            SqlTemplate on = bind(c.name, fields.template(j.sql(), c.name, j.sqlLocation()), j.sqlLocation(), true);
            if (rel != null) joins.add(new Join(c.name, j.target(), rel, on, j.location()));
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (DimensionDraft d : dims.get(c.name).values()) {
            SqlTemplate sql = bind(c.name, d.sql(), d.sqlLocation(), false);
            dimensions.add(new Dimension(c.name, d.raw().name(), d.type() == null ? DimensionType.STRING : d.type(), sql,
                    d.primaryKey(), d.grains(), fields.info(d.raw().node(), defaultOwner, defaultCertified), d.raw().location()));
        }
        List<Measure> measures = new ArrayList<>();
        for (RawMember m : c.measures) {
            Measure built = buildMeasure(c, m, defaultOwner, defaultCertified);
            if (built != null) measures.add(built);
        }
        List<Segment> segments = new ArrayList<>();
        for (RawMember s : c.segments) {
            String sql = text(s.node().get("sql"));
            if (sql == null) {
                fields.report(Issue.of(YamlCode.MISSING_FIELD, s.location(), "segment " + c.name + "." + s.name() + " needs sql (the filter)"));
                continue;
            }
            Location at = s.node().get("sql").location();
            segments.add(new Segment(c.name, s.name(), bind(c.name, fields.template(sql, c.name, at), at, false),
                    fields.info(s.node(), defaultOwner, defaultCertified), s.location()));
        }
        return new Cube(c.name, source, c.table, new MemberInfo(cubeInfo.description(), cubeInfo.synonyms(), cubeInfo.owner(),
                cubeInfo.certified(), new LinkedHashMap<>(c.meta)), joins, measures, dimensions, segments, uniqueKey(c), Map.of(), c.location);
    }

    /** {@code unique_key}: one dimension name or a list of them, each a dimension of the cube. */
    private List<String> uniqueKey(RawCube c) {
        YNode n = c.info.get("unique_key");
        if (n == null) return List.of();
        List<String> names = new ArrayList<>();
        Map<String, DimensionDraft> own = dims.get(c.name);
        for (YNode item : n instanceof YList l ? l.items() : List.of(n)) {
            String name = text(item);
            if (name == null || !own.containsKey(name)) {
                fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, item.location(), "unique_key of cube " + c.name
                        + " names \"" + name + "\", which is not a dimension of the cube", Suggestions.closest(String.valueOf(name), own.keySet())));
                return List.of();
            }
            if (!names.contains(name)) names.add(name);
        }
        return names;
    }

    private Measure buildMeasure(RawCube c, RawMember m, String defaultOwner, boolean defaultCertified) {
        YMap n = m.node();
        MeasureType type = fields.enumValue(n, "type", MeasureType.class, Map.of("countdistinct", "count_distinct",
                "count_distinct_approx", "count_distinct", "average", "avg", "mean", "avg"), m.name());
        if (n.get("type") == null) {
            fields.report(Issue.of(YamlCode.MISSING_FIELD, m.location(), "measure " + c.name + "." + m.name()
                    + " needs a type (count, count_distinct, sum, avg, min, max, number)"));
            return null;
        }
        if (type == null) return null;
        String sqlText = text(n.get("sql"));
        SqlTemplate sql = null;
        if (sqlText != null) {
            Location at = n.get("sql").location();
            sql = bind(c.name, fields.template(sqlText, c.name, at), at, false);
        } else if (type != MeasureType.COUNT) {
            fields.report(Issue.of(YamlCode.MISSING_FIELD, m.location(), "measure " + c.name + "." + m.name() + " of type "
                    + type.name().toLowerCase(Locale.ROOT) + " needs sql (the aggregated expression)"));
        }
        List<SqlTemplate> filters = new ArrayList<>();
        YNode fs = n.get("filters");
        if (fs != null) {
            for (YNode f : fs instanceof YList l ? l.items() : List.of(fs)) {
                String ftext = f instanceof YMap fm ? text(fm.get("sql")) : text(f);
                if (f instanceof YMap fm) fields.yaml().checkKeys(fm, Set.of("sql"), "measure filter");
                if (ftext == null) {
                    fields.report(Issue.of(YamlCode.MISSING_FIELD, f.location(), "a measure filter needs sql"));
                    continue;
                }
                filters.add(bind(c.name, fields.template(ftext, c.name, f.location()), f.location(), false));
            }
        }
        String timeDim = text(n.get("time_dimension"));
        if (timeDim != null) {
            Map<String, DimensionDraft> cubeDims = dims.get(c.name);
            DimensionDraft d = cubeDims.get(timeDim);
            Location at = n.get("time_dimension").location();
            if (d == null) {
                fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "measure " + c.name + "." + m.name()
                        + " names unknown time_dimension \"" + timeDim + "\"", Suggestions.closest(timeDim, cubeDims.values().stream()
                        .filter(x -> x.type() == DimensionType.TIME).map(x -> x.raw().name()).toList())));
            } else if (d.type() != DimensionType.TIME) {
                fields.report(Issue.of(CatalogCode.TYPE_MISMATCH, at, "time_dimension " + timeDim + " is not a time dimension"));
            }
        }
        List<String> timeDims = dims.get(c.name).values().stream()
                .filter(x -> x.type() == DimensionType.TIME).map(x -> x.raw().name()).toList();
        var time = TimeRules.measure(c.name, m.name(), n, timeDim, sql, filters, timeDims, fields.yaml().issues());
        var snapshot = TimeRules.nonAdditive(c.name, m.name(), n, timeDims, dims.get(c.name).keySet(), fields.yaml().issues());
        return new Measure(c.name, m.name(), type, sql, filters, fields.format(n), time.timeDimension(), fields.favorable(n),
                fields.info(n, defaultOwner, defaultCertified), m.location(), time.binding(), snapshot);
    }

    /**
     * Binds the {name} references of one cube's SQL: {dim} to a dimension of the cube,
     * {cube.dim} to another cube's dimension, and in join conditions {cube} to a cube alias.
     */
    private SqlTemplate bind(String cube, SqlTemplate t, Location at, boolean joinCondition) {
        return t.mapParts(p -> {
            if (!(p instanceof SqlTemplate.MemberRef r)) return p;
            Map<String, DimensionDraft> own = dims.getOrDefault(cube, Map.of());
            if (r.cube() == null) {
                if (joinCondition && declared.cubes.containsKey(r.member()) && own.containsKey(r.member())) {
                    fields.report(ReferenceRules.ambiguousInJoin(cube, r.member(), at));
                }
                if (own.containsKey(r.member())) return new SqlTemplate.MemberRef(cube, r.member());
                if (declared.cubes.containsKey(r.member())) return new SqlTemplate.CubeRef(r.member());
                List<String> names = new ArrayList<>(own.keySet());
                if (joinCondition) names.addAll(declared.cubes.keySet());
                fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "{" + r.member() + "} in cube " + cube
                        + " is neither a dimension of " + cube + (joinCondition ? " nor a cube" : ""), Suggestions.closest(r.member(), names)));
                return p;
            }
            if (!declared.cubes.containsKey(r.cube())) {
                fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "{" + r.cube() + "." + r.member() + "} names unknown cube \""
                        + r.cube() + "\"", Suggestions.closest(r.cube(), declared.cubes.keySet())));
                return p;
            }
            Map<String, DimensionDraft> theirs = dims.getOrDefault(r.cube(), Map.of());
            if (!theirs.containsKey(r.member())) {
                fields.report(Issue.of(CatalogCode.UNKNOWN_REFERENCE, at, "cube " + r.cube() + " has no dimension \"" + r.member() + "\"",
                        Suggestions.closest(r.member(), theirs.keySet())));
            }
            return p;
        });
    }
}
