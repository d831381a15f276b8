package io.clarion.api;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.clarion.briefing.Briefings;
import io.clarion.cli.ClarionCommand;
import io.clarion.demo.Progress;
import io.clarion.engine.Engine;
import io.clarion.governance.policy.Principal;
import io.clarion.testing.TestDatabase;
import io.clarion.warehouse.WarehouseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A briefing run, its deliveries and its audit row are one transaction: when the app store refuses
 * the run's audit row (here a trigger refuses the rows of one cycle), the run fails (503 from the
 * API, exit code 2 from the command line) and leaves no briefing, account or delivery behind; any
 * other cycle stores all three.
 */
class BriefingAuditTest {
    static final String SKILL = "weekly-retention-risk";
    static final LocalDate REFUSED = LocalDate.of(2026, 6, 8);
    static final LocalDate AUDITED = LocalDate.of(2026, 6, 15);
    static final String REFUSE = """
            CREATE OR REPLACE FUNCTION clarion.refuse_briefing_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.kind = 'briefing_run' AND NEW.subject LIKE '%2026-06-08%' THEN
                RAISE EXCEPTION 'the audit store refuses this row';
              END IF;
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS refuse_briefing_audit ON clarion.audit_log;
            CREATE TRIGGER refuse_briefing_audit BEFORE INSERT ON clarion.audit_log
              FOR EACH ROW EXECUTE FUNCTION clarion.refuse_briefing_audit();
            """;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
    static Engine engine;
    static Briefings briefings;
    static DataSource store;

    @BeforeAll
    static void start() throws SQLException {
        store = TestDatabase.freshDatabase("briefing_audit");
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl());
        c.put("clarion.store.jdbc-url", TestDatabase.jdbcUrl("briefing_audit"));
        c.put("clarion.demo.load", "false");
        c.put("clarion.mail.host", "localhost");
        c.put("clarion.mail.port", String.valueOf(SMTP.getSmtp().getPort()));
        c.put("clarion.mail.from", "briefings@clarion.test");
        c.put("clarion.public-url", "https://clarion.test");
        engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
        briefings = Briefings.assemble(engine, k -> Optional.ofNullable(c.get(k)));
        try (Connection conn = store.getConnection(); Statement s = conn.createStatement()) {
            s.execute(REFUSE);
        }
    }

    @AfterAll
    static void stop() {
        if (briefings != null) briefings.close();
        if (engine != null) engine.close();
    }

    @Test
    void aRunWhoseAuditRowCannotBeWrittenFailsAndStoresNothing() throws SQLException {
        BriefingResource api = new BriefingResource();
        api.briefings = briefings;
        api.store = briefings.store();
        api.feedback = briefings.feedback();
        api.caller = Caller.of(engine.queries().access(new Principal("ops-admin", List.of("admin"), Map.of())));
        WarehouseException e = assertThrows(WarehouseException.class, () -> api.run(SKILL, "false", REFUSED.toString()));
        assertEquals(503, new ErrorMappers().warehouse(e).getStatus(), e.getMessage());
        assertTrue(e.getMessage().contains("audit log could not be written"), e.getMessage());
        assertEquals(0, count("SELECT count(*) FROM clarion.briefing WHERE cycle = '2026-06-08'"));
        assertEquals(0, count("SELECT count(*) FROM clarion.briefing_account a JOIN clarion.briefing b ON b.id = a.briefing_id "
                + "WHERE b.cycle = '2026-06-08'"));
        assertEquals(0, count("SELECT count(*) FROM clarion.briefing_delivery d JOIN clarion.briefing b ON b.id = d.briefing_id "
                + "WHERE b.cycle = '2026-06-08'"));
        assertEquals(0, count("SELECT count(*) FROM clarion.audit_log WHERE kind = 'briefing_run' AND subject LIKE '%2026-06-08%'"));

        // The command line fails the same way: exit code 2 (not 3, the warehouse is up), nothing stored.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ClarionCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("briefing", "run", SKILL, "--as-of", REFUSED.toString(), "--jdbc-url", TestDatabase.demoJdbcUrl(),
                "--store-jdbc-url", TestDatabase.jdbcUrl("briefing_audit"));
        assertEquals(2, exit, out + "\n" + err);
        assertEquals(0, count("SELECT count(*) FROM clarion.briefing WHERE cycle = '2026-06-08'"));
    }

    @Test
    void aRunStoresItsBriefingsDeliveriesAndAuditRowTogether() throws SQLException {
        Briefings.Outcome o = briefings.run(SKILL, AUDITED, false);
        int built = o.report().built();
        assertTrue(built > 10, "the demo data set flags accounts for many owners: " + built);
        assertEquals(built, count("SELECT count(*) FROM clarion.briefing WHERE cycle = '2026-06-15'"));
        assertTrue(count("SELECT count(*) FROM clarion.briefing_account a JOIN clarion.briefing b ON b.id = a.briefing_id "
                + "WHERE b.cycle = '2026-06-15'") >= built);
        assertEquals(built, count("SELECT count(*) FROM clarion.briefing_delivery d JOIN clarion.briefing b ON b.id = d.briefing_id "
                + "WHERE b.cycle = '2026-06-15' AND d.channel = 'email'"), "one email delivery per briefing");
        assertEquals(1, count("SELECT count(*) FROM clarion.audit_log WHERE kind = 'briefing_run' AND outcome = 'ok' "
                + "AND subject = 'weekly-retention-risk 2026-06-15' AND message LIKE '" + o.report().briefings().size() + " owner briefings%'"));
    }

    static int count(String sql) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
