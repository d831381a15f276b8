package io.clarion.governance.policy;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.query.MetricQuery;
import io.clarion.query.QueryException;
import io.clarion.query.QueryParser;
import io.clarion.store.AppStore;
import io.clarion.governance.audit.AuditLog;
import io.clarion.warehouse.QueryResult;
import io.clarion.engine.QueryService;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo access policy, enforced by the query engine on the demo data set. */
class AccessPolicyTest {
    static final Principal ADMIN = new Principal("ada", List.of("admin"), Map.of());
    static final Principal ANALYST = new Principal("ana", List.of("analyst"), Map.of());
    static final Principal EXECUTIVE = new Principal("eve", List.of("executive"), Map.of());
    static final Principal OWNER = new Principal("olga", List.of("owner"), Map.of("owner_id", "own_001"));

    static QueryService queries;

    @BeforeAll
    static void setUp() {
        AppStore.migrate(TestDatabase.demo());
        queries = DemoEngine.queries();
    }

    static QueryResult run(Principal p, String json) {
        return queries.as(queries.access(p)).run(QueryParser.parse(json), QueryService.Options.DEFAULT).result();
    }

    static QueryException refused(Principal p, String json) {
        return assertThrows(QueryException.class, () -> run(p, json));
    }

    /**
     * Property: every measure of every cube an owner may use, grouped by the owning customer's
     * owner, comes back for that owner only; and its total equals the admin's total filtered to
     * that owner, so nothing of theirs is lost either.
     */
    @Test
    void anOwnerSeesOnlyRowsReachedThroughTheirOwnCustomersWhateverTheMeasure() {
        Catalog catalog = DemoEngine.catalog();
        Access owner = queries.access(OWNER);
        Set<String> cubesChecked = new TreeSet<>();
        List<String> mismatches = new ArrayList<>();
        int queriesRun = 0;
        for (Cube cube : catalog.cubes().values()) {
            if (owner.rows(cube.name()) instanceof Access.NoRows || owner.rows(cube.name()) instanceof Access.AllRows) continue;
            for (Measure m : cube.measures()) {
                String grouped = "{\"metrics\": [\"" + m.fullName() + "\"], \"dimensions\": [\"customers.owner_id\"]}";
                QueryResult byOwner;
                try {
                    byOwner = run(OWNER, grouped);
                } catch (QueryException e) {
                    continue; // no join path from this measure to customers.owner_id: checked by the total below
                }
                queriesRun++;
                for (List<Object> row : byOwner.rows()) {
                    assertTrue(row.get(0) == null || "own_001".equals(row.get(0)), m.fullName() + " leaked a row of owner " + row.get(0));
                }
                Object mine = single(run(OWNER, "{\"metrics\": [\"" + m.fullName() + "\"]}"));
                Object adminFiltered = single(run(ADMIN, "{\"metrics\": [\"" + m.fullName() + "\"], \"filters\": [{\"dimension\": "
                        + "\"customers.owner_id\", \"operator\": \"equals\", \"value\": \"own_001\"}]}"));
                queriesRun += 2;
                if (!same(mine, adminFiltered)) mismatches.add(m.fullName() + ": owner " + mine + " vs admin filtered " + adminFiltered);
                cubesChecked.add(cube.name());
            }
        }
        assertTrue(mismatches.isEmpty(), "owner totals differ from the admin's filtered totals: " + mismatches);
        assertTrue(cubesChecked.size() >= 10, "cubes checked: " + cubesChecked);
        System.out.printf("row-level property: %d queries over %d cubes %s%n", queriesRun, cubesChecked.size(), cubesChecked);
    }

    @Test
    void everyJoinPathIsFilteredNotOnlyTheCustomersCube() {
        // Revenue by region of the customer, and tickets by the owners cube: both reached through customers.
        Set<Object> owners = new TreeSet<>();
        for (List<Object> r : run(OWNER, "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"owners.owner_id\"]}").rows()) {
            owners.add(r.get(0));
        }
        assertEquals(Set.of("own_001"), owners);
        QueryResult all = run(ADMIN, "{\"metrics\": [\"owners.owner_count\"]}");
        QueryResult mine = run(OWNER, "{\"metrics\": [\"owners.owner_count\"]}");
        assertEquals(0, new BigDecimal(mine.rows().get(0).get(0).toString()).compareTo(BigDecimal.ONE));
        assertTrue(new BigDecimal(all.rows().get(0).get(0).toString()).intValue() > 1);
    }

    @Test
    void cubesWithoutALinkToCustomersAndDeniedMembersAreRefusedWithTheReason() {
        QueryException spend = refused(OWNER, "{\"metrics\": [\"marketing.total_spend\"]}");
        assertEquals("access_denied", spend.errors().get(0).key());
        assertTrue(spend.errors().get(0).forbidden());
        assertTrue(spend.getMessage().contains("marketing"), spend.getMessage());
        QueryException cac = refused(OWNER, "{\"metrics\": [\"customer_acquisition_cost\"]}");
        assertTrue(cac.getMessage().contains("customer_acquisition_cost reads"), cac.getMessage());
        QueryException email = refused(EXECUTIVE, "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.email\"]}");
        assertEquals("access_denied", email.errors().get(0).key());
        assertEquals("dimensions[0]", email.errors().get(0).path());
        assertTrue(email.getMessage().contains("role executive"), email.getMessage());
        // The analyst is not denied the same member: denial is per role.
        assertFalse(run(ANALYST, "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.email\"], \"limit\": 5}")
                .rows().isEmpty());
    }

