package io.clarion.warehouse;

import io.clarion.governance.audit.AuditLog;
import io.clarion.store.AppStore;

import io.clarion.engine.QueryService;

import io.clarion.query.QueryParser;
import io.clarion.sql.CompiledSql;
import io.clarion.sql.PostgresDialect;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated SQL runs read-only, within a statement timeout, and stops at the limit. */
class QueryExecutionTest {

    @Test
    void resultsStopAtTheLimitAndSaySo() {
        var out = DemoEngine.queries().run(QueryParser.parse(
                "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.segment\"], \"limit\": 2}"), QueryService.Options.DEFAULT);
        assertEquals(2, out.result().rowCount());
        assertTrue(out.result().truncated());
        var all = DemoEngine.queries().run(QueryParser.parse(
                "{\"metrics\": [\"customers.total_count\"], \"dimensions\": [\"customers.segment\"], \"limit\": 3}"), QueryService.Options.DEFAULT);
        assertFalse(all.result().truncated());
    }

    @Test
    void aSlowQueryIsCancelledAtTheTimeout() {
        QueryService impatient = new QueryService(DemoEngine.catalog(), TestDatabase.demo(), PostgresDialect.INSTANCE,
                () -> LocalDate.of(2026, 6, 15), 10_000, Duration.ofMillis(1));
        WarehouseException e = assertThrows(WarehouseException.class, () -> impatient.run(QueryParser.parse(
                "{\"metrics\": [\"customer_health.avg_health_score\"], \"dimensions\": [\"customer_health.health_score_band\"]}"),
                QueryService.Options.DEFAULT));
        assertEquals(WarehouseException.Kind.TIMEOUT, e.kind());
    }

    @Test
    void theTransactionIsReadOnly() throws Exception {
        QueryExecutor executor = new QueryExecutor(TestDatabase.demo(), Duration.ofSeconds(10));
        WarehouseException e = assertThrows(WarehouseException.class,
                () -> executor.execute(new CompiledSql("DELETE FROM owners", List.of()), List.of(), 10));
        assertEquals(WarehouseException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM owners")) {
            rs.next();
            assertTrue(rs.getLong(1) > 0, "nothing was deleted");
        }
    }

    @Test
    void anUnreachableWarehouseIsUnavailableNotAnError() {
        var cfg = new com.zaxxer.hikari.HikariConfig();
        cfg.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
        cfg.setInitializationFailTimeout(-1);
        cfg.setConnectionTimeout(500);
        try (var ds = new com.zaxxer.hikari.HikariDataSource(cfg)) {
            QueryService down = new QueryService(DemoEngine.catalog(), ds, PostgresDialect.INSTANCE, () -> LocalDate.of(2026, 6, 15),
                    100, Duration.ofSeconds(5));
            WarehouseException e = assertThrows(WarehouseException.class,
                    () -> down.run(QueryParser.parse("{\"metrics\": [\"customers.total_count\"]}"), QueryService.Options.DEFAULT));
            assertEquals(WarehouseException.Kind.UNAVAILABLE, e.kind());
        }
    }

