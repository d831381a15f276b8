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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clarion init} on Chinook: the draft validates against the live database with no
 * edits, every measure runs at once, the guesses a reviewer checks are right, and a second run
 * on a changed schema reports the change and leaves an edited file alone.
 */
class InitCommandTest {
    static final String DB = "clarion_chinook_init";
    static DataSource chinook;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void load() {
        chinook = Datasets.chinook(DB);
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
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            int exit = cl.execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Run init(String db, Path out, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "init";
        args[1] = "--jdbc-url";
        args[2] = TestDatabase.jdbcUrl(db);
        args[3] = "--out";
        args[4] = out.toString();
        System.arraycopy(more, 0, args, 5, more.length);
        return clarion(args);
    }

    /** Validates the catalog alone: the shipped skills are written for the demo catalog, not this one. */
    static Run validate(String db, Path dir) throws java.io.IOException {
        Path noSkills = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-no-skills"));
        return clarion("validate", dir.toString(), "--skills", noSkills.toString(), "--jdbc-url", TestDatabase.jdbcUrl(db));
    }

    @Test
    void draftValidatesLiveWithNoEditsAndEveryMeasureRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("catalog");
        Run r = init(DB, out);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("read 11 tables"), r.out());

        Run v = validate(DB, out);
        assertEquals(0, v.exit(), v.out() + v.err());
        assertTrue(v.out().contains("the catalog matches the live warehouse"), v.out());
        assertEquals("", v.err());
        // The roles init proposed, as validate lists them for review.
        String rolesLine = v.out().lines().filter(l -> l.strip().startsWith("roles: ")).findFirst().orElse("");
        for (String bound : new String[]{"customer = customer", "customer_id = customer.customer_id", "customer_count = customer.count",
                "owner_id = customer.support_rep_id", "owner = employee", "owner_key = employee.employee_id", "owner_email = employee.email"}) {
            assertTrue(rolesLine.contains(bound), bound + " in " + v.out());
        }
        assertTrue(v.out().contains("note: no cube or member has role customer_name, owner_name, owner_slack, signup_date, churn_date, revenue"),
                "what the reviewer may still declare: " + v.out());
        // A fresh draft's many notes, one line per kind, each naming its members.
        assertEquals(1, v.out().lines().filter(l -> l.contains("treated as timeless")).count(), v.out());
        assertTrue(v.out().contains("  note: measures treated as timeless (a time filter on them is refused), as they name no time_dimension"
                + " and their cube has no single one: album: count; artist: count; customer: count;"), v.out());
        assertTrue(v.out().contains("; track: count, milliseconds_sum, milliseconds_avg,"), v.out());
        assertTrue(v.out().contains("  note: no primary key on playlist_track\n"), v.out());
        assertTrue(v.out().lines().count() < 12, "a short report: " + v.out());

