package io.clarion.briefing.skill;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A skill's {@code binding:} against a catalog it was not written for (Chinook, whose roles are
 * declared in its own names): bound roles become that catalog's members; an unknown role, a
 * {@code ${role.x}} the binding does not list, and a role the catalog lacks are each one issue at the
 * skill's file:line:column that says what is wrong and how to mend it, and only that skill is off.
 */
class SkillBindingTest {
    static Catalog chinook;

    @BeforeAll
    static void load() {
        CatalogLoader.LoadResult r = CatalogLoader.load(DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook"));
        assertTrue(r.ok(), r.report());
        chinook = r.catalog();
    }

    static final String PROFILE = """
            name: card
            kind: profile
            description: One customer.
            binding: [customer_id, customer_name, owner_name]
            parameters:
              customer_id: {value: null, description: The customer.}
            profile:
              - name: identity
                label: Identity
                query:
                  dimensions: ["${role.customer_id}", "${role.customer_name}", "${role.owner_name}"]
                  filters:
                    - {dimension: "${role.customer_id}", operator: equals, value: "${customer_id}"}
            """;

    static SkillLoader.LoadResult load(Map<String, String> files) {
        return SkillLoader.loadStrings(files, null, chinook);
    }

    static Map<String, String> files(String... nameAndText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) m.put(nameAndText[i], nameAndText[i + 1]);
        return m;
    }

    @Test
    void boundRolesBecomeTheCatalogsOwnMembers() {
        SkillLoader.LoadResult r = load(files("skills/card.yml", PROFILE));
        assertEquals(List.of(), r.errors().stream().map(IssueRenderer::text).toList());
        Skill card = r.skills().get(0);
        assertEquals(List.of("customer.customer_id", "customer.full_name", "employee.full_name"),
                card.profile().get(0).query().dimensions());
    }

    @Test
    void aRoleTheCatalogLacksSwitchesTheSkillOffSayingWhichAndHow() {
        String needsSlack = PROFILE.replace("name: card", "name: card-slack").replace("owner_name]", "owner_name, owner_slack]");
        SkillLoader.LoadResult r = load(files("skills/card.yml", PROFILE, "skills/card-slack.yml", needsSlack));
        assertEquals(List.of("card"), r.skills().stream().map(Skill::name).toList(), "the other skill still loads");
        assertEquals(1, r.disabled().size());
        SkillLoader.Disabled off = r.disabled().get(0);
        assertEquals("card-slack", off.name());
        assertEquals(1, off.issues().size(), "reported once, not once per query: " + off.issues());
        Issue i = off.issues().get(0);
        assertEquals(SkillCode.UNBOUND_ROLE, i.code());
        assertTrue(off.reason().startsWith("skills/card-slack.yml:4:"), "at the binding line: " + off.reason());
        assertTrue(i.message().contains("owner_slack") && i.message().contains("Slack user id"), i.message());
        assertTrue(i.message().contains("meta: {role: owner_slack}"), "says how to declare it: " + i.message());
    }

    @Test
    void anUnknownRoleNameHasADidYouMean() {
        String typo = PROFILE.replace("binding: [customer_id,", "binding: [custmer_id, customer_id,");
        SkillLoader.LoadResult r = load(files("skills/card.yml", typo));
        assertTrue(r.skills().isEmpty());
        Issue i = r.errors().get(0);
        assertEquals(SkillCode.UNKNOWN_ROLE, i.code());
        assertTrue(i.message().contains("unknown role \"custmer_id\""), i.message());
        assertTrue(i.suggestions().contains("customer_id"), i.suggestions().toString());
        assertTrue(IssueRenderer.text(i).startsWith("skills/card.yml:4:"), IssueRenderer.text(i));
    }

    @Test
    void aRoleUsedButNotListedUnderBindingIsNamed() {
        String unlisted = PROFILE.replace("binding: [customer_id, customer_name, owner_name]", "binding: [customer_id, customer_name]");
        SkillLoader.LoadResult r = load(files("skills/card.yml", unlisted));
        assertTrue(r.skills().isEmpty());
        List<String> texts = r.errors().stream().map(IssueRenderer::text).toList();
        assertEquals(1, texts.size(), texts.toString());
        assertTrue(texts.get(0).contains("${role.owner_name} is used but binding: does not list owner_name"), texts.get(0));
        assertTrue(texts.get(0).startsWith("skills/card.yml:11:"), "at the query that uses it: " + texts.get(0));
    }

    @Test
    void theShippedSkillsSayWhatChinookLacks() throws Exception {
        Map<String, String> shipped = new LinkedHashMap<>();
        try (var s = java.nio.file.Files.list(DemoEngine.projectDir().resolve("skills"))) {
            for (var p : s.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                shipped.put("skills/" + p.getFileName(), java.nio.file.Files.readString(p));
            }
        }
        SkillLoader.LoadResult r = load(shipped);
        SkillLoader.Disabled retention = r.disabled().stream().filter(d -> d.name().equals("weekly-retention-risk")).findFirst().orElseThrow();
        assertEquals(SkillCode.UNBOUND_ROLE, retention.issues().get(0).code(), retention.reason());
        assertTrue(retention.reason().contains("owner_slack"), "Chinook's reps have no Slack id: " + retention.reason());
        SkillLoader.Disabled changes = r.disabled().stream().filter(d -> d.name().equals("what-changed")).findFirst().orElseThrow();
        assertTrue(changes.reason().contains("signup_date") && changes.reason().contains("churn_date"), changes.reason());
    }
}
