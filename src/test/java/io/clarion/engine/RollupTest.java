package io.clarion.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Rollup;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.sql.PostgresDialect;
import io.clarion.store.AppStore;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rollups on the demo data set, the demo catalog's own declarations built into the app store
 * (here the test database's schema clarion): the same rows with rollups on and off for every
 * golden and result-set query and for dashboard shapes, served only when exact, fresh and allowed
 * (here whatever their size against their tables: RollupSizeTest checks that rule).
 */
class RollupTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static QueryService raw;
    static QueryService withRollups;
    static Rollups rollups;

    @BeforeAll
    static void build() {
        DataSource db = TestDatabase.demo();
        AppStore.migrate(db);
        raw = DemoEngine.queries();
        rollups = new Rollups(DemoEngine.catalog(), db, PostgresDialect.INSTANCE, Duration.ofSeconds(120), Clock.systemUTC());
        // Every rollup that answers exactly, whatever its size: the rows are what is checked here
        // (on 5,000 customers the day rollups hold about as many rows as their tables; RollupSizeTest).
        withRollups = raw.withRollups(rollups.readingAnySize());
        for (Rollup r : DemoEngine.catalog().rollups()) {
            Rollups.Status s = rollups.build(r.name(), raw);
            assertTrue(s.fresh(), r.name() + " is not fresh right after its build: " + s.reason());
            assertTrue(s.rows() > 0, r.name() + " is empty");
        }
    }

    static final List<String> SHAPES = RollupTestShapes.SHAPES;

    @Test
    void dashboardShapesGiveTheSameRowsAndAreServedFromRollups() {
        int served = 0;
        List<String> failures = new ArrayList<>();
        for (String q : SHAPES) {
            Optional<String> diff = compare(q, Access.FULL);
            diff.ifPresent(d -> failures.add(q + " -> " + d));
            if (withRollups.compile(QueryParser.parse(q), new QueryService.Options(false)).fromRollup()) served++;
        }
        if (!failures.isEmpty()) fail(String.join("\n", failures));
        assertEquals(SHAPES.size(), served, "every dashboard shape is declared to be answered by a rollup");
    }

    @Test
    void everyGoldenAndResultQueryGivesTheSameRowsWithRollupsOnAndOff() throws Exception {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> s = Files.list(DemoEngine.projectDir().resolve("src/test/resources/golden"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json") && !x.toString().contains(".as-")).sorted().toList()) {
                queries.add(Files.readString(p));
            }
        }
        try (Stream<Path> s = Files.list(DemoEngine.projectDir().resolve("src/test/resources/results"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) queries.add(JSON.readTree(line).get("query").toString());
                }
            }
        }
        List<String> failures = new ArrayList<>();
        int served = 0;
        for (String q : queries) {
            try {
                compare(q, Access.FULL).ifPresent(d -> failures.add(q + " -> " + d));
                if (withRollups.compile(QueryParser.parse(q), new QueryService.Options(false)).fromRollup()) served++;
            } catch (QueryException e) {
                // a golden query that is an error on purpose is an error both ways
                assertThrowsAlso(q);
            }
        }
        if (!failures.isEmpty()) fail(failures.size() + " of " + queries.size() + " differ:\n" + String.join("\n", failures));
        assertTrue(served >= 5, "only " + served + " of " + queries.size() + " queries were answered from a rollup");
    }

    @Test
    void theRetentionSkillsAccountListAndHealthSignalsAreServedByTheCustomerRollupWithTheSameScores() {
        var skill = io.clarion.briefing.skill.SkillLoader.load(DemoEngine.projectDir().resolve("skills"),
                DemoEngine.projectDir().resolve("briefings"), DemoEngine.catalog()).skills().stream()
                .filter(x -> x.name().equals("weekly-retention-risk")).findFirst().orElseThrow();
        io.clarion.briefing.RiskModel model = io.clarion.briefing.BriefingSpec.from(skill).model();
        // As the weekly run reads them: contents go out by email and Slack, so PII is masked.
        Access content = Access.FULL.withoutPii();
        List<MetricQuery> health = new ArrayList<>(List.of(model.accounts()));
        model.signals().stream().map(io.clarion.briefing.RiskModel.Signal::query)
                .filter(q -> q.dimensions().get(0).startsWith("customer_health.")).forEach(health::add);
        assertTrue(health.size() >= 3, "the account list and at least two health signals: " + health.size());
        for (MetricQuery q : health) {
            QueryService.Compiled c = withRollups.compile(q, new QueryService.Options(true, 0, content));
            assertEquals("health_by_customer", c.rollup().served(), q + " " + c.rollup().notes());
        }
        var off = new io.clarion.briefing.RiskScoring(raw.as(content)).assess(model).scored();
        var on = new io.clarion.briefing.RiskScoring(withRollups.as(content)).assess(model).scored();
        assertEquals(off.size(), on.size());
        assertTrue(off.stream().anyMatch(io.clarion.briefing.RiskScoring.ScoredAccount::flagged), "some accounts are flagged");
        for (int i = 0; i < off.size(); i++) {
            var a = off.get(i);
            var b = on.get(i);
            assertEquals(List.of(a.customerId(), a.name(), String.valueOf(a.ownerId()), a.points(), a.level(), a.driver()),
                    List.of(b.customerId(), b.name(), String.valueOf(b.ownerId()), b.points(), b.level(), b.driver()), a.customerId());
            assertEquals(0, a.mrr().compareTo(b.mrr()), a.customerId());
            assertEquals(a.evidence().toString(), b.evidence().toString(), a.customerId());
        }
    }

    private static void assertThrowsAlso(String q) {
        try {
            raw.run(QueryParser.parse(q), new QueryService.Options(false));
            fail("fails only with rollups: " + q);
        } catch (QueryException expected) {
            // the same error without rollups
        }
    }

    @Test
    void explainSaysWhichRollupServedAndWhyOthersDidNot() {
        QueryService.Compiled c = withRollups.compile(QueryParser.parse(SHAPES.get(0)), new QueryService.Options(false));
        assertEquals("invoices_by_month", c.rollup().served(), "the month rollup is smaller than the day rollup");
        assertTrue(c.sql().sql().contains("clarion\".\"rollup_invoices_by_month"), c.sql().sql());
        assertTrue(c.rollup().notes().stream().anyMatch(n -> n.startsWith("invoices_by_day: not used: invoices_by_month answers too")),
                c.rollup().notes().toString());
        assertTrue(c.rollup().notes().stream().anyMatch(n -> n.startsWith("tickets_by_day: not used: it does not hold invoices.revenue")),
                c.rollup().notes().toString());
        assertFalse(c.rawSql().sql().contains("rollup_"), "the raw SQL stays for the fallback");
    }

    @Test
    void dailyChartsByOneOrTwoColumnsAreServedByTheNarrowDayRollups() {
        // Signups by region and month of a range ending today; tickets by priority and month likewise.
        for (var e : Map.of(SHAPES.get(7), "new_customers_by_day_region_channel", SHAPES.get(9), "tickets_by_day_priority_category").entrySet()) {
            QueryService.Compiled c = withRollups.compile(QueryParser.parse(e.getKey()), new QueryService.Options(false));
            assertEquals(e.getValue(), c.rollup().served(), c.rollup().notes().toString());
            assertEquals(Optional.empty(), compare(e.getKey(), Access.FULL));
        }
    }

    @Test
    void queriesARollupCannotAnswerExactlyReadTheRawTables() {
        Map<String, String> cases = Map.of(
                "{\"metrics\": [\"invoices.revenue\"], \"dimensions\": [\"customers.industry\"]}", "does not keep dimension customers.industry",
                "{\"metrics\": [\"invoices.revenue\"], \"dimensions\": [\"metric_time.month\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025\"}], \"segments\": [\"invoices.paid\"]}", "segments",
                "{\"metrics\": [\"support_tickets.csat\"], \"dimensions\": [\"customers.segment\"]}", "does not hold support_tickets.csat",
                "{\"metrics\": [\"invoices.revenue\"], \"dimensions\": [\"metric_time.month\"], \"compare\": \"previous_period\", \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"2025\"}]}", "comparisons",
                "{\"metrics\": [\"invoices.revenue\", \"customers.total_count\"], \"dimensions\": [\"customers.segment\"]}", "does not hold");
        for (var e : cases.entrySet()) {
            QueryService.Compiled c = withRollups.compile(QueryParser.parse(e.getKey()), new QueryService.Options(false));
            assertNull(c.rollup().served(), e.getKey());
            assertTrue(c.rollup().notes().stream().anyMatch(n -> n.contains(e.getValue())), e.getKey() + " -> " + c.rollup().notes());
            assertEquals(Optional.empty(), compare(e.getKey(), Access.FULL));
        }
        // a month rollup cannot answer a range that ends inside a month; the day rollup can
        QueryService.Compiled c = withRollups.compile(QueryParser.parse(
                "{\"metrics\": [\"invoices.revenue\"], \"filters\": [{\"dimension\": \"metric_time\", \"operator\": \"in_date_range\", \"value\": \"this year\"}]}"),
                new QueryService.Options(false));
        assertEquals("invoices_by_day", c.rollup().served());
        assertTrue(c.rollup().notes().stream().anyMatch(n -> n.startsWith("invoices_by_month: not used: the date range does not cover whole months")),
                c.rollup().notes().toString());
    }

    @Test
    void rowLevelAccessAndMaskingGiveTheSameRowsBecauseTheRollupIsNotUsedForThatCaller() {
        Access owner = raw.access(new Principal("olga", List.of("owner"), Map.of("owner_id", "own_001")));
        String q = "{\"metrics\": [\"invoices.revenue\"], \"dimensions\": [\"customers.segment\"]}";
        QueryService.Compiled c = withRollups.compile(QueryParser.parse(q), new QueryService.Options(true, 0, owner));
        assertNull(c.rollup().served());
        assertTrue(c.rollup().notes().stream().anyMatch(n -> n.contains("row-level access applies to")), c.rollup().notes().toString());
        assertEquals(Optional.empty(), compare(q, owner));
        Access analyst = raw.access(new Principal("ana", List.of("analyst"), Map.of()));
        assertTrue(withRollups.compile(QueryParser.parse(q), new QueryService.Options(true, 0, analyst)).fromRollup(),
                "an analyst sees every row of these cubes and no masked member is read");
    }

    @Test
    void aStaleOrOutdatedRollupIsNeverReadSilently() throws Exception {
        String q = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.plan\"]}";
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE clarion.rollup_state SET built_at = built_at - interval '25 hours' WHERE name = 'customers_by_profile'");
        }
        try {
            QueryService.Compiled c = withRollups.compile(QueryParser.parse(q), new QueryService.Options(false));
            assertNull(c.rollup().served());
            assertTrue(c.rollup().notes().stream().anyMatch(n -> n.contains("customers_by_profile is stale")), c.rollup().notes().toString());
            assertFalse(rollups.status(raw).stream().filter(x -> x.name().equals("customers_by_profile")).findFirst().orElseThrow().fresh());
        } finally {
            rollups.build("customers_by_profile", raw);
        }
        assertTrue(withRollups.compile(QueryParser.parse(q), new QueryService.Options(false)).fromRollup());
        // The health cube reads the reference date: its rollup is for one date only.
        String h = "{\"metrics\": [\"customer_health.customer_count\"], \"dimensions\": [\"customer_health.health_score_band\"]}";
        QueryService otherDay = withRollups.withReferenceDate(raw.referenceDate().minusDays(7));
        QueryService.Compiled c = otherDay.compile(QueryParser.parse(h), new QueryService.Options(false));
        assertNull(c.rollup().served());
        assertTrue(c.rollup().notes().stream().anyMatch(n -> n.contains("health_by_band was built from another definition or reference date")),
                c.rollup().notes().toString());
        // Invoices do not read it: their rollup answers any reference date.
        assertTrue(otherDay.compile(QueryParser.parse(SHAPES.get(3)), new QueryService.Options(false)).fromRollup());
    }

    @Test
    void theCatalogRefusesRollupsThatCannotBeReAggregatedExactly() {
        String base = """
                cubes:
                  - name: orders
                    sql_table: orders
                    joins:
                      - name: lines
                        relationship: one_to_many
                        sql: "{CUBE}.id = {lines}.order_id"
                    rollups:
                      - name: r1
                        measures: [avg_amount, amount]
                        dimensions: [lines.sku, nope]
                        time_dimension: placed
                        grain: fortnight
                    measures:
                      - name: amount
                        type: sum
                        sql: amount
                        time_dimension: placed
                      - name: avg_amount
                        type: avg
                        sql: amount
                        time_dimension: placed
                    dimensions:
                      - name: id
                        type: string
                        sql: id
                        primary_key: true
                      - name: placed
                        type: time
                        sql: placed_at
                  - name: lines
                    sql_table: lines
                    dimensions:
                      - name: id
                        type: string
                        sql: id
                        primary_key: true
                      - name: sku
                        type: string
                        sql: sku
                """;
        CatalogLoader.LoadResult r = CatalogLoader.loadStrings(Map.of("orders.yml", base));
        assertFalse(r.ok());
        String report = r.report();
        assertTrue(report.contains("orders.avg_amount (avg) cannot be re-aggregated"), report);
        assertTrue(report.contains("lines.sku is not reached from cube orders through many-to-one joins"), report);
        assertTrue(report.contains("\"nope\" is not a dimension"), report);
        assertTrue(report.contains("grain must be day, week, month, quarter or year"), report);
    }

    /** Empty when the query gives the same rows (in order) with rollups on and off. */
    static Optional<String> compare(String json, Access access) {
        return compare(raw, withRollups, json, access);
    }

    /** Empty when {@code json} gives the same rows (in order) on {@code raw} and on {@code withRollups}. */
    static Optional<String> compare(QueryService raw, QueryService withRollups, String json, Access access) {
        MetricQuery q = QueryParser.parse(json);
        boolean certified = access != Access.FULL;
        QueryService.Outcome off = raw.run(q, new QueryService.Options(certified, 0, access));
        QueryService.Outcome on = withRollups.run(q, new QueryService.Options(certified, 0, access));
        List<List<Object>> a = off.result().rows();
        List<List<Object>> b = on.result().rows();
        if (a.size() != b.size()) return Optional.of("rows: raw " + a.size() + ", rollup " + b.size() + " " + on.compiled().rollup());
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).size(); j++) {
                Object x = a.get(i).get(j);
                Object y = b.get(i).get(j);
                if (!same(x, y)) return Optional.of("row " + i + " column " + j + ": raw " + x + ", rollup " + y + " (" + on.compiled().rollup().served() + ")");
            }
        }
        if (off.result().truncated() != on.result().truncated()) return Optional.of("truncated differs");
        return Optional.empty();
    }

    /** The same rows in the same order, numbers equal to a millionth. */
    static boolean sameRows(List<List<Object>> a, List<List<Object>> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).size() != b.get(i).size()) return false;
            for (int j = 0; j < a.get(i).size(); j++) {
                if (!same(a.get(i).get(j), b.get(i).get(j))) return false;
            }
        }
        return true;
    }

    private static boolean same(Object x, Object y) {
        if (x == null || y == null) return x == y;
        if (x instanceof Number n && y instanceof Number m) {
            return new java.math.BigDecimal(n.toString()).subtract(new java.math.BigDecimal(m.toString())).abs()
                    .compareTo(new java.math.BigDecimal("0.000001")) <= 0;
        }
        return x.toString().equals(y.toString());
    }
}