        Catalog c = CatalogLoader.load(out).catalog();
        assertEquals(11, c.cubes().size());
        QueryService q = new QueryService(c, chinook, PostgresDialect.INSTANCE, () -> LocalDate.of(2025, 12, 31), 10_000,
                Duration.ofSeconds(30));
        int measures = 0;
        for (Cube cube : c.cubes().values()) {
            for (Measure m : cube.measures()) {
                q.run(QueryParser.parse("{\"metrics\": [\"" + m.fullName() + "\"]}"), QueryService.Options.DEFAULT);
                measures++;
            }
        }
        assertTrue(measures >= 11 + 4 * 4, "measures: " + measures);
        // 412 invoices, 2,328.60 in total: the figures the data set's README gives.
        var revenue = q.run(QueryParser.parse("{\"metrics\": [\"invoice.count\", \"invoice.total_sum\"]}"), QueryService.Options.DEFAULT);
        assertEquals(412L, ((Number) revenue.result().rows().get(0).get(0)).longValue());
        assertEquals(0, new java.math.BigDecimal("2328.60").compareTo(new java.math.BigDecimal(revenue.result().rows().get(0).get(1).toString())));
    }

    @Test
    void theDraftsGuessesAreTheOnesAReviewerExpects(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("catalog");
        assertEquals(0, init(DB, out).exit());
        Catalog c = CatalogLoader.load(out).catalog();
        // Roles only where the schema makes them obvious: the customer table and the rep it points at; no name column fits.
        io.clarion.catalog.model.Roles roles = io.clarion.catalog.model.Roles.of(c);
        assertEquals(java.util.Optional.of("customer"), roles.get("customer"));
        assertEquals(java.util.Optional.of("customer.support_rep_id"), roles.get("owner_id"));
        assertEquals(java.util.Optional.of("employee.email"), roles.get("owner_email"));
        assertFalse(roles.has("customer_name"), "first and last name are two columns: the reviewer decides");
        assertTrue(roles.notes().isEmpty(), "declared, not defaulted: " + roles.notes());
        assertTrue(Files.readString(out.resolve("README.md")).contains("`owner_id` = `customer.support_rep_id`"));
        // Keys: declared ones only; playlist_track's key has two columns, so no single-column key is claimed.
        assertEquals("customer_id", c.cube("customer").orElseThrow().primaryKey().orElseThrow().name());
        assertTrue(c.cube("playlist_track").orElseThrow().primaryKey().isEmpty());
        // Amounts, not ids: invoice.total and invoice_line.unit_price get sums; ids and codes do not.
        assertTrue(c.measure("invoice.total_sum").isPresent());
        assertTrue(c.measure("invoice_line.unit_price_sum").isPresent());
        assertTrue(c.measure("invoice_line.quantity_sum").isPresent());
        assertFalse(c.measure("invoice.customer_id_sum").isPresent());
        assertFalse(c.measure("invoice_line.invoice_line_id_sum").isPresent());
        // Time: invoice_date with granularities, and the measures placed in time by it.
        assertEquals("invoice_date", c.measure("invoice.count").orElseThrow().timeDimension());
        assertFalse(c.dimension("invoice.invoice_date").orElseThrow().granularities().isEmpty());
        // Personal data masked; a place (country) is not personal data.
        for (String pii : new String[]{"customer.email", "customer.phone", "customer.first_name", "customer.address",
                "employee.birth_date", "employee.email", "invoice.billing_address"}) {
            assertTrue(c.dimension(pii).orElseThrow().info().pii(), pii);
        }
        assertFalse(c.dimension("customer.country").orElseThrow().info().pii());
        // Joins from foreign keys; nothing certified.
        assertTrue(c.cube("invoice_line").orElseThrow().joins().stream().anyMatch(j -> j.to().equals("invoice")));
        assertTrue(c.members().stream().noneMatch(m -> m.info().certified()));
        // Top values of a low-cardinality column in its description; the owner's row filter drafted, commented out.
        assertTrue(c.dimension("customer.country").orElseThrow().info().description().contains("USA (13)"));
        String access = Files.readString(out.resolve("access.yml"));
        assertTrue(access.contains("#       sql: \"CAST({CUBE}.support_rep_id AS text) = {principal.owner_id}\""), access);
        assertTrue(Files.readString(out.resolve("README.md")).contains("What to review"));
    }

    @Test
    void aSecondRunReportsSchemaChangesAndNeverOverwritesAnEditedFile(@TempDir Path dir) throws Exception {
        String db = "clarion_chinook_reinit";
        DataSource ds = Datasets.chinook(db);
        Path out = dir.resolve("catalog");
        assertEquals(0, init(db, out).exit());
        String edited = Files.readString(out.resolve("customer.yml")).replace("TODO: describe country.", "Billing country.");
        Files.writeString(out.resolve("customer.yml"), edited);
        String artist = Files.readString(out.resolve("artist.yml"));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE customer ADD COLUMN segment varchar(20)");
            s.execute("ALTER TABLE invoice ADD COLUMN discount numeric(10,2)");
            s.execute("DROP TABLE playlist_track");
        }
        Run r = init(db, out);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("changed: column customer.segment is new (character varying)"), r.out());
        assertTrue(r.out().contains("changed: column invoice.discount is new (numeric)"), r.out());
        assertTrue(r.out().contains("changed: table playlist_track is gone"), r.out());
        assertTrue(r.out().contains("updated: invoice.yml"), r.out());
        assertTrue(r.out().contains("removed: playlist_track.yml"), r.out());
        assertTrue(r.out().contains("kept: customer.yml (edited since init wrote it); the new draft is beside it in customer.yml.draft"), r.out());
        assertEquals(edited, Files.readString(out.resolve("customer.yml")));
        assertTrue(Files.readString(out.resolve("customer.yml.draft")).contains("name: segment"));
        assertEquals(artist, Files.readString(out.resolve("artist.yml")));
        assertTrue(Files.readString(out.resolve("invoice.yml")).contains("name: discount_sum"));
        assertFalse(Files.exists(out.resolve("playlist_track.yml")));

        // A third run with nothing changed changes nothing, and still leaves the edited file alone.
        Run again = init(db, out);
        assertFalse(again.out().contains("  changed:"), again.out());
        assertFalse(again.out().contains("updated:"), again.out());
        assertEquals(edited, Files.readString(out.resolve("customer.yml")));
        assertEquals(0, validate(db, out).exit());
    }

    @Test
    void theOperatorQueriesTheDraftAtOnceAndIsToldWhatIsUncertified(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("catalog");
        assertEquals(0, init(DB, out).exit());
        TestDatabase.freshDatabase(DB + "_store");
        String[] where = {"--catalog", out.toString(), "--jdbc-url", TestDatabase.jdbcUrl(DB), "--store-jdbc-url", TestDatabase.jdbcUrl(DB + "_store")};
        String byCountry = "{\"metrics\": [\"invoice.total_sum\", \"invoice.count\"], \"dimensions\": [\"invoice.billing_country\"], "
                + "\"order_by\": [{\"field\": \"invoice.total_sum\", \"direction\": \"desc\"}], \"limit\": 2";
        Run r = clarion(concat(new String[]{"query", byCountry + "}", "--format", "csv"}, where));
        assertEquals(0, r.exit(), r.err());
        List<List<Object>> hand = Datasets.rows(chinook, "SELECT billing_country, sum(total), count(*) FROM invoice GROUP BY 1 ORDER BY 2 DESC LIMIT 2");
        List<String> lines = r.out().lines().toList();
        assertEquals("invoice.billing_country,invoice.total_sum,invoice.count", lines.get(0));
        assertEquals(hand.size() + 1, lines.size(), r.out());
        for (int k = 0; k < hand.size(); k++) {
            String[] cells = lines.get(k + 1).split(",");
            assertEquals(hand.get(k).get(0), cells[0]);
            assertEquals(0, new java.math.BigDecimal(hand.get(k).get(1).toString()).compareTo(new java.math.BigDecimal(cells[1])), lines.get(k + 1));
            assertEquals(((Number) hand.get(k).get(2)).longValue(), Long.parseLong(cells[2]));
        }
        assertTrue(r.err().contains("note: uncertified: invoice.total_sum, invoice.count, invoice.billing_country"), r.err());

        // Asking for certified members only is still refused on a draft, naming what is not certified.
        Run strict = clarion(concat(new String[]{"query", byCountry + ", \"certified_only\": true}"}, where));
        assertEquals(2, strict.exit(), strict.out());
        assertTrue(strict.err().contains("invoice.total_sum") && strict.err().contains("certified"), strict.err());
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
