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
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--jdbc-url";
        all[args.length + 1] = TestDatabase.demoJdbcUrl();
        all[args.length + 2] = "--store-jdbc-url";
        all[args.length + 3] = TestDatabase.demoJdbcUrl();
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

    @Test
    void aDryRunRendersOneOwnersEmailTextAndSlackMessage() throws Exception {
        int before = stored();
        Run html = clarion("briefing", "run", "--dry-run", "--owner", "own_001", "--render", "html", "--as-of", "2026-06-15");
        assertEquals(0, html.exit(), html.out() + html.err());
        assertTrue(html.out().strip().startsWith("<") && html.out().contains("</html>"), html.out());
        assertTrue(html.out().contains("/feedback/"), "the email carries its feedback links: " + html.out());
        // Other tests may have stored this cycle already: then the links lead to it, else the note says they lead nowhere yet.
        assertEquals(!storedFor("own_001", "2026-06-15"), html.err().contains("note: this cycle is not stored yet"), html.err());
        Run text = clarion("briefing", "run", "weekly-retention-risk", "--dry-run", "--owner", "own_001", "--render", "text", "--as-of", "2026-06-15");
        assertEquals(0, text.exit(), text.out() + text.err());
        assertTrue(text.out().contains("Retention risk") || text.out().contains("MRR"), text.out());
        assertTrue(!text.out().contains("<html"), text.out());
        Run slack = clarion("briefing", "run", "--dry-run", "--owner", "own_001", "--render", "slack", "--as-of", "2026-06-15");
        assertEquals(0, slack.exit(), slack.out() + slack.err());
        assertTrue(slack.out().strip().startsWith("[") || slack.out().strip().startsWith("{"), "Slack blocks are JSON: " + slack.out());
        assertEquals(before, stored(), "rendering a dry run stores nothing");
    }

    @Test
    void renderNeedsADryRunAnOwnerAndAKnownFormat() {
        Run noDry = clarion("briefing", "run", "--owner", "own_001", "--render", "html");
        assertEquals(1, noDry.exit());
        assertTrue(noDry.err().contains("--render and --owner go together, with --dry-run"), noDry.err());
        Run format = clarion("briefing", "run", "--dry-run", "--owner", "own_001", "--render", "pdf");
        assertEquals(1, format.exit());
        assertEquals("clarion: render is one of html, text, slack; got \"pdf\"", format.err().strip());
        Run owner = clarion("briefing", "run", "--dry-run", "--owner", "own_999", "--render", "text", "--as-of", "2026-06-15");
        assertEquals(1, owner.exit());
        assertTrue(owner.err().contains("owner own_999 has no briefing in the 2026-06-15 cycle"), owner.err());
    }

    static boolean storedFor(String owner, String cycle) throws Exception {
        try (Connection c = TestDatabase.demo().getConnection();
             var s = c.prepareStatement("SELECT count(*) FROM clarion.briefing WHERE skill = 'weekly-retention-risk' AND owner_id = ? AND cycle = ?")) {
            s.setString(1, owner);
            s.setObject(2, java.time.LocalDate.parse(cycle));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
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
