package io.clarion.engine;

import io.clarion.agent.chat.ChatResponse;
import io.clarion.app.Clarion;
import io.clarion.catalog.CatalogLoader;
import io.clarion.demo.Progress;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Today" on data that ends in the past (Chinook's last invoice is in 2025): the catalog's
 * reference_date (a fixed date or the latest value of a time dimension) sets it, a configured date
 * or --as-of overrides it, and with none the chat says it read "last quarter" from the calendar and
 * how to change that, rather than answering an unexplained 0. When the date the data set was meant
 * to give cannot be read (a dataset_info with no as_of date), a relative date is an error naming
 * every fix, and validate says where "today" will come from.
 */
class ReferenceDateCatalogTest {
    static final String DB = "reference_date_chinook";
    static final Path CHINOOK = DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook");
    static DataSource chinook;

    @BeforeAll
    static void load() {
        chinook = Datasets.chinook(DB);
        TestDatabase.freshDatabase(DB + "_store");
    }

    static Path catalogWith(Path dir, String referenceDate) throws IOException {
        try (Stream<Path> s = Files.list(CHINOOK)) {
            for (Path p : s.toList()) Files.copy(p, dir.resolve(p.getFileName()));
        }
        if (referenceDate != null) Files.writeString(dir.resolve("reference.yml"), "reference_date: " + referenceDate + "\n");
        return dir;
    }

