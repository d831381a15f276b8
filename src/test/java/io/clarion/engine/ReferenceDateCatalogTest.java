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
 * how to change that, rather than answering an unexplained 0.
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
}
