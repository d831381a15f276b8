package io.clarion.catalog;

import io.clarion.diagnostics.Suggestions;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Favorable;
import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Join;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.MemberInfo;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.PeriodOffset;
import io.clarion.catalog.model.Relationship;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YList;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects cube and metric declarations from every file, then validates and resolves them
 * into an immutable catalog. Every problem is recorded; nothing stops at the first.
 */
public final class CatalogBuilder {
    private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]*", Pattern.CASE_INSENSITIVE);
    static final Set<String> INFO_KEYS = Set.of("description", "synonyms", "owner", "certified", "meta", "title");
    static final Set<String> CUBE_KEYS = union(INFO_KEYS, "name", "sql", "sql_table", "joins", "segments", "measures", "dimensions", "public", "data_source");
    static final Set<String> JOIN_KEYS = Set.of("name", "relationship", "sql");
    static final Set<String> SEGMENT_KEYS = union(INFO_KEYS, "name", "sql");
    static final Set<String> MEASURE_KEYS = union(INFO_KEYS, "name", "type", "sql", "filters", "format", "time_dimension", "favorable", "drill_members",
            TimeRules.TIMELESS_KEY, TimeRules.NON_ADDITIVE_KEY);
    static final Set<String> DIMENSION_KEYS = union(INFO_KEYS, "name", "type", "sql", "primary_key", "granularities", "format");
    static final Set<String> METRIC_KEYS = union(INFO_KEYS, "name", "type", "expression", "numerator", "denominator", "filters",
            "time_grain", "offset", "format", "favorable", TimeRules.TIME_WINDOW_KEY);

    private final List<CatalogError> errors;
    private final Map<String, RawCube> cubes = new LinkedHashMap<>();
    private final List<RawCube> extensions = new ArrayList<>();
    private final Map<String, RawMetric> metrics = new LinkedHashMap<>();
    private final List<YNode> accessSections = new ArrayList<>();

    CatalogBuilder(List<CatalogError> errors) {
        this.errors = errors;
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> s = new LinkedHashSet<>(base);
        s.addAll(List.of(more));
        return Set.copyOf(s);
    }

    // ---- raw declarations (also filled by the Lens importer) -----------------------------------

    /** A cube as declared, before validation. */
    public static final class RawCube {
        public String name;
        public Location location;
        public String sql;
        public Location sqlLocation;
        public boolean table;
        public YMap info;
        public Map<String, Object> meta = new LinkedHashMap<>();
        public final List<RawJoin> joins = new ArrayList<>();
        public final List<RawMember> measures = new ArrayList<>();
        public final List<RawMember> dimensions = new ArrayList<>();
        public final List<RawMember> segments = new ArrayList<>();
    }

    public record RawJoin(String target, String relationship, String sql, Location location, Location sqlLocation) {
    }

    /** A member as declared: the mapping itself, read when the whole catalog is known. */
    public record RawMember(String name, YMap node, Location location) {
    }

    record RawMetric(String name, YMap node, Location location) {
    }

    public void report(CatalogError e) {
        errors.add(e);
    }

    public void addCube(RawCube c) {
        if (c.sql == null) {
            extensions.add(c);
            return;
        }
        if (cubes.containsKey(c.name)) {
            errors.add(error(c.location, "duplicate_name", "cube \"" + c.name + "\" is already declared at " + cubes.get(c.name).location));
            return;
        }
        cubes.put(c.name, c);
    }

    void readFile(YMap doc) {
        if (doc.get("access") != null) accessSections.add(doc.get("access"));
        YNode cs = doc.get("cubes");
        if (cs != null) {
            for (YMap m : listOfMaps(cs, "cubes")) readCube(m);
        }
        YNode ms = doc.get("metrics");
        if (ms != null) {
            for (YMap m : listOfMaps(ms, "metrics")) {
                checkKeys(m, METRIC_KEYS, "metric");
                String name = requiredName(m, "metric");
                if (name == null) continue;
                if (metrics.containsKey(name)) {
                    errors.add(error(m.keyLocation("name"), "duplicate_name", "metric \"" + name + "\" is already declared at "
                            + metrics.get(name).location()));
                    continue;
                }
                metrics.put(name, new RawMetric(name, m, m.location()));
            }
        }
    }

    private void readCube(YMap m) {
        checkKeys(m, CUBE_KEYS, "cube");
        String name = requiredName(m, "cube");
        if (name == null) return;
        RawCube c = new RawCube();
        c.name = name;
        c.location = m.location();
        c.info = m;
        String sql = text(m.get("sql"));
        String table = text(m.get("sql_table"));
        if (sql != null && table != null) {
            errors.add(error(m.keyLocation("sql_table"), "invalid_value", "cube " + name + " has both sql and sql_table; keep one"));
        }
        if (table != null) {
            c.sql = table.strip();
            c.table = true;
            c.sqlLocation = m.get("sql_table").location();
            if (!c.sql.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
                errors.add(error(c.sqlLocation, "invalid_value", "sql_table must be a table name (schema.table), not SQL: use sql:"));
            }
        } else if (sql != null) {
            c.sql = sql;
            c.sqlLocation = m.get("sql").location();
        }
        Object meta = plain(m.get("meta"));
        if (meta instanceof Map<?, ?> mm) mm.forEach((k, v) -> c.meta.put(String.valueOf(k), v));
        YNode joins = m.get("joins");
        if (joins != null) {
            for (YMap j : listOfMaps(joins, "joins")) {
                checkKeys(j, JOIN_KEYS, "join");
                String target = requiredName(j, "join");
                String rel = text(j.get("relationship"));
                String on = text(j.get("sql"));
                if (rel == null) errors.add(error(j.location(), "missing_field", "join to " + target + " needs a relationship"));
                if (on == null) errors.add(error(j.location(), "missing_field", "join to " + target + " needs sql (the join condition)"));
                if (target != null && rel != null && on != null) {
                    c.joins.add(new RawJoin(target, rel, on, j.keyLocation("name"), j.get("sql").location()));
                }
            }
        }
        readMembers(m, "measures", MEASURE_KEYS, c.measures);
        readMembers(m, "dimensions", DIMENSION_KEYS, c.dimensions);
        readMembers(m, "segments", SEGMENT_KEYS, c.segments);
        addCube(c);
    }

    private void readMembers(YMap cube, String key, Set<String> allowed, List<RawMember> into) {
        YNode n = cube.get(key);
        if (n == null) return;
        String kind = key.substring(0, key.length() - 1);
        for (YMap m : listOfMaps(n, key)) {
            checkKeys(m, allowed, kind);
            String name = requiredName(m, kind);
            if (name != null) into.add(new RawMember(name, m, m.keyLocation("name")));
        }
    }

    // ---- validation and resolution ------------------------------------------------------------

    Catalog finish() {
        for (RawCube ext : extensions) {
            RawCube base = cubes.get(ext.name);
            if (base == null) {
                errors.add(new CatalogError(ext.location, "missing_field", "cube " + ext.name + " has no sql or sql_table "
                        + "(and no cube of that name to extend)", Suggestions.closest(ext.name, cubes.keySet())));
                continue;
            }
            base.meta.putAll(ext.meta);
            base.joins.addAll(ext.joins);
            base.measures.addAll(ext.measures);
            base.dimensions.addAll(ext.dimensions);
            base.segments.addAll(ext.segments);
        }
        // First pass: names, types and SQL of every member, so references can be checked after.
        Map<String, Map<String, DimensionDraft>> dims = new LinkedHashMap<>();
        for (RawCube c : cubes.values()) {
            Set<String> names = new HashSet<>();
            Map<String, DimensionDraft> cubeDims = new LinkedHashMap<>();
            for (List<RawMember> group : List.of(c.measures, c.dimensions, c.segments)) {
                for (RawMember m : group) {
                    if (!names.add(m.name())) {
                        errors.add(error(m.location(), "duplicate_name", "cube " + c.name + " already has a member named \"" + m.name() + "\""));
                    }
                }
            }
            for (RawMember m : c.dimensions) cubeDims.put(m.name(), readDimension(c, m));
            dims.put(c.name, cubeDims);
        }
        Map<String, Cube> built = new LinkedHashMap<>();
        for (RawCube c : cubes.values()) built.put(c.name, buildCube(c, dims));
        Map<String, Metric> builtMetrics = new LinkedHashMap<>();
        for (RawMetric m : metrics.values()) {
            Metric metric = buildMetric(m, built);
            if (metric != null) builtMetrics.put(m.name(), metric);
        }
        checkMetricGraph(builtMetrics);
        TimeRules.checkMetrics(built, builtMetrics, name -> metrics.containsKey(name) ? metrics.get(name).node() : null, errors);
        checkInlineCycles(built);
        return new Catalog(built, builtMetrics, AccessReader.read(accessSections, built, builtMetrics, errors));
    }

    private record DimensionDraft(RawMember raw, DimensionType type, SqlTemplate sql, boolean primaryKey, List<Grain> grains,
                                  Location sqlLocation) {
    }

    private DimensionDraft readDimension(RawCube c, RawMember m) {
        YMap n = m.node();
        DimensionType type = enumValue(n, "type", DimensionType.class, Map.of("date", "time", "timestamp", "time",
                "bool", "boolean", "text", "string", "integer", "number", "numeric", "number"), null, m.name());
        if (type == null && n.get("type") == null) {
            errors.add(error(m.location(), "missing_field", "dimension " + c.name + "." + m.name() + " needs a type (string, number, boolean, time)"));
        }
        String sqlText = text(n.get("sql"));
        Location sqlAt = n.get("sql") == null ? m.location() : n.get("sql").location();
        SqlTemplate sql = sqlText == null ? SqlTemplate.column(c.name, m.name()) : template(sqlText, c.name, sqlAt);
        boolean pk = bool(n, "primary_key", false);
        List<Grain> grains = new ArrayList<>();
        YNode g = n.get("granularities");
        if (g != null) {
            for (YNode item : g instanceof YList l ? l.items() : List.of(g)) {
                String s = text(item);
                var grain = s == null ? java.util.Optional.<Grain>empty() : Grain.parse(s);
                if (grain.isEmpty()) {
                    errors.add(new CatalogError(item.location(), "invalid_value", "unknown granularity \"" + s + "\"",
                            Suggestions.closest(String.valueOf(s), List.of("day", "week", "month", "quarter", "year"))));
                } else if (!grains.contains(grain.get())) {
                    grains.add(grain.get());
                }
            }
            if (type != null && type != DimensionType.TIME) {
                errors.add(error(n.keyLocation("granularities"), "invalid_value", "only time dimensions take granularities"));
            }
        } else if (type == DimensionType.TIME) {
            errors.add(error(m.location(), "missing_granularities", "time dimension " + c.name + "." + m.name()
                    + " has no granularities (e.g. granularities: [day, week, month, quarter, year])"));
        }
        return new DimensionDraft(m, type, sql, pk, grains, sqlAt);
    }

    private Cube buildCube(RawCube c, Map<String, Map<String, DimensionDraft>> dims) {
        checkIdentifier(c.name, c.location, "cube");
        MemberInfo cubeInfo = info(c.info, null, false);
        Map<String, Object> cubeMeta = new LinkedHashMap<>(c.meta);
        String defaultOwner = cubeInfo.owner();
        boolean defaultCertified = cubeInfo.certified();
        Resolver resolver = new Resolver(c.name, dims);

        SqlTemplate source = c.table ? SqlTemplate.text(c.sql) : resolver.resolve(template(c.sql, c.name, c.sqlLocation), c.sqlLocation, false);
        List<Join> joins = new ArrayList<>();
        for (RawJoin j : c.joins) {
            Relationship rel = relationship(j.relationship(), j.location());
            if (!cubes.containsKey(j.target())) {
                errors.add(new CatalogError(j.location(), "unknown_reference", "cube " + c.name + " joins unknown cube \"" + j.target() + "\"",
                        Suggestions.closest(j.target(), cubes.keySet())));
                continue;
            }
            SqlTemplate on = resolver.resolve(template(j.sql(), c.name, j.sqlLocation()), j.sqlLocation(), true);
            if (rel != null) joins.add(new Join(c.name, j.target(), rel, on, j.location()));
        }
        List<Dimension> dimensions = new ArrayList<>();
        int pks = 0;
        for (DimensionDraft d : dims.get(c.name).values()) {
            checkIdentifier(d.raw().name(), d.raw().location(), "dimension");
            if (d.primaryKey()) pks++;
            if (pks == 2 && d.primaryKey()) {
                errors.add(error(d.raw().location(), "invalid_value", "cube " + c.name + " has more than one primary_key dimension"));
            }
            SqlTemplate sql = resolver.resolve(d.sql(), d.sqlLocation(), false);
            dimensions.add(new Dimension(c.name, d.raw().name(), d.type() == null ? DimensionType.STRING : d.type(), sql,
                    d.primaryKey(), d.grains(), info(d.raw().node(), defaultOwner, defaultCertified), d.raw().location()));
        }
        List<Measure> measures = new ArrayList<>();
        for (RawMember m : c.measures) {
            Measure built = buildMeasure(c, m, resolver, dims.get(c.name), defaultOwner, defaultCertified);
            if (built != null) measures.add(built);
        }
        List<Segment> segments = new ArrayList<>();
        for (RawMember s : c.segments) {
            checkIdentifier(s.name(), s.location(), "segment");
            String sql = text(s.node().get("sql"));
            if (sql == null) {
                errors.add(error(s.location(), "missing_field", "segment " + c.name + "." + s.name() + " needs sql (the filter)"));
                continue;
            }
            Location at = s.node().get("sql").location();
            segments.add(new Segment(c.name, s.name(), resolver.resolve(template(sql, c.name, at), at, false),
                    info(s.node(), defaultOwner, defaultCertified), s.location()));
        }
        return new Cube(c.name, source, c.table, new MemberInfo(cubeInfo.description(), cubeInfo.synonyms(), cubeInfo.owner(),
                cubeInfo.certified(), cubeMeta), joins, measures, dimensions, segments, Map.of(), c.location);
    }

    private Measure buildMeasure(RawCube c, RawMember m, Resolver resolver, Map<String, DimensionDraft> cubeDims,
                                 String defaultOwner, boolean defaultCertified) {
        YMap n = m.node();
        checkIdentifier(m.name(), m.location(), "measure");
        MeasureType type = enumValue(n, "type", MeasureType.class, Map.of("countdistinct", "count_distinct",
                "count_distinct_approx", "count_distinct", "average", "avg", "mean", "avg"), null, m.name());
        if (n.get("type") == null) {
            errors.add(error(m.location(), "missing_field", "measure " + c.name + "." + m.name()
                    + " needs a type (count, count_distinct, sum, avg, min, max, number)"));
            return null;
        }
        if (type == null) return null;
        String sqlText = text(n.get("sql"));
        SqlTemplate sql = null;
        if (sqlText != null) {
            Location at = n.get("sql").location();
            sql = resolver.resolve(template(sqlText, c.name, at), at, false);
        } else if (type != MeasureType.COUNT) {
            errors.add(error(m.location(), "missing_field", "measure " + c.name + "." + m.name() + " of type "
                    + type.name().toLowerCase(Locale.ROOT) + " needs sql (the aggregated expression)"));
        }
        List<SqlTemplate> filters = new ArrayList<>();
        YNode fs = n.get("filters");
        if (fs != null) {
            for (YNode f : fs instanceof YList l ? l.items() : List.of(fs)) {
                String ftext = f instanceof YMap fm ? text(fm.get("sql")) : text(f);
                if (f instanceof YMap fm) checkKeys(fm, Set.of("sql"), "measure filter");
                if (ftext == null) {
                    errors.add(error(f.location(), "missing_field", "a measure filter needs sql"));
                    continue;
                }
                filters.add(resolver.resolve(template(ftext, c.name, f.location()), f.location(), false));
            }
        }
        if (type == MeasureType.NUMBER && !filters.isEmpty()) {
            errors.add(error(n.keyLocation("filters"), "invalid_value", "a number measure is a full aggregate expression; "
                    + "put its condition inside the SQL (FILTER (WHERE ...)) instead of filters"));
        }
        String timeDim = text(n.get("time_dimension"));
        if (timeDim != null) {
            DimensionDraft d = cubeDims.get(timeDim);
            if (d == null) {
                errors.add(new CatalogError(n.get("time_dimension").location(), "unknown_reference", "measure " + c.name + "."
                        + m.name() + " names unknown time_dimension \"" + timeDim + "\"", Suggestions.closest(timeDim,
                        cubeDims.values().stream().filter(x -> x.type() == DimensionType.TIME).map(x -> x.raw().name()).toList())));
            } else if (d.type() != DimensionType.TIME) {
                errors.add(error(n.get("time_dimension").location(), "type_mismatch", "time_dimension " + timeDim + " is not a time dimension"));
            }
        }
        Format format = format(n);
        Favorable fav = favorable(n);
        var time = TimeRules.measure(c.name, m.name(), n, timeDim, sql, filters, cubeDims.values().stream()
                .filter(x -> x.type() == DimensionType.TIME).map(x -> x.raw().name()).toList(), errors);
        var snapshot = TimeRules.nonAdditive(c.name, m.name(), n, cubeDims.values().stream()
                .filter(x -> x.type() == DimensionType.TIME).map(x -> x.raw().name()).toList(), cubeDims.keySet(), errors);
        return new Measure(c.name, m.name(), type, sql, filters, format, time.timeDimension(), fav, info(n, defaultOwner, defaultCertified),
                m.location(), time.binding(), snapshot);
    }

    private Metric buildMetric(RawMetric raw, Map<String, Cube> built) {
        YMap n = raw.node();
        checkIdentifier(raw.name(), raw.location(), "metric");
        MetricType type = enumValue(n, "type", MetricType.class, Map.of(), null, raw.name());
        if (n.get("type") == null) {
            errors.add(error(raw.location(), "missing_field", "metric " + raw.name() + " needs a type (simple, ratio, derived)"));
            return null;
        }
        if (type == null) return null;
        String expression = text(n.get("expression"));
        String num = text(n.get("numerator"));
        String den = text(n.get("denominator"));
        List<String> refs = new ArrayList<>();
        switch (type) {
            case SIMPLE -> {
                if (expression == null) {
                    errors.add(error(raw.location(), "missing_field", "simple metric " + raw.name() + " needs expression (a measure, e.g. customers.total_count)"));
                    return null;
                }
                refs.add(expression.strip());
            }
            case RATIO -> {
                if (num == null || den == null) {
                    errors.add(error(raw.location(), "missing_field", "ratio metric " + raw.name() + " needs numerator and denominator"));
                    return null;
                }
                refs.add(num.strip());
                refs.add(den.strip());
            }
            case DERIVED -> {
                if (expression == null) {
                    errors.add(error(raw.location(), "missing_field", "derived metric " + raw.name() + " needs expression"));
                    return null;
                }
                try {
                    refs.addAll(MetricExpression.parse(expression).refs());
                } catch (MetricExpression.SyntaxError e) {
                    Location at = n.get("expression").location();
                    errors.add(error(at, "invalid_expression", "metric " + raw.name() + ": " + e.getMessage() + " at character " + (e.offset() + 1)));
                    return null;
                }
            }
        }
        // Operands must be measures or metrics: numbers, not dimensions.
        String key = type == MetricType.RATIO ? "numerator" : "expression";
        for (int i = 0; i < refs.size(); i++) {
            String r = refs.get(i);
            if (type == MetricType.RATIO && i == 1) key = "denominator";
            Location at = n.get(key) == null ? raw.location() : n.get(key).location();
            checkOperand(raw.name(), r, at, built);
        }
        List<SqlTemplate> filters = new ArrayList<>();
        if (n.get("filters") != null) {
            if (type != MetricType.SIMPLE) {
                errors.add(error(n.keyLocation("filters"), "invalid_value", "only simple metrics take filters"));
            } else {
                int dot = refs.get(0).indexOf('.');
                String owner = dot > 0 ? refs.get(0).substring(0, dot) : null;
                if (owner == null || !built.containsKey(owner)) {
                    errors.add(error(n.keyLocation("filters"), "invalid_value", "metric filters apply to a measure's cube; the expression must be cube.measure"));
                } else {
                    for (YNode f : n.get("filters") instanceof YList l ? l.items() : List.of(n.get("filters"))) {
                        String ftext = f instanceof YMap fm ? text(fm.get("sql")) : text(f);
                        if (ftext == null) continue;
                        SqlTemplate t = template(ftext, owner, f.location());
                        filters.add(new Resolver(owner, null).resolveAgainst(t, f.location(), built));
                    }
                }
            }
        }
        Grain grain = null;
        String g = text(n.get("time_grain"));
        if (g != null) {
            grain = Grain.parse(g).orElse(null);
            if (grain == null) {
                errors.add(new CatalogError(n.get("time_grain").location(), "invalid_value", "unknown time_grain \"" + g + "\"",
                        Suggestions.closest(g, List.of("day", "week", "month", "quarter", "year"))));
            }
        }
        PeriodOffset offset = enumValue(n, "offset", PeriodOffset.class, Map.of("previous", "previous_period",
                "prior_period", "previous_period", "previous_year", "same_period_last_year", "year_over_year", "same_period_last_year"), null, raw.name());
        return new Metric(raw.name(), type, expression, num, den, refs, filters, grain, offset, format(n), favorable(n),
                info(n, null, false), raw.location(), MetricExpression.formula(type, expression, num, den),
                n.get(TimeRules.TIME_WINDOW_KEY) != null);
    }

    private void checkOperand(String metric, String ref, Location at, Map<String, Cube> built) {
        if (metrics.containsKey(ref)) return;
        int dot = ref.indexOf('.');
        if (dot > 0) {
            Cube c = built.get(ref.substring(0, dot));
            String member = ref.substring(dot + 1);
            if (c != null && c.measure(member).isPresent()) return;
            if (c != null && (c.dimension(member).isPresent() || c.segment(member).isPresent())) {
                errors.add(error(at, "type_mismatch", "metric " + metric + " uses " + ref + ", which is a "
                        + (c.dimension(member).isPresent() ? "dimension" : "segment") + ", not a measure: metrics combine measures"));
                return;
            }
        }
        List<String> candidates = new ArrayList<>(metrics.keySet());
        for (Cube c : built.values()) c.measures().forEach(m -> candidates.add(m.fullName()));
        errors.add(new CatalogError(at, "unknown_reference", "metric " + metric + " refers to unknown measure or metric \"" + ref + "\"",
                Suggestions.closest(ref, candidates)));
    }

    private void checkMetricGraph(Map<String, Metric> built) {
        Map<String, Integer> state = new HashMap<>();
        for (String m : built.keySet()) visit(m, built, state, new ArrayList<>());
    }

    private void visit(String m, Map<String, Metric> built, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(m);
        if (s != null && s == 2) return;
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(m), path.size()));
            cycle.add(m);
            errors.add(error(built.get(m).location(), "cycle", "metrics refer to each other in a cycle: " + String.join(" -> ", cycle)));
            return;
        }
        state.put(m, 1);
        path.add(m);
        for (String r : built.get(m).refs()) if (built.containsKey(r)) visit(r, built, state, path);
        path.remove(path.size() - 1);
        state.put(m, 2);
    }

    /** {dim} references inside dimensions must not loop back on themselves. */
    private void checkInlineCycles(Map<String, Cube> built) {
        for (Cube c : built.values()) {
            for (Dimension d : c.dimensions()) {
                List<String> path = new ArrayList<>();
                if (inlineLoops(d, built, path)) {
                    errors.add(error(d.location(), "cycle", "dimension SQL references loop: " + String.join(" -> ", path)));
                }
            }
        }
    }

    private boolean inlineLoops(Dimension d, Map<String, Cube> built, List<String> path) {
        if (path.contains(d.fullName())) {
            path.add(d.fullName());
            return path.get(0).equals(d.fullName());
        }
        path.add(d.fullName());
        for (SqlTemplate.MemberRef r : d.sql().memberRefs()) {
            Cube c = built.get(r.cube());
            if (c == null) continue;
            var next = c.dimension(r.member());
            if (next.isPresent() && inlineLoops(next.get(), built, path)) return true;
        }
        path.remove(path.size() - 1);
        return false;
    }

    /** Binds {name} references of one cube's SQL to dimensions or cube aliases, reporting unknown names. */
    private final class Resolver {
        private final String cube;
        private final Map<String, Map<String, DimensionDraft>> dims;

        Resolver(String cube, Map<String, Map<String, DimensionDraft>> dims) {
            this.cube = cube;
            this.dims = dims;
        }

        SqlTemplate resolve(SqlTemplate t, Location at, boolean joinCondition) {
            return t.mapParts(p -> {
                if (!(p instanceof SqlTemplate.MemberRef r)) return p;
                if (r.cube() == null) {
                    if (joinCondition && cubes.containsKey(r.member()) && dims.getOrDefault(cube, Map.of()).containsKey(r.member())) errors.add(ReferenceRules.ambiguousInJoin(cube, r.member(), at));
                    if (dims.getOrDefault(cube, Map.of()).containsKey(r.member())) return new SqlTemplate.MemberRef(cube, r.member());
                    if (cubes.containsKey(r.member())) return new SqlTemplate.CubeRef(r.member());
                    List<String> names = new ArrayList<>(dims.getOrDefault(cube, Map.of()).keySet());
                    if (joinCondition) names.addAll(cubes.keySet());
                    errors.add(new CatalogError(at, "unknown_reference", "{" + r.member() + "} in cube " + cube
                            + " is neither a dimension of " + cube + (joinCondition ? " nor a cube" : ""), Suggestions.closest(r.member(), names)));
                    return p;
                }
                if (!cubes.containsKey(r.cube())) {
                    errors.add(new CatalogError(at, "unknown_reference", "{" + r.cube() + "." + r.member() + "} names unknown cube \"" + r.cube() + "\"",
                            Suggestions.closest(r.cube(), cubes.keySet())));
                    return p;
                }
                if (!dims.getOrDefault(r.cube(), Map.of()).containsKey(r.member())) {
                    errors.add(new CatalogError(at, "unknown_reference", "cube " + r.cube() + " has no dimension \"" + r.member() + "\"",
                            Suggestions.closest(r.member(), dims.getOrDefault(r.cube(), Map.of()).keySet())));
                }
                return p;
            });
        }

        SqlTemplate resolveAgainst(SqlTemplate t, Location at, Map<String, Cube> built) {
            return t.mapParts(p -> {
                if (!(p instanceof SqlTemplate.MemberRef r)) return p;
                String c = r.cube() == null ? cube : r.cube();
                Cube target = built.get(c);
                if (target == null || target.dimension(r.member()).isEmpty()) {
                    errors.add(new CatalogError(at, "unknown_reference", "unknown dimension {" + c + "." + r.member() + "}",
                            target == null ? List.of() : Suggestions.closest(r.member(), target.dimensions().stream().map(Dimension::name).toList())));
                    return p;
                }
                return new SqlTemplate.MemberRef(c, r.member());
            });
        }
    }

    // ---- small readers ------------------------------------------------------------------------

    private SqlTemplate template(String sql, String owner, Location at) {
        List<SqlTemplate.ParseProblem> problems = new ArrayList<>();
        SqlTemplate t = SqlTemplate.parse(sql, owner, problems);
        for (SqlTemplate.ParseProblem p : problems) {
            errors.add(error(offset(at, sql, p.offset()), "invalid_sql_reference", p.message()));
        }
        return t;
    }

    /** The location of a character inside a scalar (exact for single-line plain scalars). */
    private static Location offset(Location at, String text, int offset) {
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

    private Relationship relationship(String s, Location at) {
        String k = s.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (k) {
            case "many_to_one", "belongs_to", "belongsto", "n:1", "manytoone" -> Relationship.MANY_TO_ONE;
            case "one_to_many", "has_many", "hasmany", "1:n", "onetomany" -> Relationship.ONE_TO_MANY;
            case "one_to_one", "has_one", "hasone", "1:1", "onetoone" -> Relationship.ONE_TO_ONE;
            default -> {
                errors.add(new CatalogError(at, "invalid_value", "unknown relationship \"" + s + "\"",
                        Suggestions.closest(k, List.of("many_to_one", "one_to_many", "one_to_one"))));
                yield null;
            }
        };
    }

    private <E extends Enum<E>> E enumValue(YMap n, String key, Class<E> type, Map<String, String> aliases, E dflt, String owner) {
        YNode v = n.get(key);
        if (v == null) return dflt;
        String s = text(v);
        if (s == null) return dflt;
        String k = s.strip().toLowerCase(Locale.ROOT);
        k = aliases.getOrDefault(k, k);
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(k)) return e;
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        errors.add(new CatalogError(v.location(), "invalid_value", owner + ": unknown " + key + " \"" + s + "\" (one of "
                + String.join(", ", allowed) + ")", Suggestions.closest(k, allowed)));
        return null;
    }

    private Format format(YMap n) {
        YNode v = n.get("format");
        if (v == null) return null;
        String s = text(v);
        if (s == null) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "currency", "money" -> Format.CURRENCY;
            case "percentage", "percent", "pct" -> Format.PERCENTAGE;
            case "number", "decimal" -> Format.NUMBER;
            case "integer", "int" -> Format.INTEGER;
            default -> {
                errors.add(new CatalogError(v.location(), "invalid_value", "unknown format \"" + s + "\"",
                        Suggestions.closest(s, List.of("currency", "percentage", "number", "integer"))));
                yield null;
            }
        };
    }

    private Favorable favorable(YMap n) {
        YNode v = n.get("favorable");
        if (v == null) return null;
        String s = String.valueOf(text(v)).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "up", "higher", "increase" -> Favorable.UP;
            case "down", "lower", "decrease" -> Favorable.DOWN;
            default -> {
                errors.add(new CatalogError(v.location(), "invalid_value", "favorable is up or down, not \"" + s + "\"",
                        Suggestions.closest(s, List.of("up", "down"))));
                yield null;
            }
        };
    }

    private MemberInfo info(YMap n, String defaultOwner, boolean defaultCertified) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (plain(n.get("meta")) instanceof Map<?, ?> mm) mm.forEach((k, v) -> meta.put(String.valueOf(k), v));
        String owner = text(n.get("owner"));
        if (owner == null && meta.get("owner") != null) owner = String.valueOf(meta.get("owner"));
        if (owner == null) owner = defaultOwner;
        boolean certified = defaultCertified;
        if (n.get("certified") != null) certified = bool(n, "certified", defaultCertified);
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

    private boolean bool(YMap n, String key, boolean dflt) {
        YNode v = n.get(key);
        if (v == null) return dflt;
        if (v instanceof YScalar s && s.kind() == YScalar.Kind.BOOLEAN) return Boolean.parseBoolean(s.text());
        String t = text(v);
        if ("true".equalsIgnoreCase(t) || "yes".equalsIgnoreCase(t)) return true;
        if ("false".equalsIgnoreCase(t) || "no".equalsIgnoreCase(t)) return false;
        errors.add(error(v.location(), "invalid_value", key + " must be true or false"));
        return dflt;
    }

    private String requiredName(YMap m, String kind) {
        String name = text(m.get("name"));
        if (name == null || name.isBlank()) {
            errors.add(error(m.location(), "missing_field", "a " + kind + " needs a name"));
            return null;
        }
        return name.strip();
    }

    private void checkIdentifier(String name, Location at, String kind) {
        if (!IDENT.matcher(name).matches()) {
            errors.add(error(at, "invalid_name", kind + " name \"" + name + "\" must be letters, digits and underscores, starting with a letter"));
        }
    }

    private void checkKeys(YMap m, Set<String> allowed, String kind) {
        for (String k : m.values().keySet()) {
            if (!allowed.contains(k)) {
                errors.add(new CatalogError(m.keyLocation(k), "unknown_key", "unknown key \"" + k + "\" in " + kind,
                        Suggestions.closest(k, allowed)));
            }
        }
    }

    private List<YMap> listOfMaps(YNode n, String key) {
        List<YMap> out = new ArrayList<>();
        if (!(n instanceof YList l)) {
            errors.add(error(n.location(), "invalid_structure", key + " must be a list"));
            return out;
        }
        for (YNode item : l.items()) {
            if (item instanceof YMap m) out.add(m);
            else errors.add(error(item.location(), "invalid_structure", "each entry of " + key + " must be a mapping with a name"));
        }
        return out;
    }

    static String text(YNode n) {
        if (n instanceof YScalar s) return s.text();
        return null;
    }

    /** A YAML value as plain Java (maps, lists, strings, numbers, booleans) for meta. */
    static Object plain(YNode n) {
        if (n == null) return null;
        if (n instanceof YMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.values().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (n instanceof YList l) return l.items().stream().map(CatalogBuilder::plain).toList();
        YScalar s = (YScalar) n;
        return switch (s.kind()) {
            case BOOLEAN -> Boolean.parseBoolean(s.text());
            case NUMBER -> s.text().contains(".") ? (Object) Double.parseDouble(s.text()) : (Object) Long.parseLong(s.text());
            case NULL -> null;
            case STRING -> s.text();
        };
    }

    private static CatalogError error(Location at, String code, String message) {
        return new CatalogError(at, code, message, List.of());
    }
}