    static Clarion start(Path catalog, String configured) {
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl(DB));
        c.put("clarion.store.jdbc-url", TestDatabase.jdbcUrl(DB + "_store"));
        c.put("clarion.catalog.dir", catalog.toString());
        c.put("clarion.skills.dir", catalog.resolve("no-skills").toString());
        c.put("clarion.demo.load", "false");
        if (configured != null) c.put("clarion.reference-date", configured);
        return Clarion.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
    }

    static String lastQuarterAssumption(Clarion c) {
        ChatResponse r = c.commandChat(true).service().ask("What was the revenue last quarter?", null);
        assertFalse(r.refused(), r.toString());
        return r.assumptions().stream().filter(a -> a.startsWith("Dates are read as of the reference date")).findFirst().orElseThrow(
                () -> new AssertionError("no reference-date assumption: " + r));
    }

    @Test
    void theLatestValueOfATimeDimensionIsToday(@TempDir Path dir) throws Exception {
        LocalDate last = LocalDate.parse(String.valueOf(Datasets.rows(chinook, "SELECT max(invoice_date)::date FROM invoice").get(0).get(0)));
        try (Clarion c = start(catalogWith(dir, "{latest: invoice.invoice_date}"), null)) {
            assertEquals(last, c.engine().queries().referenceDate());
            assertTrue(c.engine().queries().referenceDateSource().contains("latest invoice.invoice_date"),
                    c.engine().queries().referenceDateSource());
            String said = lastQuarterAssumption(c);
            assertTrue(said.contains(last.toString()) && said.contains("latest invoice.invoice_date"), said);
        }
    }

    @Test
    void aFixedDateInTheCatalogAndAConfiguredDateOverIt(@TempDir Path dir) throws Exception {
        Path catalog = catalogWith(dir, "2024-06-30");
        try (Clarion c = start(catalog, null)) {
            assertEquals(LocalDate.of(2024, 6, 30), c.engine().queries().referenceDate());
            assertEquals("the catalog's reference_date", c.engine().queries().referenceDateSource());
        }
        try (Clarion c = start(catalog, "2023-01-15")) {
            assertEquals(LocalDate.of(2023, 1, 15), c.engine().queries().referenceDate());
        }
    }

    @Test
    void withNoneTheChatSaysItReadTheCalendarAndHowToChangeIt(@TempDir Path dir) throws Exception {
        try (Clarion c = start(catalogWith(dir, null), null)) {
            assertEquals(LocalDate.now(), c.engine().queries().referenceDate());
            String said = lastQuarterAssumption(c);
            assertTrue(said.contains(LocalDate.now().toString()) && said.contains("no reference date is set")
                    && said.contains("reference_date"), said);
        }
    }

    @Test
    void aReferenceDateThatIsNotADateOrATimeDimensionIsACatalogError(@TempDir Path dir) throws Exception {
        Path bad = catalogWith(dir, "{latest: invoice.invoice_dat}");
        var r = CatalogLoader.load(bad);
        assertFalse(r.ok());
        assertTrue(r.report().matches("(?s).*reference\\.yml:1:\\d+: .*invoice\\.invoice_dat.*not a time dimension.*invoice\\.invoice_date.*"),
                r.report());
        Files.writeString(bad.resolve("reference.yml"), "reference_date: last tuesday\n");
        assertTrue(CatalogLoader.load(bad).report().contains("reference_date is a date such as 2024-12-31"), CatalogLoader.load(bad).report());
    }

    static final String LAST_QUARTER = "{\"metrics\": [\"invoice.count\"], \"certified_only\": false, \"filters\": "
            + "[{\"dimension\": \"invoice.invoice_date\", \"operator\": \"in_date_range\", \"value\": \"last quarter\"}]}";
    static final String YEAR_2024 = LAST_QUARTER.replace("last quarter", "2024");

    static io.clarion.query.QueryException refused(Clarion c, String query) {
        return org.junit.jupiter.api.Assertions.assertThrows(io.clarion.query.QueryException.class,
                () -> c.engine().queries().run(io.clarion.query.QueryParser.parse(query), new QueryService.Options(false)));
    }

    static long count(Clarion c, String query) {
        var out = c.engine().queries().run(io.clarion.query.QueryParser.parse(query), new QueryService.Options(false));
        return ((Number) out.result().rows().get(0).get(0)).longValue();
    }

    @Test
    void aDatasetInfoWithoutADateMakesARelativeDateAnErrorThatNamesTheFixes(@TempDir Path dir) throws Exception {
        try (var conn = chinook.getConnection(); var st = conn.createStatement()) {
            st.execute("CREATE TABLE dataset_info (as_of date, note text)");
        }
        try {
            Path catalog = catalogWith(dir, null);
            try (Clarion c = start(catalog, null)) {
                var e = refused(c, LAST_QUARTER);
                assertEquals("reference_date_unknown", e.errors().get(0).key(), e.getMessage());
                String m = e.errors().get(0).message();
                assertTrue(m.contains("\"last quarter\"") && m.contains("dataset_info has no as_of date"), m);
                assertTrue(m.contains("reference_date in the catalog") && m.contains("clarion.reference-date") && m.contains("--as-of"), m);
                assertEquals("filters[0]", e.errors().get(0).path());
                // A date that does not depend on "today" is still answered.
                long in2024 = ((Number) Datasets.rows(chinook, "SELECT count(*) FROM invoice WHERE extract(year FROM invoice_date) = 2024")
                        .get(0).get(0)).longValue();
                assertEquals(in2024, count(c, YEAR_2024));
            }
            // Each fix makes the same question answerable.
            try (Clarion c = start(catalog, "2025-12-31")) {
                long q4 = ((Number) Datasets.rows(chinook, "SELECT count(*) FROM invoice WHERE invoice_date >= '2025-10-01' "
                        + "AND invoice_date < '2026-01-01'").get(0).get(0)).longValue();
                assertEquals(q4, count(c, LAST_QUARTER));
            }
            try (Clarion c = start(catalogWith(Files.createDirectories(dir.resolve("fixed")), "2025-12-31"), null)) {
                assertEquals(LocalDate.of(2025, 12, 31), c.engine().queries().referenceDate());
                count(c, LAST_QUARTER);
            }
        } finally {
            try (var conn = chinook.getConnection(); var st = conn.createStatement()) {
                st.execute("DROP TABLE dataset_info");
            }
        }
    }

    static double sum(Clarion c, String query) {
        var out = c.engine().queries().run(io.clarion.query.QueryParser.parse(query), new QueryService.Options(false));
        return ((Number) out.result().rows().get(0).get(0)).doubleValue();
    }

    static double hand(String sql) throws java.sql.SQLException {
        return ((Number) Datasets.rows(chinook, sql).get(0).get(0)).doubleValue();
    }

    @Test
    void aWindowThatWouldEndOnAnUnknownReferenceDateIsRefusedNotAnsweredAsZero(@TempDir Path dir) throws Exception {
        try (var conn = chinook.getConnection(); var st = conn.createStatement()) {
            st.execute("CREATE TABLE dataset_info (as_of date, note text)");
        }
        try {
            Path catalog = catalogWith(dir, null);
            Files.copy(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook-time/time.yml"), catalog.resolve("time.yml"));
            String ytd = "{\"metrics\": [\"revenue_year_to_date\"], \"certified_only\": false}";
            try (Clarion c = start(catalog, null)) {
                var e = refused(c, ytd);
                assertEquals("reference_date_unknown", e.errors().get(0).key(), e.getMessage());
                assertEquals("metrics[0]", e.errors().get(0).path());
                String m = e.errors().get(0).message();
                assertTrue(m.contains("year to date") && m.contains("dataset_info has no as_of date")
                        && m.contains("clarion.reference-date") && m.contains("--as-of"), m);
                // A trailing window too.
                assertEquals("reference_date_unknown", refused(c, ytd.replace("revenue_year_to_date", "revenue_trailing_3_months"))
                        .errors().get(0).key());
                // A window ended by the query's own range or grain, and a running total, do not depend on "today".
                assertEquals(hand("SELECT sum(total) FROM invoice WHERE invoice_date >= '2024-01-01' AND invoice_date < '2025-01-01'"),
                        sum(c, ytd.replace("\"certified_only\"", "\"filters\": [{\"dimension\": \"metric_time\", "
                                + "\"operator\": \"in_date_range\", \"value\": \"2024\"}], \"certified_only\"")), 0.005);
                var byYear = c.engine().queries().run(io.clarion.query.QueryParser.parse(ytd.replace("\"certified_only\"",
                        "\"dimensions\": [\"metric_time.year\"], \"certified_only\"")), new QueryService.Options(false));
                assertFalse(byYear.result().rows().isEmpty());
                assertEquals(hand("SELECT sum(total) FROM invoice"),
                        sum(c, ytd.replace("revenue_year_to_date", "revenue_running_total")), 0.005);
            }
            // Setting the date answers the same question, over that date's year.
            try (Clarion c = start(catalog, "2025-06-30")) {
                assertEquals(hand("SELECT sum(total) FROM invoice WHERE invoice_date >= '2025-01-01' AND invoice_date <= '2025-06-30'"),
                        sum(c, ytd), 0.005);
            }
        } finally {
            try (var conn = chinook.getConnection(); var st = conn.createStatement()) {
                st.execute("DROP TABLE dataset_info");
            }
        }
    }

    @Test
    void withNoneSetValidateSaysTheCalendarDateIsUsedAndHowToSetOne() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(new io.clarion.cli.ClarionCommand());
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        int exit = cl.execute("validate", CHINOOK.toString(), "--offline");
        assertEquals(0, exit, out.toString());
        String note = out.toString().lines().filter(l -> l.contains("sets no reference_date")).findFirst()
                .orElseThrow(() -> new AssertionError(out.toString()));
        assertTrue(note.contains("calendar date") && note.contains("clarion.reference-date") && note.contains("--as-of"), note);
    }
}
