package io.clarion.catalog;

import io.clarion.catalog.Declarations.RawCube;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Grain;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Rollup;
import io.clarion.catalog.model.TimeBinding;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.catalog.yaml.YNode.YScalar;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.diagnostics.Suggestions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cube's {@code rollups:}, checked against the resolved cubes. Only what can be re-aggregated
 * exactly is accepted, so that the engine never has to guess: counts, sums, minimums and maximums
 * (a count distinct only answers at the rollup's own dimensions and grain), measures dated by the
 * rollup's time dimension or, without one, undated; snapshot measures only when that time
 * dimension is their non-additive one (each rollup period then holds the period's last point,
 * which adds up across the other dimensions); dimensions of the cube or of cubes it reaches
 * through many-to-one joins (each fact row then falls in exactly one rollup row).
 */
final class RollupRules {
    static final Set<String> KEYS = Set.of("name", "measures", "dimensions", "time_dimension", "grain", "max_age", "refresh_every",
            "description");
    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([mhd])");

    private RollupRules() {
    }

    static List<Rollup> read(Declarations declared, Map<String, Cube> cubes, YamlFields yaml) {
        List<Rollup> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RawCube raw : declared.cubes.values()) {
            Cube cube = cubes.get(raw.name);
            if (cube == null) continue;
            for (YMap m : raw.rollups) {
                yaml.checkKeys(m, KEYS, "rollup");
                String name = yaml.requiredName(m, "rollup");
                if (name == null) continue;
                if (!NAME.matcher(name).matches()) {
                    yaml.report(CatalogCode.INVALID_NAME, m.keyLocation("name"), "rollup name \"" + name
                            + "\" must be lower case letters, digits and _ (at most 48), starting with a letter or _");
                    continue;
                }
                if (!names.add(name)) {
                    yaml.report(CatalogCode.DUPLICATE_NAME, m.keyLocation("name"), "rollup \"" + name + "\" is already declared");
                    continue;
                }
                Rollup r = rollup(cube, name, m, cubes, yaml);
                if (r != null) out.add(r);
            }
        }
        return out;
    }

    private static Rollup rollup(Cube cube, String name, YMap m, Map<String, Cube> cubes, YamlFields yaml) {
        int before = yaml.issues().size();
        String what = "rollup " + name;
        String time = yaml.scalar(m, "time_dimension");
        Grain grain = null;
        if (time != null) {
            Dimension td = cube.dimension(time).orElse(null);
            if (td == null || td.type() != DimensionType.TIME) {
                yaml.report(CatalogCode.UNKNOWN_REFERENCE, m.get("time_dimension").location(), what + ": time_dimension \"" + time
                        + "\" is not a time dimension of cube " + cube.name(), Suggestions.closest(time,
                        cube.dimensions().stream().filter(d -> d.type() == DimensionType.TIME).map(Dimension::name).toList()));
            } else {
                String g = yaml.requiredScalar(m, "grain", what);
                if (g != null) {
                    grain = Grain.parse(g).orElse(null);
                    if (grain == null) {
                        yaml.report(YamlCode.INVALID_VALUE, m.get("grain").location(), what + ": grain must be day, week, month, quarter or year");
                    } else if (!td.granularities().isEmpty() && !td.granularities().contains(grain)) {
                        yaml.report(CatalogCode.MISSING_GRANULARITIES, m.get("grain").location(), what + ": " + cube.name() + "." + time
                                + " has no grain " + grain.key());
                    }
                }
            }
        } else if (m.get("grain") != null) {
            yaml.report(CatalogCode.INVALID_ROLLUP, m.get("grain").location(), what + ": a grain needs a time_dimension");
        }
        List<String> measures = new ArrayList<>();
        List<YScalar> ms = yaml.names(m.get("measures"), "measures", true);
        if (ms.isEmpty() && m.get("measures") == null) yaml.report(YamlCode.MISSING_FIELD, m.location(), what + " needs measures:");
        for (YScalar s : ms) {
            String n = s.text().startsWith(cube.name() + ".") ? s.text().substring(cube.name().length() + 1) : s.text();
            Measure me = cube.measure(n).orElse(null);
            if (me == null) {
                yaml.report(CatalogCode.UNKNOWN_REFERENCE, s.location(), what + ": \"" + s.text() + "\" is not a measure of cube " + cube.name(),
                        Suggestions.closest(n, cube.measures().stream().map(Measure::name).toList()));
                continue;
            }
            String problem = problem(me, time);
            if (problem != null) {
                yaml.report(CatalogCode.INVALID_ROLLUP, s.location(), what + ": " + me.fullName() + " " + problem);
                continue;
            }
            if (!measures.contains(me.fullName())) measures.add(me.fullName());
        }
        Set<String> reachable = Catalog.reachedWithoutFanOut(cube.name(), cubes);
        Set<String> dims = new LinkedHashSet<>();
        for (YScalar s : yaml.names(m.get("dimensions"), "dimensions", true)) {
            String full = s.text().contains(".") ? s.text() : cube.name() + "." + s.text();
            String c = full.substring(0, full.indexOf('.'));
            Dimension d = cubes.containsKey(c) ? cubes.get(c).dimension(full.substring(c.length() + 1)).orElse(null) : null;
            if (d == null) {
                yaml.report(CatalogCode.UNKNOWN_REFERENCE, s.location(), what + ": \"" + s.text() + "\" is not a dimension",
                        Suggestions.closest(full, cubes.values().stream().flatMap(x -> x.dimensions().stream()).map(Dimension::fullName).toList()));
            } else if (!reachable.contains(c)) {
                yaml.report(CatalogCode.INVALID_ROLLUP, s.location(), what + ": " + full + " is not reached from cube " + cube.name()
                        + " through many-to-one joins, so a row of " + cube.name() + " would not fall in one rollup row");
            } else if (d.type() == DimensionType.TIME) {
                yaml.report(CatalogCode.INVALID_ROLLUP, s.location(), what + ": " + full + " is a time dimension; a rollup has one, "
                        + "named by time_dimension with its grain");
            } else if (full.equals(cube.name() + "." + time)) {
                yaml.report(CatalogCode.INVALID_ROLLUP, s.location(), what + ": " + full + " is the time dimension; list it as time_dimension only");
            } else {
                dims.add(full);
            }
        }
        Duration maxAge = duration(m, "max_age", what, yaml);
        if (maxAge == null) maxAge = DEFAULT_MAX_AGE;
        Duration refreshEvery = duration(m, "refresh_every", what, yaml);
        if (refreshEvery != null && refreshEvery.compareTo(maxAge) > 0) {
            // Refreshed less often than it goes stale, the rollup would spend part of each cycle unread.
            yaml.report(CatalogCode.INVALID_ROLLUP, m.get("refresh_every").location(), what + ": refresh_every is longer than max_age ("
                    + maxAge.toMinutes() + " minutes), so it would be stale between refreshes");
        }
        if (yaml.issues().size() > before) return null;
        return new Rollup(name, cube.name(), measures, List.copyOf(dims), time, grain, maxAge, refreshEvery, m.location());
    }

    /** A duration field ({@code 30m}, {@code 6h}, {@code 1d}), or null when absent or invalid (reported). */
    private static Duration duration(YMap m, String key, String what, YamlFields yaml) {
        String v = yaml.scalar(m, key);
        if (v == null) return null;
        Matcher a = AGE.matcher(v.strip());
        if (!a.matches() || Long.parseLong(a.group(1)) == 0) {
            yaml.report(YamlCode.INVALID_VALUE, m.get(key).location(), what + ": " + key + " is a number of minutes, hours or days (30m, 6h, 1d)");
            return null;
        }
        long n = Long.parseLong(a.group(1));
        return switch (a.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Why a measure cannot be kept in a rollup with time dimension {@code time}, or null. */
    private static String problem(Measure m, String time) {
        if (m.type() == MeasureType.AVG || m.type() == MeasureType.NUMBER) {
            return "(" + m.type().name().toLowerCase() + ") cannot be re-aggregated from a rollup; roll up a sum and a count instead";
        }
        if (m.nonAdditive() != null && !m.nonAdditive().dimension().equals(time)) {
            // Its rows add up across everything but its own periods: only a rollup kept per those periods holds it.
            String dim = m.nonAdditive().dimension();
            return "is a snapshot measure of " + dim + " (its rows add up within a period of " + dim
                    + ", not across periods); declare time_dimension: " + dim + " to keep it";
        }
        if (m.time() == TimeBinding.PERIOD) return "is bound to the query's period and has no value per row to roll up";
        if (time != null && !(m.time().dated() && time.equals(m.timeDimension()))) {
            return "is not dated by " + time + ", so its rows cannot be placed in the rollup's periods";
        }
        if (time == null && m.time().dated()) {
            return "is dated by " + m.timeDimension() + "; declare time_dimension: " + m.timeDimension() + " and a grain";
        }
        return null;
    }
}
