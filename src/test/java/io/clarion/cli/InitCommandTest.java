package io.clarion.cli;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.engine.QueryService;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clarion init} on Chinook: a catalog that loads with no edits and whose every measure runs at once. */
class InitCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run clarion(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = new CommandLine(new ClarionCommand());
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int exit = cl.execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void chinookDraftLoadsAndEveryMeasureRuns(@TempDir Path dir) throws Exception {
        DataSource ds = Datasets.chinook(Datasets.CHINOOK);
        Path out = dir.resolve("catalog");
        Run r = clarion("init", "--jdbc-url", TestDatabase.jdbcUrl(Datasets.CHINOOK), "--out", out.toString());
        System.out.println(r.out() + r.err());
        assertEquals(0, r.exit(), r.err());
        CatalogLoader.LoadResult loaded = CatalogLoader.load(out);
        assertTrue(loaded.ok(), loaded.report());
        Catalog c = loaded.catalog();
        assertEquals(11, c.cubes().size());
        QueryService q = new QueryService(c, ds, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 12, 31), 10_000, Duration.ofSeconds(30));
        for (Cube cube : c.cubes().values()) {
            for (Measure m : cube.measures()) {
                q.run(QueryParser.parse("{\"metrics\": [\"" + m.fullName() + "\"]}"), QueryService.Options.DEFAULT);
            }
        }
        System.out.println(Files.readString(out.resolve("customer.yml")));
        System.out.println(Files.readString(out.resolve("invoice.yml")));
        System.out.println(Files.readString(out.resolve("access.yml")));
    }
}
