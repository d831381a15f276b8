package io.clarion.catalog;

import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Member;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped demo catalog is valid, certified and documented. */
class DemoCatalogTest {
    static final Path SEMANTIC = Path.of(System.getProperty("clarion.project.dir", ".")).resolve("semantic");

    @Test
    void loadsWithoutErrors() {
        CatalogLoader.LoadResult r = CatalogLoader.load(SEMANTIC);
        assertTrue(r.ok(), r.report());
        Catalog c = r.catalog();
        assertTrue(c.cubes().size() >= 10, "cubes: " + c.cubes().keySet());
        assertTrue(c.metrics().size() >= 15, "metrics: " + c.metrics().keySet());
        for (Member m : c.metrics().values()) {
            assertTrue(m.info().certified(), m.fullName() + " is not certified");
            assertTrue(!m.info().description().isBlank(), m.fullName() + " has no description");
            assertTrue(m.info().owner() != null, m.fullName() + " has no owner");
        }
    }
}
