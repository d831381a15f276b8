package io.clarion.catalog;

import io.clarion.diagnostics.Suggestions;

import io.clarion.catalog.lens.LensImporter;
import io.clarion.catalog.model.Catalog;
import io.clarion.diagnostics.Location;
import io.clarion.catalog.yaml.LocatedYaml;
import io.clarion.catalog.yaml.YNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads every catalog file of a folder into one validated {@link Catalog}. Problems are values:
 * the result carries every error found (with file:line:column), and no catalog when any.
 */
public final class CatalogLoader {
    static final Set<String> TOP_KEYS = Set.of("cubes", "metrics", "access", "models", "verified_queries", "policies", "entities",
            "name", "description", "contract", "owner", "tags", "version");

    private CatalogLoader() {
    }

    public record LoadResult(Catalog catalog, List<CatalogError> errors) {
        public LoadResult {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        /** One error per line: file:line:column: message (did you mean ...?). */
        public String report() {
            return CatalogError.report(errors);
        }
    }

    public static LoadResult load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new LoadResult(null, List.of(new CatalogError(new Location(dir.toString(), 0, 0), "missing_folder",
                    "catalog folder " + dir + " does not exist", List.of())));
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()))
                    .toList();
        } catch (IOException e) {
            return new LoadResult(null, List.of(new CatalogError(new Location(dir.toString(), 0, 0), "io",
                    "cannot read " + dir + ": " + e.getMessage(), List.of())));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        List<CatalogError> errors = new ArrayList<>();
        for (Path f : files) {
            String name = displayName(dir, f);
            try {
                texts.put(name, Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.add(new CatalogError(new Location(name, 0, 0), "io", "cannot read file: " + e.getMessage(), List.of()));
            }
        }
        if (texts.isEmpty() && errors.isEmpty()) {
            errors.add(new CatalogError(new Location(dir.toString(), 0, 0), "empty_catalog", "no .yml files in " + dir, List.of()));
        }
        return build(texts, errors);
    }

    private static String displayName(Path dir, Path f) {
        Path base = dir.getFileName() == null ? dir : dir.getFileName();
        return base.resolve(dir.relativize(f)).toString();
    }

    public static LoadResult load(List<Path> files) {
        Map<String, String> texts = new LinkedHashMap<>();
        List<CatalogError> errors = new ArrayList<>();
        for (Path f : files) {
            try {
                texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.add(new CatalogError(new Location(f.toString(), 0, 0), "io", "cannot read file: " + e.getMessage(), List.of()));
            }
        }
        return build(texts, errors);
    }

    /** For tests and tools: file name to YAML text, in order. */
    public static LoadResult loadStrings(Map<String, String> files) {
        return build(files, new ArrayList<>());
    }

    private static LoadResult build(Map<String, String> texts, List<CatalogError> errors) {
        CatalogBuilder builder = new CatalogBuilder(errors);
        for (var e : texts.entrySet()) {
            YNode doc = LocatedYaml.parse(e.getKey(), e.getValue(), errors);
            if (doc == null) continue;
            if (!(doc instanceof YNode.YMap map)) {
                errors.add(new CatalogError(doc.location(), "invalid_structure",
                        "a catalog file is a mapping with cubes: and/or metrics:", List.of()));
                continue;
            }
            for (String k : map.values().keySet()) {
                if (!TOP_KEYS.contains(k)) {
                    errors.add(new CatalogError(map.keyLocation(k), "unknown_key", "unknown top-level key \"" + k + "\"",
                            Suggestions.closest(k, TOP_KEYS)));
                }
            }
            if (map.get("entities") != null) {
                LensImporter.read(map, builder);
            } else {
                builder.readFile(map);
            }
        }
        Catalog catalog = builder.finish();
        return new LoadResult(errors.isEmpty() ? catalog : null, errors);
    }
}
