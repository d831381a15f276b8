package io.clarion.briefing.skill;

import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.Location;
import io.clarion.briefing.skill.Skill.Kind;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Grain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Skills load against the shipped catalog; every kind of mistake is reported where it was written. */
class SkillLoaderTest {
    static final Path PROJECT = Path.of(System.getProperty("clarion.project.dir", "."));
    static final Catalog CATALOG = CatalogLoader.load(PROJECT.resolve("semantic")).catalog();
    static final String FILE = "skills/test.yml";

    /** A small valid risk briefing; tests break one thing in it at a time. */
    static final String VALID = """
            name: test-risk
            description: A test briefing.
            parameters:
              health_below: {value: 60, description: Health threshold.}
            accounts:
              key: customer_health.customer_id
              name: customers.customer_name
              mrr: customer_health.current_mrr
              query:
                metrics: [customer_health.current_mrr]
                dimensions: [customer_health.customer_id, customers.customer_name, customers.owner_id]
            signals:
              - name: low_health
                label: Health under ${health_below}
                points: 2
                evidence: [customer_health.health_score]
                query:
                  metrics: [customer_health.customer_count]
                  dimensions: [customer_health.customer_id, customer_health.health_score]
                  filters:
                    - {dimension: customer_health.health_score, operator: lt, value: "${health_below}"}
            audience:
              group_by: customers.owner_id
              recipient: {key: owners.owner_id, name: owners.name, email: owners.email, slack_user_id: owners.slack_user_id}
            schedule: {cron: "0 0 7 ? * MON", timezone: Europe/Paris, misfire: skip}
            channels: [email, slack]
            templates: {email_html: risk.html, email_text: risk.txt, slack: risk.json}
            """;

    static SkillLoader.LoadResult load(String yaml) {
        return load(yaml, null, CATALOG);
    }

