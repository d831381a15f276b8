package io.clarion.api;

import io.clarion.demo.Progress;
import io.clarion.engine.Engine;
import io.clarion.governance.policy.Principal;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/rollups: every declared rollup with its state, for operators only. */
class RollupResourceTest {
    static Engine engine;
    static DataSource store;

    @BeforeAll
    static void start() {
        store = TestDatabase.freshDatabase("rollup_api");
        Map<String, String> c = Map.of("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl(), "clarion.store.jdbc-url",
                TestDatabase.jdbcUrl("rollup_api"), "clarion.demo.load", "false");
        engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
    }

    @AfterAll
    static void stop() {
        if (engine != null) engine.close();
    }

    static RollupResource as(String role, Map<String, String> attributes) {
        RollupResource r = new RollupResource();
        r.engine = engine;
        r.caller = Caller.of(engine.queries().access(new Principal("pat", List.of(role), attributes)));
        return r;
    }

    @Test
    void listsEveryDeclaredRollupAsBuiltStaleOrMissing() throws SQLException {
        engine.rollups().build("customers_by_profile", engine.queries());
        engine.rollups().build("new_customers_by_day", engine.queries());
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            // As if built three days ago: past its max_age (24 hours by default).
            s.executeUpdate("UPDATE clarion.rollup_state SET built_at = now() - interval '3 days' WHERE name = 'new_customers_by_day'");
        }
        List<RollupResource.View> all = as("admin", Map.of()).list();
        assertEquals(engine.catalog().rollups().size(), all.size(), "one entry per declared rollup");
        Map<String, RollupResource.View> byName = all.stream().collect(Collectors.toMap(RollupResource.View::name, Function.identity()));

        RollupResource.View built = byName.get("customers_by_profile");
        assertEquals("built", built.state(), built.toString());
        assertEquals("customers", built.cube());
        assertNotNull(built.builtAt());
        assertTrue(built.rowCount() > 0, built.toString());
        assertTrue(built.sourceRowCount() >= TestDatabase.DEMO.scale(), "the tables it is built from hold every customer: " + built);
        assertEquals(24 * 60, built.maxAgeMinutes());
        assertEquals(6 * 60, built.refreshEveryMinutes(), "the demo catalog refreshes it every 6 hours");
        assertNull(built.nextRefreshAt(), "no scheduler runs here");
        assertNull(built.reason());

        RollupResource.View stale = byName.get("new_customers_by_day");
        assertEquals("stale", stale.state(), stale.toString());
        assertTrue(stale.rowCount() > 0);
        assertTrue(stale.reason().contains("stale"), stale.reason());

        RollupResource.View missing = byName.get("health_by_band");
        assertEquals("missing", missing.state(), missing.toString());
        assertNull(missing.builtAt());
        assertNull(missing.rowCount());
        assertTrue(missing.reason().contains("has not been built"), missing.reason());
    }

    @Test
    void callersWithoutTheOperatePrivilegeAreRefused() {
        Forbidden analyst = assertThrows(Forbidden.class, () -> as("analyst", Map.of()).list());
        assertTrue(analyst.getMessage().contains("operate"), analyst.getMessage());
        assertEquals(403, new ErrorMappers().forbidden(analyst).getStatus());
        assertThrows(Forbidden.class, () -> as("owner", Map.of("owner_id", "own_001")).list());
        assertThrows(Forbidden.class, () -> as("nobody_knows_this_role", Map.of()).list());
    }
}
