package io.clarion.warehouse.check;

import io.clarion.catalog.CatalogLoader;
import io.clarion.cli.ClarionCommand;
import io.clarion.diagnostics.Issue;
import io.clarion.testing.Datasets;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mistakes that load fine from the files and fail only against the data, each found by the
 * live check at its file:line with did-you-mean from the real column names.
 */
class WarehouseCheckTest {
    static final String DB = "clarion_chinook_check";
    static DataSource chinook;

    @BeforeAll
    static void load() {
        chinook = Datasets.chinook(DB);
    }

    static final String CATALOG = """
            cubes:
              - name: customer
                sql_table: public.customer
                joins:
                  - name: employee
                    relationship: many_to_one
                    sql: "{CUBE}.support_rep_id = {employee}.last_name"
                measures:
                  - name: count
                    type: count
                dimensions:
                  - name: customer_id
                    type: number
                    sql: customer_id
                    primary_key: true
                  - name: email
                    type: string
                    sql: emial
                  - name: country
                    type: time
                    sql: country
                    granularities: [month]
              - name: employee
                sql_table: public.employee
                measures:
                  - name: count
                    type: count
                dimensions:
                  - name: employee_id
                    type: number
                    sql: employee_id
                    primary_key: true
                  - name: last_name
                    type: string
                    sql: last_name
              - name: invoice
                sql_table: public.invoice
                measures:
                  - name: revenue
                    type: sum
                    sql: totl
                dimensions:
                  - name: customer_id
                    type: number
                    sql: customer_id
                    primary_key: true
              - name: refunds
                sql_table: public.refund
                measures:
                  - name: count
                    type: count
            access:
              roles:
                - name: owner
                  attributes: [owner_id]
                  row_filters:
                    - cube: customer
                      sql: "{CUBE}.support_rep = {principal.owner_id}"
            """;

    @Test
    void eachMistakeIsFoundAtItsLineWithTheNearestRealColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("catalog.yml"), CATALOG);
        CatalogLoader.LoadResult loaded = CatalogLoader.load(dir);
        assertTrue(loaded.ok(), loaded.report());
        WarehouseCheck.Result r = WarehouseCheck.run(loaded.catalog(), chinook);
        List<String> errors = r.errors().stream().map(Issue::toString).toList();
        String all = String.join("\n", errors);

        assertOne(errors, WarehouseCheckCode.MISSING_COLUMN, "catalog.yml:16:", "emial", "(did you mean email?)", r);
        assertOne(errors, WarehouseCheckCode.NOT_A_DATE, "catalog.yml:19:", "customer.country is a time dimension", "gives varchar", r);
        assertOne(errors, WarehouseCheckCode.INCOMPATIBLE_TYPES, "catalog.yml:5:", "join customer -> employee", "integer = character varying", r);
        assertOne(errors, WarehouseCheckCode.MISSING_COLUMN, "catalog.yml:39:", "measure invoice.revenue", "(did you mean total?)", r);
        assertOne(errors, WarehouseCheckCode.DUPLICATE_KEY, "catalog.yml:43:", "invoice.customer_id is not unique: 412 rows, 59 distinct values", "", r);
        assertOne(errors, WarehouseCheckCode.MISSING_TABLE, "catalog.yml:47:", "table public.refund does not exist", "", r);
        assertOne(errors, WarehouseCheckCode.ROW_FILTER_INVALID, "catalog.yml:58:", "row filter of role owner on customer", "(did you mean support_rep_id?)", r);
        assertEquals(7, errors.size(), all);
        // Declared keys that hold are not reported; only the bounded and missing-key notes are warnings.
        assertTrue(r.warnings().stream().allMatch(i -> i.code() == WarehouseCheckCode.NO_PRIMARY_KEY), r.warnings().toString());
    }

    private static void assertOne(List<String> errors, WarehouseCheckCode code, String at, String text, String more, WarehouseCheck.Result r) {
        List<Issue> matching = r.errors().stream().filter(i -> i.code() == code && i.toString().contains(at)
                && i.toString().contains(text) && i.toString().contains(more)).toList();
        assertEquals(1, matching.size(), code + " " + at + " " + text + " in:\n" + String.join("\n", errors));
    }

    @Test
    void validateFailsOnErrorsAndOfflineSkipsTheWarehouse(@TempDir Path dir) throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("catalog"));
        Path skills = Files.createDirectories(dir.resolve("skills"));
        Files.writeString(catalog.resolve("catalog.yml"), CATALOG);
        String url = TestDatabase.jdbcUrl(DB);

        String[] live = run("validate", catalog.toString(), "--skills", skills.toString(), "--jdbc-url", url);
        assertEquals("1", live[0], live[2]);
        assertTrue(live[2].contains("7 errors against the live warehouse"), live[2]);
        assertTrue(live[2].contains("16 |       - name: email\n"), "the offending line is shown under the error:\n" + live[2]);

        String[] offline = run("validate", catalog.toString(), "--skills", skills.toString(), "--jdbc-url", url, "--offline");
        assertEquals("0", offline[0], offline[2]);
    }

    @Test
    void aWrongPortUserOrDatabaseNamesTheCauseAtOnce(@TempDir Path dir) throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(catalog.resolve("catalog.yml"), CATALOG);
        String url = TestDatabase.jdbcUrl(DB);
        String noUser = url.replaceAll("[?&]user=[^&]*", "").replaceAll("[?&]password=[^&]*", "");

        String[] badDb = run("validate", catalog.toString(), "--jdbc-url", url.replace("/" + DB, "/no_such_db"));
        assertEquals("3", badDb[0], badDb[2]);
        assertTrue(badDb[2].contains("database \"no_such_db\" does not exist"), badDb[2]);
        assertTrue(badDb[2].contains("check the database name"), badDb[2]);

        String[] badUser = run("validate", catalog.toString(), "--jdbc-url", noUser, "--username", "nobody_here");
        assertEquals("3", badUser[0], badUser[2]);
        assertTrue(badUser[2].contains("as \"nobody_here\""), badUser[2]);

        int port = Integer.parseInt(url.replaceAll(".*://[^:/]+:(\\d+)/.*", "$1"));
        String[] badPort = run("query", "{\"metrics\": [\"customer.count\"]}", "--catalog", catalog.toString(),
                "--jdbc-url", url.replace(":" + port + "/", ":" + (port == 1 ? 2 : 1) + "/"));
        assertEquals("3", badPort[0], badPort[2]);
        assertTrue(badPort[2].contains("Connection refused") || badPort[2].contains("cannot reach"), badPort[2]);
        assertTrue(badPort[2].contains("check the host and port"), badPort[2]);
    }

    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            picocli.CommandLine cl = new picocli.CommandLine(new ClarionCommand());
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int exit = cl.execute(args);
            return new String[]{String.valueOf(exit), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
