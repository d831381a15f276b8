package io.clarion.cli;

import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `clarion model train|evaluate|status` on the small generated demo the churn model tests use. */
class ModelCommandTest {
    /** The shipped skills with fewer, sparser origins for the retention model: the same features and label, a fast test. */
    static synchronized Path skills() {
        try {
            if (skills == null) {
                Path dir = Files.createTempDirectory("model-skills");
                Path project = io.clarion.testing.DemoEngine.projectDir();
                String y = Files.readString(project.resolve("skills/weekly-retention-risk.yml"));
                assertTrue(y.matches("(?s).*\n  origins: \\d+\n.*"), "origins");
                y = y.replaceFirst("\n  origins: \\d+\n", "\n  origins: 4\n");
                for (String[] r : new String[][]{{"origin_step_days: 14", "origin_step_days: 28"},
                        {"validation_origins: 3", "validation_origins: 1"}}) {
                    assertTrue(y.contains("  " + r[0] + "\n"), r[0]);
                    y = y.replace("  " + r[0] + "\n", "  " + r[1] + "\n");
                }
                Files.writeString(dir.resolve("weekly-retention-risk.yml"), y);
                skills = dir;
            }
            return skills;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path skills;

    static BriefingCommandTest.Run clarion(String... args) {
        io.clarion.briefing.ChurnModelTest.smallDemoLoaded();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ClarionCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String url = TestDatabase.jdbcUrl(io.clarion.briefing.ChurnModelTest.DB);
        String[] all = new String[args.length + 8];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--jdbc-url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--store-jdbc-url";
        all[args.length + 3] = url;
        all[args.length + 4] = "--skills";
        all[args.length + 5] = skills().toString();
        all[args.length + 6] = "--templates";
        all[args.length + 7] = io.clarion.testing.DemoEngine.projectDir().resolve("briefings").toString();
        int exit = cl.execute(all);
        return new BriefingCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void trainStoresANewVersionThatStatusListsAndEvaluateMeasuresBesideTheRules() {
        BriefingCommandTest.Run train = clarion("model", "train", "weekly-retention-risk");
        assertEquals(0, train.exit(), train.out() + train.err());
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("stored churn model v(\\d+) \\(validation PR-AUC").matcher(train.out());
        assertTrue(v.find(), train.out());
        assertTrue(train.out().contains("trained on origins "), train.out());
        assertTrue(train.err().contains("… features as of "), "stages go to stderr: " + train.err());

        BriefingCommandTest.Run status = clarion("model", "status");
        assertEquals(0, status.exit(), status.out() + status.err());
        assertTrue(status.out().contains("  v" + v.group(1) + " "), status.out());
        // Each version shows the promotion gate's result: its PR-AUC on the validation rows and what it was measured against.
        assertTrue(status.out().contains("promoted: PR-AUC ") && status.out().contains(" the base rate "), status.out());

        BriefingCommandTest.Run eval = clarion("model", "evaluate", "weekly-retention-risk", "--weeks", "1");
        assertEquals(0, eval.exit(), eval.out() + eval.err());
        assertTrue(eval.out().contains("churn model v" + v.group(1)), eval.out());
        assertTrue(eval.out().lines().anyMatch(l -> l.startsWith("rules ")), eval.out());
        assertTrue(eval.out().lines().anyMatch(l -> l.startsWith("model ")), eval.out());
    }

    @Test
    void anUnknownSkillOrBadWeeksIsOnePlainLine() {
        BriefingCommandTest.Run r = clarion("model", "train", "no-such-skill");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("clarion: ") && r.err().contains("no-such-skill") && !r.err().contains("Exception"), r.err());
        BriefingCommandTest.Run w = clarion("model", "evaluate", "--weeks", "0");
        assertEquals(1, w.exit());
        assertEquals("clarion: --weeks must be between 1 and 52, got 0", w.err().strip());
    }
}
