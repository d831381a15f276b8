package io.clarion.briefing.skill;

import io.clarion.cli.ClarionCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clarion validate} checks the skills too: every error printed, a non-zero exit. */
class ValidateSkillsCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run validate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ClarionCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aBrokenSkillsFolderPrintsEveryErrorAndFails(@TempDir Path dir) throws IOException {
        Path skills = Files.createDirectories(dir.resolve("skills"));
        Path templates = Files.createDirectories(dir.resolve("briefings"));
        for (String t : new String[]{"risk.html", "risk.txt", "risk.json"}) Files.writeString(templates.resolve(t), "x");
        String broken = SkillLoaderTest.VALID
                .replace("dimensions: [customer_health.customer_id, customers.customer_name, customers.owner_id]",
                        "dimensions: [custmer_health.customer_id, customers.customer_name, customers.owner_id]")
                .replace("value: \"${health_below}\"", "value: \"${helth_below}\"");
        Files.writeString(skills.resolve("risk.yml"), broken);

        Run r = validate(SkillLoaderTest.PROJECT.resolve("semantic").toString(), "--skills", skills.toString(),
                "--templates", templates.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("- valid"), "the catalog itself is valid: " + r.out());
        String member = "skills/risk.yml:" + SkillLoaderTest.position(broken, "custmer_health.customer_id");
        assertTrue(r.err().contains(member + ": accounts: unknown dimension \"custmer_health.customer_id\""
                + " (did you mean customer_health.customer_id"), r.err());
        String param = "skills/risk.yml:" + SkillLoaderTest.position(broken, "\"${helth_below}\"");
        assertTrue(r.err().contains(param + ": unknown parameter ${helth_below} (did you mean health_below?)"), r.err());
        assertTrue(r.err().contains(skills + ": 3 errors"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void theShippedSkillsAreValid(@TempDir Path dir) throws IOException {
        // The templates the weekly briefing names; their content is the renderer's business.
        for (String t : new String[]{"retention-risk.email.html", "retention-risk.email.txt", "retention-risk.slack.json"}) {
            Files.writeString(dir.resolve(t), "x");
        }
        Run r = validate(SkillLoaderTest.PROJECT.resolve("semantic").toString(),
                "--skills", SkillLoaderTest.PROJECT.resolve("skills").toString(), "--templates", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("3 skills (customer-360-profile, weekly-retention-risk, what-changed) - valid"), r.out());

        Files.delete(dir.resolve("retention-risk.slack.json"));
        Run missing = validate(SkillLoaderTest.PROJECT.resolve("semantic").toString(),
                "--skills", SkillLoaderTest.PROJECT.resolve("skills").toString(), "--templates", dir.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("template retention-risk.slack.json not found"), missing.err());
    }
}
