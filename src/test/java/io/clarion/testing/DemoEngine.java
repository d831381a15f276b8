package io.clarion.testing;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.sql.PostgresDialect;
import io.clarion.engine.QueryService;
import io.clarion.engine.ReferenceDate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/** The demo catalog from semantic/ over the test warehouse with the demo data set. */
public final class DemoEngine {
    private static Catalog catalog;
    private static QueryService service;

    private DemoEngine() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("clarion.project.dir", ".")).toAbsolutePath();
    }

    public static synchronized Catalog catalog() {
        if (catalog == null) {
            CatalogLoader.LoadResult r = CatalogLoader.load(projectDir().resolve("semantic"));
            if (!r.ok()) throw new AssertionError("the demo catalog is invalid:\n" + r.report());
            catalog = r.catalog();
        }
        return catalog;
    }

    /** The query service on the demo data set; the reference date is the data set's as_of. */
    public static synchronized QueryService queries() {
        if (service == null) {
            LocalDate asOf = ReferenceDate.resolve(Optional.empty(), TestDatabase.demo());
            service = new QueryService(catalog(), TestDatabase.demo(), PostgresDialect.INSTANCE, () -> asOf, 10_000,
                    Duration.ofSeconds(120));
        }
        return service;
    }

    /** A compile-only service (no database), with a fixed reference date. */
    public static QueryService compiler(LocalDate referenceDate) {
        return new QueryService(catalog(), null, PostgresDialect.INSTANCE, () -> referenceDate, 10_000, Duration.ofSeconds(30),
                () -> "compile-only-mask-key");
    }

    /** "name.as-owner.json" compiles as owner own_001, "name.as-analyst.json" as an analyst; others with full access. */
    public static io.clarion.governance.policy.Access goldenAccess(QueryService compiler, String file) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.as-([a-z]+)\\.json$").matcher(file);
        if (!m.find()) return io.clarion.governance.policy.Access.FULL;
        return compiler.access(new io.clarion.governance.policy.Principal("golden-" + m.group(1), java.util.List.of(m.group(1)),
                java.util.Map.of("owner_id", "own_001")));
    }
}
