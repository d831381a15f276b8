package io.clarion.store;

import io.clarion.agent.chat.ChatResponse;
import io.clarion.agent.chat.CustomerProfile;
import io.clarion.app.Clarion;
import io.clarion.briefing.Briefings;
import io.clarion.demo.DemoLoader;
import io.clarion.demo.DemoSpec;
import io.clarion.demo.Progress;
import io.clarion.engine.Engine;
import io.clarion.engine.QueryService;
import io.clarion.governance.policy.Principal;
import io.clarion.query.QueryParser;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warehouse user with SELECT only (and USAGE on the schema): everything answers, Clarion's own
 * state goes to the app store, masking works, and nothing is created in the user's database.
 */
class ReadOnlyWarehouseTest {
    static final String WAREHOUSE_DB = "ro_warehouse";
    static final String STORE_DB = "ro_store";
    static final String RO_USER = "clarion_reader";
    static DataSource warehouseAdmin;
    static DataSource store;
    static Clarion clarion;

    @BeforeAll
    static void start() throws SQLException {
        warehouseAdmin = TestDatabase.freshDatabase(WAREHOUSE_DB);
        DemoLoader.ensureLoaded(warehouseAdmin, new DemoSpec(42, 400, LocalDate.of(2026, 6, 15)), Progress.NONE);
        store = TestDatabase.freshDatabase(STORE_DB);
        try (Connection c = warehouseAdmin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + RO_USER + "') THEN "
                    + "CREATE ROLE " + RO_USER + " LOGIN PASSWORD 'reader-secret'; END IF; END $$");
            s.execute("REVOKE ALL ON DATABASE " + WAREHOUSE_DB + " FROM PUBLIC");
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + WAREHOUSE_DB + " TO " + RO_USER);
            s.execute("GRANT USAGE ON SCHEMA public TO " + RO_USER);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + RO_USER);
        }
        // As the server starts: the catalog is checked against the warehouse with the reader's SELECT alone.
        clarion = Clarion.startServer(config(STORE_DB, "postgres"), Progress.NONE, startLog::add);
    }

    static final List<String> startLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void theStartUpCatalogCheckRunsWithSelectAlone() {
        assertTrue(startLog.stream().anyMatch(l -> l.startsWith("the catalog matches the warehouse at ")), startLog.toString());
    }

    static java.util.function.Function<String, Optional<String>> config(String storeDb, String storeUser) {
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", asUser(TestDatabase.jdbcUrl(WAREHOUSE_DB), RO_USER));
        c.put("clarion.warehouse.username", RO_USER);
        c.put("clarion.warehouse.password", "reader-secret");
        c.put("clarion.store.jdbc-url", asUser(TestDatabase.jdbcUrl(storeDb), storeUser));
        c.put("clarion.demo.load", "false");
        c.put("clarion.catalog.dir", DemoEngine.projectDir().resolve("semantic").toString());
        c.put("clarion.skills.dir", DemoEngine.projectDir().resolve("skills").toString());
        c.put("clarion.briefings.dir", DemoEngine.projectDir().resolve("briefings").toString());
        c.put("clarion.reference-date", "2026-06-15");
        c.put("clarion.scheduler.enabled", "false");
        return k -> Optional.ofNullable(c.get(k));
    }

    /** The URL for {@code user}: the reader with its own password, anyone else as the test server gives it. */
    static String asUser(String url, String user) {
        if (!user.equals(RO_USER)) return url;
        String withoutPassword = url.replaceAll("([?&])password=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return withoutPassword.replaceAll("user=[^&]*", "user=" + user + "&password=reader-secret");
    }

    @AfterAll
    static void stop() {
        if (clarion != null) clarion.close();
    }

    @Test
    void queriesChatProfileAndBriefingsAnswerAndAuditGoesToTheStore() throws SQLException {
        Engine engine = clarion.engine();
        QueryService analyst = engine.queries().as(engine.queries().access(new Principal("ana", List.of("analyst"), Map.of())));
        var masked = analyst.run(QueryParser.parse("{\"metrics\": [\"customers.total_count\"], "
                + "\"dimensions\": [\"customers.customer_id\", \"customers.email\"], \"limit\": 3}"), QueryService.Options.DEFAULT);
        engine.audit().queryOk("test", new Principal("ana", List.of("analyst"), Map.of()), masked.compiled().query(),
                masked.compiled().sql(), masked.result());
        assertEquals(3, masked.result().rowCount());
        for (List<Object> row : masked.result().rows()) {
            assertTrue(String.valueOf(row.get(1)).startsWith("pii_"), "e-mail masked by a key kept in the store: " + row);
        }

        QueryService owner = engine.queries().as(engine.queries().access(new Principal("olga", List.of("owner"), Map.of("owner_id", "own_001"))));
        var mine = owner.run(QueryParser.parse("{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.owner_id\"]}"),
                QueryService.Options.DEFAULT);
        assertTrue(mine.result().rows().stream().allMatch(r -> "own_001".equals(r.get(0))), mine.result().rows().toString());

        ChatResponse answer = clarion.commandChat(true).service().ask("How many customers do we have?", null);
        assertFalse(answer.answer().isBlank(), answer.toString());

        String someCustomer;
        try (Connection c = warehouseAdmin.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(customer_id) FROM customers")) {
            rs.next();
            someCustomer = rs.getString(1);
        }
        assertEquals(someCustomer, CustomerProfile.build(engine.queries(), someCustomer).customerId());

        Briefings.Outcome dry = clarion.briefings().run("weekly-retention-risk", LocalDate.of(2026, 6, 15), true);
        assertTrue(dry.toString().contains("own_"), "a dry run builds owners' briefings: " + dry);

        assertTrue(count(store, "SELECT count(*) FROM clarion.audit_log WHERE source = 'test'") >= 1, "audit rows in the store");
        assertEquals(0, count(warehouseAdmin, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'clarion'"),
                "nothing created in the user's database");
    }

    @Test
    void aStoreClarionCannotWriteStopsStartUpWithWhatToGrant() {
        TestDatabase.freshDatabase("ro_store_denied");
        try (Connection c = TestDatabase.freshDatabaseIfMissing("ro_store_denied").getConnection(); Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON DATABASE ro_store_denied FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE ro_store_denied TO " + RO_USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Engine.StartupException e = assertThrows(Engine.StartupException.class,
                () -> Clarion.start(config("ro_store_denied", RO_USER), Progress.NONE).close());
        assertTrue(e.getMessage().contains("cannot write its own state"), e.getMessage());
        assertTrue(e.getMessage().contains("CREATE"), e.getMessage());
        assertTrue(e.getMessage().contains("clarion.store.jdbc-url"), e.getMessage());
        assertFalse(e.getMessage().contains("reader-secret"), "no password in messages: " + e.getMessage());
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