    @Test
    void piiIsMaskedInTheDatabaseForRolesWithoutThePiiPrivilege() {
        String q = "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.customer_id\", \"customers.email\", "
                + "\"owners.slack_user_id\"], \"order_by\": [{\"field\": \"customers.customer_id\"}], \"limit\": 20}";
        QueryResult raw = run(ADMIN, q);
        QueryResult masked = run(ANALYST, q);
        QueryResult again = run(ANALYST, q);
        assertEquals(raw.rowCount(), masked.rowCount());
        for (int i = 0; i < raw.rowCount(); i++) {
            assertEquals(raw.rows().get(i).get(0), masked.rows().get(i).get(0));
            String email = (String) raw.rows().get(i).get(1);
            String pseudonym = (String) masked.rows().get(i).get(1);
            if (email == null) continue;
            assertTrue(email.contains("@"), email);
            assertTrue(pseudonym.startsWith("pii_") && !pseudonym.contains("@"), pseudonym);
            assertNotEquals(email, pseudonym);
            assertEquals(pseudonym, again.rows().get(i).get(1), "a pseudonym is stable");
            if (raw.rows().get(i).get(2) != null) assertEquals("[redacted]", masked.rows().get(i).get(2));
        }
        long distinct = masked.rows().stream().map(r -> r.get(1)).distinct().count();
        assertEquals(raw.rows().stream().map(r -> r.get(1)).distinct().count(), distinct, "distinct values stay distinct");
    }

    @Test
    void aMaskedDimensionCannotBeFilteredOnSoItsRawValueCannotBeTested() {
        Object someEmail = run(ADMIN, "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.email\"], \"limit\": 1}")
                .rows().get(0).get(0);
        for (Principal p : List.of(ANALYST, OWNER)) {
            QueryException e = refused(p, "{\"metrics\": [\"customers.total_count\"], \"filters\": [{\"dimension\": \"customers.email\", "
                    + "\"operator\": \"equals\", \"value\": \"" + someEmail + "\"}]}");
            assertEquals("masked_member", e.errors().get(0).key());
            assertEquals("filters[0].dimension", e.errors().get(0).path());
        }
        // The admin may: the privilege, not the member, decides.
        assertEquals(1, run(ADMIN, "{\"metrics\": [\"customers.total_count\"], \"filters\": [{\"dimension\": \"customers.email\", "
                + "\"operator\": \"equals\", \"value\": \"" + someEmail + "\"}]}").rowCount());
    }

    @Test
    void uncertifiedMembersNeedTheUncertifiedPrivilegeAndAnExplicitRequest() {
        String q = "{\"metrics\": [\"customers.total_count\"], \"certified_only\": false}";
        QueryService.Options caller = QueryService.Options.caller(queries.access(ANALYST), QueryParser.parse(q));
        assertFalse(caller.certifiedOnly());
        assertEquals(1, queries.run(QueryParser.parse(q), caller).result().rowCount());
        for (Principal p : List.of(EXECUTIVE, OWNER)) {
            QueryException e = assertThrows(QueryException.class, () -> queries.run(QueryParser.parse(q),
                    QueryService.Options.caller(queries.access(p), QueryParser.parse(q))));
            assertEquals("uncertified_not_allowed", e.errors().get(0).key());
        }
        assertTrue(QueryService.Options.caller(queries.access(ANALYST), QueryParser.parse("{\"metrics\": [\"arr\"]}")).certifiedOnly());
    }

    @Test
    void anOwnerWithoutOwnerIdOrAnUnknownRoleSeesNothing() {
        QueryException noId = refused(new Principal("x", List.of("owner"), Map.of()), "{\"metrics\": [\"customers.total_count\"]}");
        assertTrue(noId.getMessage().contains("no owner_id"), noId.getMessage());
        QueryException unknown = refused(new Principal("y", List.of("intern"), Map.of()), "{\"metrics\": [\"customers.total_count\"]}");
        // A user who merely calls themselves "system" is not Clarion's own in-process work.
        QueryException impostor = refused(new Principal("system", List.of(), Map.of()), "{\"metrics\": [\"customers.total_count\"]}");
        assertTrue(impostor.getMessage().contains("has no role"), impostor.getMessage());
        assertTrue(unknown.getMessage().contains("is declared in the access policy"), unknown.getMessage());
    }

