package io.clarion.engine;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.MemberInfo;
import io.clarion.catalog.model.Rollup;
import io.clarion.catalog.model.Segment;
import io.clarion.catalog.model.SqlTemplate;
import io.clarion.catalog.model.TimeBinding;
import io.clarion.store.AppStore;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogs a rollup is built and read with, so that both go through the ordinary validator,
 * planner and renderer rather than SQL written by hand here.
 * <ul>
 *   <li>Building: the real catalog, with one extra count per filtered measure of the rollup
 *   ({@code __rows_i}: the rows that pass that measure's filters), so that reading can drop the
 *   groups the raw query would drop (when every measure it reads is filtered, the raw SQL keeps
 *   only rows that pass one of the filters).</li>
 *   <li>Reading: one cube over the rollup's table in the app store, columns {@code d0..},
 *   {@code t}, {@code m0..}, {@code n0..}: sums (counts are summed too), minimums and maximums
 *   re-aggregated; the time column has every grain from the rollup's up.</li>
 * </ul>
 */
final class RollupCatalog {
    static final String TIME = "t";
    static final String ROWS_MEASURE = "__rows_";

    private RollupCatalog() {
    }

    static String cubeName(Rollup r) {
        return "rollup_" + r.name();
    }

    static String table(Rollup r) {
        return AppStore.SCHEMA + "." + cubeName(r);
    }

    static String dimensionColumn(int i) {
        return "d" + i;
    }

    static String measureColumn(int i) {
        return "m" + i;
    }

    static String rowsColumn(int i) {
        return "n" + i;
    }

    /** The measures of {@code r} that carry filters, by index. */
    static List<Integer> filteredMeasures(Rollup r, Catalog catalog) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < r.measures().size(); i++) {
            if (!catalog.measure(r.measures().get(i)).orElseThrow().filters().isEmpty()) out.add(i);
        }
        return out;
    }

    /** The real catalog plus the row counts of the rollup's filtered measures. */
    static Catalog forBuilding(Rollup r, Catalog catalog) {
        Cube c = catalog.cube(r.cube()).orElseThrow();
        List<Measure> measures = new ArrayList<>(c.measures());
        for (int i : filteredMeasures(r, catalog)) {
            Measure m = catalog.measure(r.measures().get(i)).orElseThrow();
            measures.add(new Measure(c.name(), ROWS_MEASURE + i, MeasureType.COUNT, null, m.filters(), null, m.timeDimension(),
                    null, MemberInfo.EMPTY, m.location(), m.time(), null));
        }
        Map<String, Cube> cubes = new LinkedHashMap<>(catalog.cubes());
        cubes.put(c.name(), new Cube(c.name(), c.source(), c.sourceIsTable(), c.info(), c.joins(), measures, c.dimensions(),
                c.segments(), c.uniqueKey(), c.extra(), c.location()));
        return new Catalog(cubes, catalog.metrics(), catalog.access());
    }

    /** The build query's member names, in the order of the rollup table's columns. */
    static List<String> buildDimensions(Rollup r) {
        List<String> dims = new ArrayList<>(r.dimensions());
        if (r.timeDimension() != null) dims.add(r.timeDimensionFullName() + "." + r.grain().key());
        return dims;
    }

    static List<String> buildMeasures(Rollup r, Catalog catalog) {
        List<String> ms = new ArrayList<>(r.measures());
        for (int i : filteredMeasures(r, catalog)) ms.add(r.cube() + "." + ROWS_MEASURE + i);
        return ms;
    }

    /** Column names of the rollup table, in build order. */
    static List<String> columns(Rollup r, Catalog catalog) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < r.dimensions().size(); i++) cols.add(dimensionColumn(i));
        if (r.timeDimension() != null) cols.add(TIME);
        for (int i = 0; i < r.measures().size(); i++) cols.add(measureColumn(i));
        for (int i : filteredMeasures(r, catalog)) cols.add(rowsColumn(i));
        return cols;
    }

    /**
     * The cube over the rollup table. {@code rowsOf}: the measures whose filtered-row counts must
     * be positive in some column for a row to count (empty: every row counts), as a segment.
     */
    static Catalog forReading(Rollup r, Catalog catalog, List<Integer> rowsOf) {
        String name = cubeName(r);
        List<Dimension> dims = new ArrayList<>();
        for (int i = 0; i < r.dimensions().size(); i++) {
            Dimension d = catalog.dimension(r.dimensions().get(i)).orElseThrow();
            dims.add(new Dimension(name, dimensionColumn(i), d.type(), SqlTemplate.column(name, dimensionColumn(i)), false,
                    List.of(), certified(d.info()), r.location()));
        }
        if (r.timeDimension() != null) {
            List<Grain> grains = new ArrayList<>();
            for (Grain g : Grain.values()) if (RollupMatcher.coarserOrEqual(g, r.grain())) grains.add(g);
            dims.add(new Dimension(name, TIME, DimensionType.TIME, SqlTemplate.column(name, TIME), false, grains,
                    MemberInfo.EMPTY, r.location()));
        }
        List<Measure> measures = new ArrayList<>();
        for (int i = 0; i < r.measures().size(); i++) {
            Measure m = catalog.measure(r.measures().get(i)).orElseThrow();
            MeasureType type = switch (m.type()) {
                case MIN -> MeasureType.MIN;
                // One rollup row per group when a distinct count may be read at all (RollupMatcher).
                case MAX, COUNT_DISTINCT -> MeasureType.MAX;
                default -> MeasureType.SUM;
            };
            boolean timed = r.timeDimension() != null;
            measures.add(new Measure(name, measureColumn(i), type, SqlTemplate.column(name, measureColumn(i)), List.of(), m.format(),
                    timed ? TIME : null, m.favorable(), certified(m.info()), r.location(),
                    timed ? TimeBinding.DATED : TimeBinding.TIMELESS, null));
        }
        List<Segment> segments = new ArrayList<>();
        if (!rowsOf.isEmpty()) {
            List<SqlTemplate.Part> parts = new ArrayList<>();
            parts.add(new SqlTemplate.Text("("));
            for (int k = 0; k < rowsOf.size(); k++) {
                if (k > 0) parts.add(new SqlTemplate.Text(" OR "));
                parts.add(new SqlTemplate.Column(name, rowsColumn(rowsOf.get(k))));
                parts.add(new SqlTemplate.Text(" > 0"));
            }
            parts.add(new SqlTemplate.Text(")"));
            segments.add(new Segment(name, "rows", new SqlTemplate("rows", parts), MemberInfo.EMPTY, r.location()));
        }
        Cube cube = new Cube(name, SqlTemplate.text(table(r)), true, MemberInfo.EMPTY, List.of(), measures, dims, segments,
                List.of(), Map.of(), r.location());
        return new Catalog(Map.of(name, cube), Map.of());
    }

    static Optional<String> rowsSegment(Rollup r, List<Integer> rowsOf) {
        return rowsOf.isEmpty() ? Optional.empty() : Optional.of(cubeName(r) + ".rows");
    }

    /**
     * The column type of a measure: numeric, but a minimum or maximum of a time or text column
     * (the latest event's time) keeps its own type, so that it reads back as the raw query gives it.
     */
    static String measureType(List<List<Object>> rows, int column) {
        List<String> values = rows.stream().map(r -> r.get(column)).filter(v -> v != null && !(v instanceof Number))
                .map(Object::toString).toList();
        if (values.isEmpty()) return "numeric";
        if (rows.stream().anyMatch(r -> r.get(column) instanceof Number)) return "text";
        if (values.stream().allMatch(v -> parses(v, LocalDateTime::parse))) return "timestamp";
        if (values.stream().allMatch(v -> parses(v, LocalDate::parse))) return "date";
        return "text";
    }

    private static boolean parses(String v, java.util.function.Function<String, ?> parser) {
        try {
            parser.apply(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A built value as the JDBC driver stores it in a column of {@code type}. */
    static Object value(Object v, String type) {
        if (v == null) return null;
        if (type.equals("date")) return LocalDate.parse(v.toString().substring(0, 10));
        if (type.equals("timestamp")) return LocalDateTime.parse(v.toString());
        if (type.equals("text")) return v.toString();
        if (type.equals("numeric") && !(v instanceof Number)) return new java.math.BigDecimal(v.toString());
        return v;
    }

    private static MemberInfo certified(MemberInfo i) {
        return new MemberInfo(i.description(), i.synonyms(), i.owner(), true, i.meta());
    }
}