    @Test
    void queriesAreLoggedInTheAppSchema() throws Exception {
        AppStore.migrate(TestDatabase.demo());
        var out = DemoEngine.queries().run(QueryParser.parse("{\"metrics\": [\"arr\"]}"), QueryService.Options.DEFAULT);
        new AuditLog(TestDatabase.demo(), DemoEngine.catalog()).queryOk("test", new io.clarion.governance.policy.Principal("tester",
                java.util.List.of(), java.util.Map.of()), out.compiled().query(), out.compiled().sql(), out.result());
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT source, principal, query->'metrics'->>0, sql_hash, outcome FROM clarion.audit_log "
                     + "WHERE kind = 'query' ORDER BY id DESC LIMIT 1")) {
            assertTrue(rs.next());
            assertEquals("test", rs.getString(1));
            assertEquals("arr", rs.getString(3));
            assertEquals(AuditLog.sha256(out.compiled().sql().sql()), rs.getString(4));
            assertEquals("ok", rs.getString(5));
        }
    }

    @Test
    void theTimeoutAndTheDialectSettingsGoInOneStatementAndHoldForTheQuery() {
        AtomicInteger sent = new AtomicInteger();
        QueryExecutor executor = new QueryExecutor(counting(TestDatabase.demo(), sent), Duration.ofSeconds(7),
                PostgresDialect.INSTANCE.queryTransactionSettings());
        QueryResult.Column text = new QueryResult.Column("v", "string", null);
        QueryResult r = executor.execute(new CompiledSql("SELECT current_setting('statement_timeout'), current_setting('jit'), "
                + "current_setting('transaction_read_only')", List.of()), List.of(text, text, text), 10);
        assertEquals(List.of("7s", "off", "on"), r.rows().get(0));
        assertEquals(2, sent.get(), "one execute for the settings, one for the query");
    }

    /**
     * A row count given to the driver travels with the execute message, and PostgreSQL then runs
     * the statement without parallel workers; the statement's own LIMIT bounds the rows instead,
     * and rows past the limit are still cut and flagged.
     */
    @Test
    void theStatementGoesWithoutARowCountAndTheLimitStillCuts() {
        java.util.List<String> calls = new java.util.ArrayList<>();
        DataSource recording = proxy(DataSource.class, TestDatabase.demo(), (target, m, args) -> {
            Object out = m.invoke(target, args);
            if (!m.getName().equals("getConnection")) return out;
            return proxy(Connection.class, out, (c, cm, cargs) -> {
                Object o = cm.invoke(c, cargs);
                if (o instanceof PreparedStatement ps) {
                    return proxy(PreparedStatement.class, ps, (st, sm, sargs) -> {
                        calls.add(sm.getName());
                        return sm.invoke(st, sargs);
                    });
                }
                return o;
            });
        });
        QueryExecutor executor = new QueryExecutor(recording, Duration.ofSeconds(10), PostgresDialect.INSTANCE.queryTransactionSettings());
        QueryResult.Column n = new QueryResult.Column("n", "number", null);
        QueryResult r = executor.execute(new CompiledSql("SELECT x FROM generate_series(1, 4) x ORDER BY x LIMIT 4", List.of()), List.of(n), 3);
        assertEquals(3, r.rows().size());
        assertTrue(r.truncated(), "a fourth row was there");
        assertTrue(calls.contains("executeQuery"), calls.toString());
        assertFalse(calls.contains("setMaxRows") || calls.contains("setFetchSize") || calls.contains("setLargeMaxRows"), calls.toString());
    }

    /** The data source with every statement execution counted (the driver's own objects underneath). */
    private static DataSource counting(DataSource ds, AtomicInteger sent) {
        return proxy(DataSource.class, ds, (target, m, args) -> {
            Object out = m.invoke(target, args);
            if (m.getName().equals("getConnection")) {
                return proxy(Connection.class, out, (c, cm, cargs) -> {
                    Object o = cm.invoke(c, cargs);
                    if (o instanceof PreparedStatement ps) {
                        return proxy(PreparedStatement.class, ps, (st, sm, sargs) -> countExecute(sent, st, sm, sargs));
                    }
                    if (o instanceof Statement st0) return proxy(Statement.class, st0, (st, sm, sargs) -> countExecute(sent, st, sm, sargs));
                    return o;
                });
            }
            return out;
        });
    }

    private static Object countExecute(AtomicInteger sent, Object target, Method m, Object[] args) throws Exception {
        if (m.getName().startsWith("execute")) sent.incrementAndGet();
        return m.invoke(target, args);
    }

    private interface Call {
        Object call(Object target, Method m, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, args) -> {
            try {
                return call.call(target, m, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
