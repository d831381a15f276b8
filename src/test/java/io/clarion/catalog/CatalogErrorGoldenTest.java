package io.clarion.catalog;

import io.clarion.testing.DemoEngine;
import io.clarion.testing.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each small broken catalog under golden/errors/catalog is loaded alone, and every issue is
 * rendered under the line it points at with a caret under its column, then compared with the
 * reviewed .txt beside it: what a catalog author sees, with its position, checked as a whole.
 */
class CatalogErrorGoldenTest {
    static final Path DIR = DemoEngine.projectDir().resolve("src/test/resources/golden/errors/catalog");

    @TestFactory
    Stream<DynamicTest> everyBrokenCatalogReportsItsIssuesWhereTheyAre() throws IOException {
        List<Path> inputs = inputs(DIR);
        assertTrue(inputs.size() >= 12, "the catalog error suite has " + inputs.size() + " files");
        return inputs.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String source = Files.readString(f);
            String name = f.getFileName().toString();
            CatalogLoader.LoadResult r = CatalogLoader.loadStrings(Map.of(name, source));
            assertFalse(r.ok(), name + " is meant to be broken");
            Golden.check(expected(f), Golden.withCarets(r.errors(), source));
        }));
    }

    static List<Path> inputs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static Path expected(Path input) {
        return Path.of(input.toString().replaceAll("\\.yml$", ".txt"));
    }
}