    @Test
    void severalRolesCombineToTheLeastRestrictive() {
        Principal ownerAndAnalyst = new Principal("both", List.of("owner", "analyst"), Map.of("owner_id", "own_001"));
        Set<Object> owners = new TreeSet<>();
        for (List<Object> r : run(ownerAndAnalyst, "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.owner_id\"]}").rows()) {
            owners.add(String.valueOf(r.get(0)));
        }
        assertTrue(owners.size() > 2, "a role without row filters opens every row: " + owners);
        assertEquals(1, run(ownerAndAnalyst, "{\"metrics\": [\"marketing.total_spend\"]}").rowCount(), "denied only when every role denies");
        Principal execAndAnalyst = new Principal("both2", List.of("executive", "analyst"), Map.of());
        QueryResult emails = run(execAndAnalyst, "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.email\"], \"limit\": 3}");
        assertTrue(emails.rows().stream().allMatch(r -> r.get(0) == null || r.get(0).toString().startsWith("pii_")), "still masked: no role has pii");
    }

    @Test
    void injectedTextInFilterValuesIsOnlyEverABoundValue() {
        for (String evil : List.of("enterprise' OR '1'='1", "x'); DROP TABLE customers; --", "own_002", "' UNION SELECT email FROM customers --")) {
            MetricQuery q = QueryParser.parse("{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.owner_id\"], "
                    + "\"filters\": [{\"dimension\": \"customers.segment\", \"operator\": \"equals\", \"value\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(evil).toString() + "}]}");
            QueryService.Compiled c = queries.as(queries.access(OWNER)).compile(q, QueryService.Options.DEFAULT);
            assertFalse(c.sql().sql().contains(evil), "a value never becomes SQL text");
            assertTrue(c.sql().binds().contains(evil));
            assertTrue(queries.as(queries.access(OWNER)).run(q, QueryService.Options.DEFAULT).result().rows().isEmpty());
        }
        assertTrue(run(ADMIN, "{\"metrics\": [\"customers.total_count\"]}").rowCount() == 1, "customers still there");
    }

    @Test
    void theAuditLogMasksPiiFilterValuesAndContactDetailsInText() {
        AuditLog log = new AuditLog(TestDatabase.demo(), DemoEngine.catalog());
        MetricQuery q = QueryParser.parse("{\"metrics\": [\"customers.total_count\"], \"filters\": [{\"dimension\": \"customers.email\", "
                + "\"operator\": \"equals\", \"value\": \"jane@acme.example\"}, {\"dimension\": \"customers.segment\", \"operator\": "
                + "\"equals\", \"value\": \"enterprise\"}]}");
        String json = log.normalized(q).toString();
        assertFalse(json.contains("jane@acme.example"), json);
        assertTrue(json.contains("[masked]") && json.contains("enterprise"), json);
        assertEquals("mail [email] or call [phone]", AuditLog.scrub("mail jane@acme.example or call +1 (415) 555-0100"));
        assertEquals("weekly-retention-risk 2026-11-23 (dry run), 12 accounts", AuditLog.scrub("weekly-retention-risk 2026-11-23 (dry run), 12 accounts"));
        assertEquals("call [phone] today", AuditLog.scrub("call 0044 20 7946 0958 today"));
        log.queryFailed("api", ANALYST, q, refused(ANALYST, QueryParser.toJson(q).toString()));
        var entries = log.search(new AuditLog.Search("ana", "query", "masked_member", null, null, null, null, 5));
        assertFalse(entries.isEmpty());
        assertFalse(entries.get(0).query().toString().contains("jane@"), entries.get(0).query().toString());
        assertEquals("analyst", entries.get(0).roles());
    }

    @Test
    void theDemoPolicyIsInTheCatalogAndPolicyErrorsPointAtTheirLine() {
        assertEquals(List.of("admin", "analyst", "executive", "owner"), List.copyOf(DemoEngine.catalog().access().roles().keySet()));
        CatalogLoader.LoadResult r = CatalogLoader.loadStrings(Map.of("a.yml", """
                cubes:
                  - name: customers
                    sql_table: customers
                    dimensions:
                      - name: owner_id
                        type: string
                        sql: owner_id
                access:
                  roles:
                    - name: owner
                      privileges: [pi]
                      row_filters:
                        - cube: customers
                          sql: "{CUBE}.owner_id = {principal.owner}"
                      deny: [customers.ownr_id]
                """));
        assertFalse(r.ok());
        String report = r.report();
        assertTrue(report.contains("a.yml:11:20: unknown privilege \"pi\" (did you mean pii?)"), report);
        assertTrue(report.contains("declares no attribute \"owner\""), report);
        assertTrue(report.contains("a.yml:15:14: unknown cube, member or metric \"customers.ownr_id\" in deny (did you mean customers.owner_id"), report);
    }

    private static Object single(QueryResult r) {
        return r.rows().isEmpty() ? null : r.rows().get(0).get(0);
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) return a == b || (a == null ? isZero(b) : isZero(a));
        if (a instanceof Number || b instanceof Number) return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        return a.equals(b);
    }

    private static boolean isZero(Object o) {
        return o instanceof Number n && new BigDecimal(n.toString()).signum() == 0;
    }
}
