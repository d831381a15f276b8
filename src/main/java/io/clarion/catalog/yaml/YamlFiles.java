package io.clarion.catalog.yaml;

import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The YAML files of a folder (sub-folders included), named as the folder's last part plus the
 * relative path ("semantic/cubes/customers.yml") so issues point at a file people recognise.
 */
public final class YamlFiles {
    private YamlFiles() {
    }

    /**
     * File name to text, in path order; an unreadable file or folder is an issue.
     *
     * @param what the folder's role in messages ("catalog", "skills")
     */
    public static Map<String, String> read(Path dir, String what, List<Issue> issues) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            issues.add(Issue.of(YamlCode.MISSING_FOLDER, new Location(dir.toString(), 0, 0), what + " folder " + dir + " does not exist"));
            return texts;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()))
                    .toList();
        } catch (IOException e) {
            issues.add(Issue.of(YamlCode.IO, new Location(dir.toString(), 0, 0), "cannot read " + dir + ": " + e.getMessage()));
            return texts;
        }
        Path base = dir.getFileName() == null ? dir : dir.getFileName();
        for (Path f : files) {
            String name = base.resolve(dir.relativize(f)).toString();
            readFile(f, name, issues).ifPresent(t -> texts.put(name, t));
        }
        return texts;
    }

    /** One file's text, or an io issue under {@code name}. */
    public static java.util.Optional<String> readFile(Path file, String name, List<Issue> issues) {
        try {
            return java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            issues.add(Issue.of(YamlCode.IO, new Location(name, 0, 0), "cannot read file: " + e.getMessage()));
            return java.util.Optional.empty();
        }
    }
}
