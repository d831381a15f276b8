package io.clarion.plan;

import io.clarion.catalog.CatalogLoader;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.engine.QueryService;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a caller is told about a bad metric query, compared with reviewed files in
 * src/test/resources/golden/errors/query: each issue's code, whose problem it is, its text, and
 * the request with a caret under the value it is about. Compiled as the API would (certified
 * members unless the query asks otherwise, "name.as-owner.json" as an owner), without a
 * database, against the demo catalog or, for "name.on-fixture.json", the catalog in the folder
 * "fixture" beside it. Regenerate with {@code -Dclarion.golden.update=true} and review the diff.
 */
class QueryErrorGoldenTest {
    static final Path DIR = GoldenSqlTest.DIR.resolve("errors/query");

    @TestFactory
    Stream<DynamicTest> queryErrorsMatchGoldenFiles() throws IOException {
        QueryService compiler = DemoEngine.compiler(GoldenSqlTest.REFERENCE);
        List<Path> queries;
        try (Stream<Path> s = Files.list(DIR)) {
            queries = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(queries.size() >= 15, "the error golden suite has " + queries.size() + " queries");
        return queries.stream().map(q -> DynamicTest.dynamicTest(q.getFileName().toString(), () -> {
            String text = Files.readString(q);
            QueryService service = fixture(q).orElse(compiler);
            QueryException e = assertThrows(QueryException.class, () -> {
                MetricQuery parsed = QueryParser.parse(text);
                service.compile(parsed, QueryService.Options.caller(DemoEngine.goldenAccess(service, q.getFileName().toString()), parsed));
            }, q.getFileName() + " should be refused");
            String actual = render(e.errors(), text);
            Path golden = Path.of(q.toString().replaceAll("\\.json$", ".txt"));
            if (GoldenSqlTest.UPDATE) {
                Files.writeString(golden, actual);
                return;
            }
            assertTrue(Files.exists(golden), "no golden file " + golden.getFileName() + "; run with -Dclarion.golden.update=true");
            assertEquals(Files.readString(golden), actual, "the issues changed for " + q.getFileName()
                    + "; if intended, regenerate with -Dclarion.golden.update=true and review the diff");
        }));
    }

    /** A compile-only service over the catalog folder a "name.on-fixture.json" file names. */
    static Optional<QueryService> fixture(Path query) {
        Matcher m = Pattern.compile("\\.on-([a-z_]+)\\.json$").matcher(query.getFileName().toString());
        if (!m.find()) return Optional.empty();
        CatalogLoader.LoadResult r = CatalogLoader.load(query.resolveSibling(m.group(1)));
        assertTrue(r.errors().isEmpty(), r.report());
        return Optional.of(new QueryService(r.catalog(), null, PostgresDialect.INSTANCE, () -> GoldenSqlTest.REFERENCE, 1000,
                Duration.ofSeconds(5)));
    }

    static String render(List<Issue> issues, String source) {
        StringBuilder sb = new StringBuilder();
        for (Issue i : issues) {
            sb.append(i.key()).append(" (").append(i.blame().name().toLowerCase(java.util.Locale.ROOT)).append(", ")
                    .append(i.blame().httpStatus()).append(")\n");
            sb.append(IssueRenderer.withCaret(i, source)).append("\n\n");
        }
        return sb.toString();
    }
}
