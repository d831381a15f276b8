package io.clarion.catalog;

import io.clarion.catalog.lens.LensImporter;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.yaml.LocatedYaml;
import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YamlCode;
import io.clarion.catalog.yaml.YamlFields;
import io.clarion.catalog.yaml.YamlFiles;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.diagnostics.Location;
import io.clarion.diagnostics.Suggestions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads every catalog file of a folder into one validated {@link Catalog}, in ordered phases
 * that each collect issues rather than stop at the first: read (located YAML into {@link
 * Declarations}), resolve (cubes, then metrics, every reference bound), rules (names, keys,
 * cycles), then the access policy against the resolved catalog. The result carries every issue
 * (with file:line:column), and no catalog when there is any.
 */
public final class CatalogLoader {
    static final Set<String> TOP_KEYS = Set.of("cubes", "metrics", "access", "models", "verified_queries", "policies", "entities",
            "name", "description", "contract", "owner", "tags", "version", "reference_date");

    private CatalogLoader() {
    }

    public record LoadResult(Catalog catalog, List<Issue> errors) {
        public LoadResult {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        /** One issue per line: file:line:column: message (did you mean ...?). */
        public String report() {
            return IssueRenderer.report(errors);
        }
    }

    public static LoadResult load(Path dir) {
        List<Issue> issues = new ArrayList<>();
        Map<String, String> texts = YamlFiles.read(dir, "catalog", issues);
        if (texts.isEmpty() && issues.isEmpty()) {
            issues.add(Issue.of(CatalogCode.EMPTY_CATALOG, new Location(dir.toString(), 0, 0), "no .yml files in " + dir));
        }
        if (texts.isEmpty()) return new LoadResult(null, issues);
        return build(texts, issues);
    }

    public static LoadResult load(List<Path> files) {
        Map<String, String> texts = new LinkedHashMap<>();
        List<Issue> issues = new ArrayList<>();
        for (Path f : files) YamlFiles.readFile(f, f.toString(), issues).ifPresent(t -> texts.put(f.toString(), t));
        return build(texts, issues);
    }

    /** For tests and tools: file name to YAML text, in order. */
    public static LoadResult loadStrings(Map<String, String> files) {
        return build(files, new ArrayList<>());
    }

    private static LoadResult build(Map<String, String> texts, List<Issue> issues) {
        CatalogReader reader = new CatalogReader(issues);
        List<YNode> referenceDates = new ArrayList<>();
        for (var e : texts.entrySet()) {
            YNode doc = LocatedYaml.parse(e.getKey(), e.getValue(), issues);
            if (doc == null) continue;
            if (!(doc instanceof YNode.YMap map)) {
                issues.add(Issue.of(YamlCode.INVALID_STRUCTURE, doc.location(), "a catalog file is a mapping with cubes: and/or metrics:"));
                continue;
            }
            for (String k : map.values().keySet()) {
                if (!TOP_KEYS.contains(k)) {
                    issues.add(Issue.of(YamlCode.UNKNOWN_KEY, map.keyLocation(k), "unknown top-level key \"" + k + "\"",
                            Suggestions.closest(k, TOP_KEYS)));
                }
            }
            if (map.get("reference_date") != null) referenceDates.add(map.get("reference_date"));
            if (map.get("entities") != null) {
                LensImporter.read(map, reader);
            } else {
                reader.readFile(map);
            }
        }
        Declarations declared = reader.finish();
        MemberFields fields = new MemberFields(new YamlFields(issues));
        Map<String, Cube> cubes = new CubeResolver(declared, fields).resolve();
        Map<String, Metric> metrics = new MetricResolver(declared, fields, cubes).resolve();
        CatalogRules.check(declared, cubes, metrics, issues);
        RoleRules.check(cubes, metrics, issues);
        TimeRules.checkMetrics(cubes, metrics, name -> declared.metrics.containsKey(name) ? declared.metrics.get(name).node() : null, issues);
        WindowRules.checkMeasures(cubes, metrics, name -> declared.metrics.containsKey(name) ? declared.metrics.get(name).node() : null, issues);
        var referenceDate = ReferenceDateRules.read(referenceDates, cubes, issues).orElse(null);
        List<io.clarion.catalog.model.Rollup> rollups = RollupRules.read(declared, cubes, new YamlFields(issues));
        Catalog catalog = new Catalog(cubes, metrics, AccessReader.read(declared.accessSections, cubes, metrics, issues), rollups,
                referenceDate);
        return new LoadResult(issues.isEmpty() ? catalog : null, issues);
    }
}
