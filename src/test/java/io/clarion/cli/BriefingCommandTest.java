package io.clarion.cli;

import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `clarion briefing run|backtest` on the demo data set (no SMTP or Slack configured: dry runs and backtests only). */
class BriefingCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run clarion(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ClarionCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--jdbc-url";
        all[args.length + 1] = TestDatabase.demoJdbcUrl();
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aDryRunPrintsEachOwnersBriefingAndStoresNothing() throws Exception {
        int before = stored();
        Run r = clarion("briefing", "run", "weekly-retention-risk", "--dry-run", "--as-of", "2026-06-15");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("weekly-retention-risk, cycle 2026-06-15 (dry run): "), r.out());
        assertTrue(r.out().contains("own_001"), r.out());
        assertTrue(r.err().contains("… scoring accounts as of 2026-06-15 on 6 signals"), "stages go to stderr: " + r.err());
        assertTrue(r.err().contains("… signal low_health: "), r.err());
        assertTrue(r.out().contains("note: email is not configured (clarion.mail.host): briefings are stored, not emailed"), r.out());
        assertEquals(before, stored(), "a dry run stores nothing");
    }

    static int stored() throws Exception {
        try (Connection c = TestDatabase.demo().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM clarion.briefing")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theBacktestPrintsAWeekPerLineAndTheTotal() {
        Run r = clarion("briefing", "backtest", "--weeks", "2");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("… week 1 of 2 (as of "), "each week's stages go to stderr: " + r.err());
        assertTrue(r.err().contains("… week 2 of 2 (as of "), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[1].startsWith("2026-03-10"), "the latest date is 90 days before the data set's as-of, 2026-06-15: " + r.out());
        assertTrue(lines[2].startsWith("2026-03-17"), r.out());
        assertTrue(lines[3].startsWith("all weeks"), r.out());
    }

    @Test
    void anUnknownSkillOrBadWeeksIsOnePlainLine() {
        Run r = clarion("briefing", "run", "weekly-retention", "--dry-run");
        assertEquals(1, r.exit());
        assertEquals("clarion: no briefing skill weekly-retention (known: weekly-retention-risk)", r.err().strip());
        Run w = clarion("briefing", "backtest", "--weeks", "0");
        assertEquals(1, w.exit());
        assertEquals("clarion: --weeks must be between 1 and 104, got 0", w.err().strip());
    }
}
