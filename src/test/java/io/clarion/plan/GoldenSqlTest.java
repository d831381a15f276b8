package io.clarion.plan;

import io.clarion.query.QueryParser;
import io.clarion.sql.CompiledSql;
import io.clarion.testing.DemoEngine;
import io.clarion.engine.QueryService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated SQL for a suite of queries, compared with reviewed files in
 * src/test/resources/golden. Regenerate after an intended change with
 * {@code mvn test -Dtest=GoldenSqlTest -Dclarion.golden.update=true} and review the diff.
 */
class GoldenSqlTest {
    static final LocalDate REFERENCE = LocalDate.of(2026, 6, 15);
    static final Path DIR = DemoEngine.projectDir().resolve("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("clarion.golden.update");

    @TestFactory
    Stream<DynamicTest> generatedSqlMatchesGoldenFiles() throws IOException {
        QueryService compiler = DemoEngine.compiler(REFERENCE);
        List<Path> queries;
        try (Stream<Path> s = Files.list(DIR)) {
            queries = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(queries.size() >= 15, "the golden suite has " + queries.size() + " queries");
        return queries.stream().map(q -> DynamicTest.dynamicTest(q.getFileName().toString(), () -> {
            CompiledSql sql = compiler.compile(QueryParser.parse(Files.readString(q)), new QueryService.Options(false, 0,
                    DemoEngine.goldenAccess(compiler, q.getFileName().toString()))).sql();
            String actual = render(sql);
            Path golden = Path.of(q.toString().replaceAll("\\.json$", ".sql"));
            if (UPDATE) {
                Files.writeString(golden, actual);
                return;
            }
            assertTrue(Files.exists(golden), "no golden file " + golden.getFileName() + "; run with -Dclarion.golden.update=true");
            assertEquals(Files.readString(golden), actual, "generated SQL changed for " + q.getFileName()
                    + "; if intended, regenerate with -Dclarion.golden.update=true and review the diff");
        }));
    }

    static String render(CompiledSql sql) {
        StringBuilder sb = new StringBuilder(sql.sql()).append("\n-- binds:");
        for (Object b : sql.binds()) sb.append(' ').append(b).append(" (").append(b.getClass().getSimpleName()).append(')').append(';');
        return sb.append('\n').toString();
    }
}
