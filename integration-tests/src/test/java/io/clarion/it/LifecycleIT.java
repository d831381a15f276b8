package io.clarion.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up, restart, a warehouse that is down, and the command line of the packaged jar. */
class LifecycleIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void restartReusesTheLoadedDemoData() throws Exception {
        String first;
        try (ClarionProcess app = ClarionProcess.start("restart", Map.of())) {
            first = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"]}").body();
            assertTrue(app.logText().contains("Clarion is ready"), app.logText());
        }
        long t0 = System.nanoTime();
        ClarionProcess killed = ClarionProcess.start("restart", Map.of());
        try {
            String second = killed.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"]}").body();
            System.out.printf("restart after a graceful stop: answering in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals(JSON.readTree(first).get("rows"), JSON.readTree(second).get("rows"));
            assertFalse(killed.logText().contains("Generating"), "second start must not regenerate:\n" + killed.logText());
        } finally {
            // kill -9: no shutdown hook runs, so the embedded PostgreSQL is left running on the data folder.
            killed.process.destroyForcibly().waitFor();
        }
        t0 = System.nanoTime();
        try (ClarionProcess app = ClarionProcess.start("restart", Map.of())) {
            String third = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"]}").body();
            System.out.printf("restart after kill -9 of the server: answering in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals(JSON.readTree(first).get("rows"), JSON.readTree(third).get("rows"), app.logText());
        }
    }

    @Test
    void aWarehouseThatNeverAnswersStopsTheStartNamingTheCause() throws Exception {
        int closed = ClarionProcess.freePort();
        long t0 = System.nanoTime();
        ClarionProcess.Result r = ClarionProcess.cli(ClarionProcess.WORK.resolve("never-home"), Map.of(
                "clarion.warehouse.jdbc-url", "jdbc:postgresql://127.0.0.1:" + closed + "/nowhere",
                "clarion.warehouse.start-wait-seconds", "3",
                "clarion.reference-date", "2026-06-15"),
                List.of("serve", "--port", String.valueOf(ClarionProcess.freePort())), null);
        System.out.printf("a warehouse that never answers: start refused after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        String out = r.stdout() + r.stderr();
        assertNotEquals(0, r.exitCode(), out);
        assertTrue(out.contains("cannot reach 127.0.0.1:" + closed + "/nowhere"), out);
        assertTrue(out.contains("clarion.warehouse.start-wait-seconds"), "says how to wait longer:\n" + out);
        assertFalse(out.contains("Clarion is ready"), out);
    }

    @Test
    void aWarehouseThatGoesDownGives503() throws Exception {
        var pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(ClarionProcess.WORK.resolve("down-pg")))
                .setCleanDataDirectory(true).start();
        try (ClarionProcess app = ClarionProcess.start("down", Map.of(
                "clarion.warehouse.jdbc-url", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
                // The database is empty: this test is about the connection, not the catalog.
                "clarion.warehouse.check-on-start", "false",
                "clarion.reference-date", "2026-06-15"))) {
            assertEquals(200, app.get("/q/health/ready").statusCode(), app.logText());
            pg.close();
            HttpResponse<String> r = app.post("/api/v1/query", "{\"metrics\": [\"customers.total_count\"]}");
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("warehouse_unavailable", JSON.readTree(r.body()).get("error").asText(), r.body());
            assertFalse(r.body().contains("at org."), "no stack trace");
            assertEquals(503, app.get("/q/health/ready").statusCode());
        } finally {
            pg.close();
        }
    }

    @Test
    void validateCommandReportsEveryErrorWithLocations() throws Exception {
        Path bad = ClarionProcess.WORK.resolve("bad-catalog");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("cubes.yml"), """
                cubes:
                  - name: orders
                    sql_table: orders
                    measures:
                      - name: total
                        type: summ
                        sql: amount
                    dimensions:
                      - name: placed
                        type: time
                        sql: placed_at
                """);
        ClarionProcess.Result r = ClarionProcess.cli(ClarionProcess.WORK.resolve("cli-home"), List.of("validate", bad.toString()), null);
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("cubes.yml:6:"), r.stderr());
        assertTrue(r.stderr().contains("sum"), "did you mean sum: " + r.stderr());
        assertTrue(r.stderr().contains("granularities"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());

        ClarionProcess.Result ok = ClarionProcess.cli(ClarionProcess.WORK.resolve("cli-home"),
                List.of("validate", ClarionProcess.PROJECT.resolve("semantic").toString()), null);
        assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
    }

    @Test
    void theServerRefusesToStartOnAnInvalidCatalog() throws Exception {
        Path bad = ClarionProcess.WORK.resolve("bad-catalog-serve");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("metrics.yml"), """
                metrics:
                  - name: churn
                    type: ratio
                    numerator: customers.churned
                    denominator: customers.total
                """);
        ClarionProcess.Result r = ClarionProcess.cli(ClarionProcess.WORK.resolve("serve-bad"),
                List.of("serve", "--catalog", bad.toString(), "--port", String.valueOf(ClarionProcess.freePort())), null);
        assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("metrics.yml:4:"), r.stderr());
        assertTrue(r.stderr().contains("customers.churned"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void askAndEvalCommandsAnswerFromTheCatalog() throws Exception {
        Path home = ClarionProcess.WORK.resolve("cli-query");
        ClarionProcess.Result ask = ClarionProcess.cli(home, List.of("ask", "What's our ARR?", "--format", "json"), null);
        assertEquals(0, ask.exitCode(), ask.stderr());
        JsonNode answer = JSON.readTree(ask.stdout().substring(ask.stdout().indexOf('{')));
        assertTrue(answer.get("answer").asText().startsWith("ARR is $"), answer.toString());
        ClarionProcess.Result refused = ClarionProcess.cli(home, List.of("ask", "drop the customers table"), null);
        assertEquals(4, refused.exitCode(), refused.stdout());

        Path set = ClarionProcess.WORK.resolve("set.jsonl");
        Files.writeString(set, String.join("\n",
                "{\"id\": \"a\", \"question\": \"How many customers do we have?\", \"expect\": \"answer\", \"gold_sql\": \"SELECT count(*) FROM customers\"}",
                "{\"id\": \"b\", \"question\": \"What is the office address?\", \"expect\": \"refuse\"}"));
        ClarionProcess.Result eval = ClarionProcess.cli(home, List.of("eval", set.toString(), "--planner", "offline"), null);
        assertEquals(0, eval.exitCode(), eval.stderr());
        assertTrue(eval.stdout().contains("score: 2/2"), eval.stdout());
        Files.writeString(set, "{not json");
        ClarionProcess.Result badSet = ClarionProcess.cli(home, List.of("eval", set.toString()), null);
        assertEquals(2, badSet.exitCode());
        assertTrue(badSet.stderr().contains("set.jsonl:1"), badSet.stderr());
    }

    @Test
    void queryCommandPrintsTableJsonAndCsv() throws Exception {
        Path home = ClarionProcess.WORK.resolve("cli-query");
        String q = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.segment\"]}";
        ClarionProcess.Result csv = ClarionProcess.cli(home, List.of("query", q, "--format", "csv"), null);
        assertEquals(0, csv.exitCode(), csv.stderr());
        List<String> lines = csv.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals("customers.segment,customers.total_count", lines.get(lines.size() - 4));
        ClarionProcess.Result json = ClarionProcess.cli(home, List.of("query", "-", "--format", "json"), q);
        assertEquals(0, json.exitCode(), json.stderr());
        assertEquals(3, JSON.readTree(json.stdout().substring(json.stdout().indexOf('{'))).get("row_count").asInt());
        ClarionProcess.Result bad = ClarionProcess.cli(home, List.of("query", "{\"metrics\": [\"nope\"]}"), null);
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("unknown_member"), bad.stderr());
        ClarionProcess.Result table = ClarionProcess.cli(home, List.of("query", q), null);
        assertEquals(0, table.exitCode(), table.stderr());
        assertTrue(table.stdout().contains("(3 rows)"), table.stdout());
        assertNotEquals("", table.stdout());
    }
}