    static SkillLoader.LoadResult load(String yaml, Path templates, Catalog catalog) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(FILE, yaml);
        return SkillLoader.loadStrings(files, templates, catalog);
    }

    /** The single error of this code; fails with the whole report otherwise. */
    static Location at(Issue i) {
        return (Location) i.where();
    }

    static Issue only(SkillLoader.LoadResult r, String code) {
        List<Issue> e = r.errors().stream().filter(x -> x.key().equals(code)).toList();
        assertEquals(1, e.size(), "expected one " + code + " in:\n" + r.report());
        return e.get(0);
    }

    static String position(String text, String needle) {
        return io.clarion.testing.TextPositions.position(text, needle);
    }

    static void assertAt(Issue e, String text, String needle) {
        assertEquals(FILE + ":" + position(text, needle), e.where().toString(), e.toString());
    }

    @Test
    void theShippedSkillsLoadAgainstTheShippedCatalog() {
        SkillLoader.LoadResult r = SkillLoader.load(PROJECT.resolve("skills"), CATALOG);
        assertTrue(r.ok(), r.report());
        assertEquals(List.of("customer-360-profile", "weekly-retention-risk", "what-changed"),
                r.skills().stream().map(Skill::name).sorted().toList());

        Skill risk = r.skill("weekly-retention-risk").orElseThrow();
        assertEquals(Kind.RISK_BRIEFING, risk.kind());
        assertEquals(6, risk.signals().size());
        assertEquals("customer_health.customer_id", risk.accounts().key());
        assertEquals("0 0 7 ? * MON", risk.schedule().cron());
        assertEquals(Skill.Misfire.FIRE_ONCE_NOW, risk.schedule().misfire());
        assertEquals(ZoneId.of("UTC"), risk.schedule().timezone());
        assertEquals(List.of(Skill.Channel.EMAIL, Skill.Channel.SLACK), List.copyOf(risk.channels()));
        assertEquals("retention-risk.slack.json", risk.templates().slack());
        assertEquals("owners.slack_user_id", risk.audience().recipient().slackUserId());
        // Evidence on a time dimension is read from the column that carries its grain.
        assertEquals("customers.contract_end_date.day",
                risk.signal("contract_ending").column("customers.contract_end_date").orElseThrow());

        Skill changed = r.skill("what-changed").orElseThrow();
        assertEquals(Kind.WHAT_CHANGED, changed.kind());
        var spec = changed.whatChangedSpec().orElseThrow();
        assertEquals(Grain.MONTH, spec.grain());
        assertEquals(6, spec.history());
        assertEquals(2.0, spec.unusualZ());
        assertEquals(0.6, spec.concentrationShare());
        assertEquals(3, spec.topN());
        assertEquals(List.of("customers.new_customer_count", "customers.churned_count", "mrr", "net_promoter_score",
                "support_tickets.ticket_count"), spec.metrics().stream().map(m -> m.member()).toList());

        Skill profile = r.skill("customer-360-profile").orElseThrow();
        assertEquals(Kind.PROFILE, profile.kind());
        assertEquals(List.of("customer_id"), profile.missingParameters());
        assertEquals(List.of("identity", "revenue", "engagement", "support", "nps", "health"),
                profile.profile().stream().map(Skill.ProfileSection::name).toList());
    }

    @Test
    void theSmallSkillIsValid() {
        SkillLoader.LoadResult r = load(VALID);
        assertTrue(r.ok(), r.report());
        Skill s = r.skills().get(0);
        assertEquals(ZoneId.of("Europe/Paris"), s.schedule().timezone());
        assertEquals(Skill.Misfire.SKIP, s.schedule().misfire());
    }

    @Test
    void anUnknownMemberInAQueryIsReportedWhereItIsWritten() {
        String yaml = VALID.replace("dimensions: [customer_health.customer_id, customer_health.health_score]",
                "dimensions: [customer_health.customer_id, custmer_health.health_score]");
        SkillLoader.LoadResult r = load(yaml);
        Issue e = only(r, "unknown_member");
        assertAt(e, yaml, "custmer_health.health_score");
        assertTrue(e.message().startsWith("signal low_health: "), e.message());
        assertTrue(e.message().contains("custmer_health.health_score"), e.message());
        assertEquals("customer_health.health_score", e.suggestions().get(0));
        assertTrue(r.skills().isEmpty(), "a skill with errors is not loaded");
    }

    @Test
    void anUnknownMemberInAFilterPointsAtTheFilter() {
        String yaml = VALID.replace("{dimension: customer_health.health_score, operator: lt",
                "{dimension: customer_health.helth_score, operator: lt");
        Issue e = only(load(yaml), "unknown_member");
        assertAt(e, yaml, "customer_health.helth_score");
        assertTrue(e.suggestions().contains("customer_health.health_score"), e.suggestions().toString());
    }

    @Test
    void anUnknownParameterReferenceIsReportedWithTheNearestName() {
        String yaml = VALID.replace("value: \"${health_below}\"", "value: \"${helth_below}\"");
        SkillLoader.LoadResult r = load(yaml);
        Issue e = only(r, "unknown_parameter");
        assertAt(e, yaml, "\"${helth_below}\"");
        assertEquals("unknown parameter ${helth_below}", e.message());
        assertEquals(List.of("health_below"), e.suggestions());
        assertTrue(e.toString().endsWith("(did you mean health_below?)"), e.toString());
        // The filter that cannot read the value is not reported again.
        assertEquals(1, r.errors().size(), r.report());
    }

    @Test
    void anInvalidCronIsReported() {
        String yaml = VALID.replace("\"0 0 7 ? * MON\"", "\"0 0 7 * * MONDAY\"");
        Issue e = only(load(yaml), "invalid_cron");
        assertAt(e, yaml, "\"0 0 7 * * MONDAY\"");
        assertTrue(e.message().contains("not a valid Quartz cron expression"), e.message());
    }

    @Test
    void theShippedRetentionModelIsRetrainedOnSundayNightsAndABadRetrainCronIsReportedWhereItIsWritten() throws IOException {
        Skill risk = SkillLoader.load(PROJECT.resolve("skills"), CATALOG).skill("weekly-retention-risk").orElseThrow();
        assertEquals("0 0 2 ? * SUN", risk.model().retrain());
        String shipped = Files.readString(PROJECT.resolve("skills/weekly-retention-risk.yml"));
        assertTrue(shipped.contains("retrain: \"0 0 2 ? * SUN\""));
        String yaml = shipped.replace("retrain: \"0 0 2 ? * SUN\"", "retrain: \"0 0 2 * * SUN\"");
        SkillLoader.LoadResult r = load(yaml);
        Issue e = only(r, "invalid_cron");
        assertAt(e, yaml, "\"0 0 2 * * SUN\"");
        assertTrue(e.message().contains("not a valid Quartz cron expression"), e.message());
        // Only the schedule is refused: nothing else in the model section is reported.
        assertEquals(1, r.errors().size(), r.report());
        // A model without retrain: is trained on demand only.
        Skill onDemand = load(shipped.replace("  retrain: \"0 0 2 ? * SUN\"\n", "")).skill("weekly-retention-risk").orElseThrow();
        assertEquals(null, onDemand.model().retrain());
        assertNotNull(onDemand.model().label());
    }

    @Test
    void anUnknownTimezoneSuggestsTheZone() {
        String yaml = VALID.replace("timezone: Europe/Paris", "timezone: Europe/Pari");
        Issue e = only(load(yaml), "invalid_timezone");
        assertAt(e, yaml, "Europe/Pari");
        assertTrue(e.suggestions().contains("Europe/Paris"), e.suggestions().toString());
    }

    @Test
    void unknownKeysAreReportedAtEveryLevel() {
        String yaml = VALID.replace("signals:", "singals:");
        SkillLoader.LoadResult r = load(yaml);
        Issue top = r.errors().stream().filter(x -> x.key().equals("unknown_key")).findFirst().orElseThrow(() -> new AssertionError(r.report()));
        assertAt(top, yaml, "singals:");
        assertEquals(List.of("signals"), top.suggestions());

        String nested = VALID.replace("    points: 2", "    pionts: 2");
        Issue inSignal = only(load(nested), "unknown_key");
        assertAt(inSignal, nested, "pionts");
        assertEquals(List.of("points"), inSignal.suggestions());

        // Query keys are checked by the query parser; its error still points into the YAML.
        String inQuery = VALID.replace("      filters:\n", "      filtres:\n");
        Issue q = only(load(inQuery), "unknown_key");
        assertAt(q, inQuery, "filtres");
        assertTrue(q.suggestions().contains("filters"), q.suggestions().toString());

        String recipient = VALID.replace("slack_user_id: owners.slack_user_id", "slack_userid: owners.slack_user_id");
        Issue inRecipient = only(load(recipient), "unknown_key");
        assertAt(inRecipient, recipient, "slack_userid");
        assertEquals(List.of("slack_user_id"), inRecipient.suggestions());
    }

    @Test
    void anUncertifiedMemberIsRefused(@TempDir Path dir) throws IOException {
        Path extra = dir.resolve("experiments.yml");
        Files.writeString(extra, """
                cubes:
                  - name: experiments
                    sql_table: experiments
                    certified: false
                    joins:
                      - name: customer_health
                        relationship: many_to_one
                        sql: "{CUBE}.customer_id = {customer_health}.customer_id"
                    measures:
                      - name: trial_count
                        type: count
                        sql: id
                    dimensions:
                      - name: id
                        type: string
                        sql: id
                        primary_key: true
                      - name: customer_id
                        type: string
                        sql: customer_id
                """);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(PROJECT.resolve("semantic"))) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
        files.add(extra);
        CatalogLoader.LoadResult catalog = CatalogLoader.load(files);
        assertTrue(catalog.ok(), catalog.report());
        assertFalse(catalog.catalog().measure("experiments.trial_count").orElseThrow().info().certified());

        String yaml = VALID.replace("metrics: [customer_health.customer_count]", "metrics: [experiments.trial_count]");
        Issue e = only(load(yaml, null, catalog.catalog()), "not_certified");
        assertAt(e, yaml, "experiments.trial_count");
        assertTrue(e.message().contains("experiments.trial_count is not certified"), e.message());
    }

    @Test
    void duplicateNamesAreReported() {
        String signal = VALID.substring(VALID.indexOf("  - name: low_health"), VALID.indexOf("audience:"));
        String twice = VALID.replace("audience:", signal + "audience:");
        Issue dupSignal = only(load(twice), "duplicate_name");
        int second = twice.indexOf("low_health", twice.indexOf("low_health") + 1);
        assertEquals(FILE + ":" + position(twice.substring(0, second) + "\u0000", "\u0000"), dupSignal.where().toString());
        assertTrue(dupSignal.message().contains("signal \"low_health\" is already declared at " + FILE + ":" + position(twice, "low_health")), dupSignal.message());

        String dupParam = VALID.replace("parameters:\n", "parameters:\n  health_below: {value: 50}\n");
        Issue p = only(load(dupParam), "duplicate_key");
        int again = dupParam.indexOf("health_below", dupParam.indexOf("health_below") + 1);
        assertEquals(FILE + ":" + position(dupParam.substring(0, again) + "\u0000", "\u0000"), p.where().toString());
        assertTrue(p.message().contains("health_below"), p.message());

        Map<String, String> files = new LinkedHashMap<>();
        files.put("skills/a.yml", VALID);
        files.put("skills/b.yml", VALID);
        SkillLoader.LoadResult r = SkillLoader.loadStrings(files, null, CATALOG);
        Issue dupSkill = only(r, "duplicate_name");
        assertEquals("skills/b.yml:" + position(VALID, "test-risk"), dupSkill.where().toString());
        assertTrue(dupSkill.message().contains("already declared at skills/a.yml:" + position(VALID, "test-risk")), dupSkill.message());
        assertEquals(1, r.skills().size());
    }

    @Test
    void missingRequiredKeysAreReported() {
        String noPoints = VALID.replace("    points: 2\n", "");
        Issue e = only(load(noPoints), "missing_field");
        assertAt(e, noPoints, "name: low_health");
        assertEquals("signal low_health needs points:", e.message());

        String noAudience = VALID.substring(0, VALID.indexOf("audience:")) + VALID.substring(VALID.indexOf("schedule:"));
        Issue a = only(load(noAudience), "missing_field");
        assertAt(a, noAudience, "name: test-risk");
        assertTrue(a.message().contains("audience"), a.message());
    }

    @Test
    void pointsMustBePositiveWholeNumbers() {
        String zero = VALID.replace("points: 2", "points: 0");
        Issue e = only(load(zero), "invalid_value");
        assertAt(e, zero, "0\n");
        assertTrue(e.message().contains("points must be a positive whole number"), e.message());
        assertFalse(load(VALID.replace("points: 2", "points: two")).ok());
        assertFalse(load(VALID.replace("points: 2", "points: 1.5")).ok());
    }

    @Test
    void evidenceMustBeAColumnOfItsSignalQuery() {
        String yaml = VALID.replace("evidence: [customer_health.health_score]", "evidence: [customer_health.health_scor]");
        Issue e = only(load(yaml), "invalid_value");
        assertAt(e, yaml, "customer_health.health_scor]");
        assertEquals(List.of("customer_health.health_score"), e.suggestions());
    }

    @Test
    void theAccountsKeyMustBeADimensionOfTheAccountsQuery() {
        String yaml = VALID.replace("key: customer_health.customer_id", "key: customers.customer_id");
        Issue e = only(load(yaml), "invalid_value");
        assertAt(e, yaml, "customers.customer_id");
        assertTrue(e.message().contains("is not a column of the accounts query"), e.message());
    }

    @Test
    void audienceMembersMustExist() {
        String yaml = VALID.replace("email: owners.email", "email: owners.emial");
        Issue e = only(load(yaml), "unknown_member");
        assertAt(e, yaml, "owners.emial");
        assertEquals("owners.email", e.suggestions().get(0));
    }

    @Test
    void channelsAreEmailOrSlack() {
        String yaml = VALID.replace("channels: [email, slack]", "channels: [email, slak]");
        Issue e = only(load(yaml), "invalid_value");
        assertAt(e, yaml, "slak");
        assertEquals(List.of("slack"), e.suggestions());
    }

    @Test
    void templatesMustExistInTheTemplatesFolder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("risk.html"), "<p>{name}</p>");
        Files.writeString(dir.resolve("risk.txt"), "{name}");
        Files.writeString(dir.resolve("risk.json"), "{}");
        assertTrue(load(VALID, dir, CATALOG).ok(), load(VALID, dir, CATALOG).report());

        Files.delete(dir.resolve("risk.json"));
        Files.writeString(dir.resolve("risk.jsn"), "{}");
        Issue e = only(load(VALID, dir, CATALOG), "missing_template");
        assertAt(e, VALID, "risk.json");
        assertEquals(List.of("risk.jsn"), e.suggestions());
    }

    @Test
    void aYamlSyntaxErrorHasItsLocation() {
        String yaml = VALID.replace("  key: customer_health.customer_id", "  key: [customer_health.customer_id");
        SkillLoader.LoadResult r = load(yaml);
        Issue e = only(r, "yaml_syntax");
        // The unclosed flow list is noticed at the next key's colon.
        assertAt(e, yaml, ": customers.customer_name");
        assertTrue(e.message().startsWith("YAML syntax error: while parsing a flow sequence"), e.message());
        assertTrue(r.skills().isEmpty());
    }

    @Test
    void aWhatChangedMetricIsCheckedWithItsBreakdowns() {
        String yaml = """
                name: changes
                kind: what_changed
                description: Test.
                what_changed:
                  grain: month
                  history: 6
                  unusual_z: 2.0
                  concentration_share: 0.6
                  top: 3
                  metrics:
                    - member: customers.new_customer_count
                      time_dimension: customers.created_date
                      breakdowns: [customers.segmnt, customers.region]
                """;
        Issue e = only(load(yaml), "unknown_member");
        assertAt(e, yaml, "customers.segmnt");
        assertEquals("customers.segment", e.suggestions().get(0));
        assertTrue(load(yaml.replace("segmnt", "segment")).ok());
        // A metric measured per period is cut on metric_time.
        String churn = yaml.replace("customers.new_customer_count", "monthly_churn_rate")
                .replace("time_dimension: customers.created_date", "time_dimension: metric_time").replace("segmnt", "segment");
        SkillLoader.LoadResult ok = load(churn);
        assertTrue(ok.ok(), ok.report());
        assertEquals("metric_time", ok.skills().get(0).whatChanged().metrics().get(0).timeDimension());
        Issue grain = only(load(yaml.replace("grain: month", "grain: mnth").replace("segmnt", "segment")), "invalid_value");
        assertEquals(List.of("month"), grain.suggestions());
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        String yaml = VALID.replace("signals:", "singals:").replace("\"0 0 7 ? * MON\"", "\"bad\"")
                .replace("email: owners.email", "email: owners.emial")
                .replace("metrics: [customer_health.current_mrr]", "metrics: [customer_health.curent_mrr]");
        SkillLoader.LoadResult r = load(yaml);
        for (String code : List.of("unknown_key", "invalid_cron", "unknown_member")) {
            assertTrue(r.errors().stream().anyMatch(x -> x.key().equals(code)), code + " missing:\n" + r.report());
        }
        assertTrue(r.report().contains("customer_health.current_mrr"), r.report());
        assertTrue(r.report().contains("owners.email"), r.report());
        assertNotNull(at(r.errors().get(0)));
    }
}
