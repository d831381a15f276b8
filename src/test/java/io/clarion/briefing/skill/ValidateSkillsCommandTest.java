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

/**
 * {@code clarion validate} checks the skills too: every error printed, a non-zero exit. A skill
 * written for another catalog (it names only members this one lacks) is switched off with one
 * unbound_members line and does not fail a valid catalog; a near miss of a member is a typo.
 */
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

    static final Path CHINOOK = SkillLoaderTest.PROJECT.resolve("src/test/resources/catalogs/chinook");

    /** A risk skill for a subscription warehouse: none of its members is in Chinook, nor near one. */
    static final String SUBSCRIPTIONS = """
            name: lapsing-subscriptions
            description: Subscribers whose plan lapses soon.
            accounts:
              key: subscribers.subscriber_ref
              name: subscribers.display_label
              mrr: subscribers.monthly_fee
              query:
                metrics: [subscribers.monthly_fee]
                dimensions: [subscribers.subscriber_ref, subscribers.display_label, subscribers.manager_ref]
            signals:
              - name: lapsing
                label: Plan lapses within a month
                points: 3
                evidence: [subscribers.lapse_date]
                query:
                  metrics: [subscribers.headcount]
                  dimensions: [subscribers.subscriber_ref, subscribers.lapse_date]
            audience:
              group_by: subscribers.manager_ref
              recipient: {key: managers.manager_ref, name: managers.label, email: managers.mailbox}
            schedule: {cron: "0 0 6 ? * TUE", timezone: UTC, misfire: skip}
            channels: [email]
            templates: {email_html: retention-risk.email.html, email_text: retention-risk.email.txt, slack: retention-risk.slack.json}
            """;

    @Test
    void onChinookTheShippedSkillsAreSwitchedOffOnceEachAndTheCatalogValidates(@TempDir Path dir) throws IOException {
        Path skills = Files.createDirectories(dir.resolve("skills"));
        try (var files = Files.list(SkillLoaderTest.PROJECT.resolve("skills"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yml")).toList()) Files.copy(p, skills.resolve(p.getFileName()));
        }
        Files.writeString(skills.resolve("lapsing.yml"), SUBSCRIPTIONS);
        Run r = validate(CHINOOK.toString(), "--offline", "--skills", skills.toString(),
                "--templates", SkillLoaderTest.PROJECT.resolve("briefings").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("- valid"), r.out());
        assertFalse(r.err().contains("error"), "no skill problem is an error here: " + r.err());
        java.util.List<String> off = r.out().lines().filter(l -> l.contains("switched off: ")).toList();
        System.out.println(String.join("\n", off));
        assertEquals(off.size(), off.stream().map(l -> l.replaceAll(".*?(skills/[^:]+):.*", "$1")).distinct().count(), "one line per skill: " + off);
        String lapsing = off.stream().filter(l -> l.contains("lapsing.yml")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(lapsing.matches(".*skills/lapsing\\.yml:\\d+:\\d+: 9 members it names are not in this catalog.*\\[unbound_members]"),
                lapsing);
        for (String member : new String[]{"subscribers.subscriber_ref", "subscribers.monthly_fee", "subscribers.lapse_date",
                "managers.mailbox"}) {
            assertTrue(lapsing.contains(member), member + " is named: " + lapsing);
        }
        assertTrue(r.out().contains("switched off for this catalog"), r.out());
    }

    @Test
    void aMemberNameTwoEditsFromOneTheCatalogHasIsATypoAndFails(@TempDir Path dir) throws IOException {
        Path skills = Files.createDirectories(dir.resolve("skills"));
        // customer.countyr is one transposition from Chinook's customer.country: a typo, not another catalog's member.
        String typo = SUBSCRIPTIONS.replace("dimensions: [subscribers.subscriber_ref, subscribers.lapse_date]",
                "dimensions: [subscribers.subscriber_ref, customer.countyr]");
        Files.writeString(skills.resolve("lapsing.yml"), typo);
        Run r = validate(CHINOOK.toString(), "--offline", "--skills", skills.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("unknown dimension \"customer.countyr\" (did you mean customer.country"), r.err());
        assertFalse(r.out().contains("switched off: skills/lapsing.yml"), "a typo is not switched off quietly: " + r.out());
    }
}
