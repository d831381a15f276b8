package io.clarion.briefing.skill;

import io.clarion.catalog.model.Catalog;
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
 * Each broken skill under golden/errors/skill is loaded against the shipped catalog, and every
 * issue is rendered with a caret under the place it points at, then compared with the reviewed
 * .txt beside it.
 */
class SkillErrorGoldenTest {
    static final Path DIR = DemoEngine.projectDir().resolve("src/test/resources/golden/errors/skill");

    @TestFactory
    Stream<DynamicTest> everyBrokenSkillReportsItsIssuesWhereTheyAre() throws IOException {
        Catalog catalog = DemoEngine.catalog();
        List<Path> inputs;
        try (Stream<Path> s = Files.list(DIR)) {
            inputs = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(inputs.size() >= 8, "the skill error suite has " + inputs.size() + " files");
        return inputs.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String source = Files.readString(f);
            String name = f.getFileName().toString();
            SkillLoader.LoadResult r = SkillLoader.loadStrings(Map.of(name, source), null, catalog);
            assertFalse(r.ok(), name + " is meant to be broken");
            Golden.check(Path.of(f.toString().replaceAll("\\.yml$", ".txt")), Golden.withCarets(r.errors(), source));
        }));
    }
}
