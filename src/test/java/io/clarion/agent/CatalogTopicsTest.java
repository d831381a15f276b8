package io.clarion.agent;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help and refusal texts name the catalog's own subjects and metrics, not the demo's. */
class CatalogTopicsTest {
    @Test
    void aSalesCatalogHearsAboutItsOwnSubjects() {
        Catalog chinook = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook")).catalog();
        String subjects = CatalogTopics.subjects(chinook);
        String example = CatalogTopics.example(chinook);
        assertTrue(subjects.contains("invoice"), subjects);
        for (String demo : new String[]{"MRR", "NPS", "health", "marketing"}) {
            assertFalse(subjects.contains(demo) || example.contains(demo), demo + " in: " + subjects + " / " + example);
        }
        assertTrue(chinook.metrics().keySet().stream().anyMatch(m -> example.contains(m.replace('_', ' '))), example);
    }

    @Test
    void theDemoCatalogNamesItsOwn() {
        String subjects = CatalogTopics.subjects(DemoEngine.catalog());
        assertTrue(subjects.contains("customers"), subjects);
    }
}
