package io.clarion.briefing;

import io.clarion.app.Clarion;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.demo.Progress;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped skills on a catalog they were not written for (Chinook): Clarion still starts; each
 * skill that cannot bind is switched off once, with where and why; running it says so.
 */
class SkillsOnAnotherCatalogTest {
    static Clarion clarion;

    @BeforeAll
    static void start() {
        Datasets.chinook("skills_chinook");
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl("skills_chinook"));
        c.put("clarion.store.jdbc-url", TestDatabase.jdbcUrl("skills_chinook_store"));
        c.put("clarion.catalog.dir", DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook").toString());
        c.put("clarion.skills.dir", DemoEngine.projectDir().resolve("skills").toString());
        c.put("clarion.briefings.dir", DemoEngine.projectDir().resolve("briefings").toString());
        c.put("clarion.demo.load", "false");
        c.put("clarion.reference-date", "2025-12-31");
        TestDatabase.freshDatabase("skills_chinook_store");
        clarion = Clarion.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
    }

    @AfterAll
    static void stop() {
        if (clarion != null) clarion.close();
    }

    @Test
    void skillsThatDoNotBindAreSwitchedOffWithWhereAndWhy() {
        Briefings b = clarion.briefings();
        List<SkillLoader.Disabled> off = b.disabledSkills();
        assertFalse(off.isEmpty(), "the demo's retention skill reads members Chinook has not got");
        SkillLoader.Disabled retention = off.stream().filter(d -> d.name().equals("weekly-retention-risk")).findFirst().orElseThrow();
        assertTrue(retention.reason().matches("(?s).*\\.yml:\\d+:\\d+: .*"), "file:line:column of the first problem: " + retention.reason());
        assertTrue(b.skills().stream().noneMatch(s -> s.name().equals("weekly-retention-risk")));
        assertEquals(off.size(), off.stream().map(SkillLoader.Disabled::name).distinct().count(), "each skill reported once");
        // Written for the demo's members, none of which Chinook has: one unbound_members issue naming them, not one per query.
        SkillLoader.Disabled profile = off.stream().filter(d -> d.name().equals("customer-360-profile")).findFirst().orElseThrow();
        assertEquals(1, profile.issues().size(), profile.issues().toString());
        assertEquals("unbound_members", profile.issues().get(0).key());
        assertTrue(profile.reason().matches("skills/customer-360-profile\\.yml:\\d+:\\d+: .*customer_health\\.health_score.*"), profile.reason());
    }

    @Test
    void runningASwitchedOffSkillSaysWhy() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> clarion.briefings().run("weekly-retention-risk", LocalDate.of(2025, 12, 31), true));
        assertTrue(e.getMessage().contains("switched off for this catalog"), e.getMessage());
    }

    @Test
    void theEngineStillAnswersOnTheNewCatalog() {
        var out = clarion.engine().queries().run(io.clarion.query.QueryParser.parse(
                "{\"metrics\": [\"invoice.count\"], \"certified_only\": false}"), new io.clarion.engine.QueryService.Options(false));
        assertEquals(412L, ((Number) out.result().rows().get(0).get(0)).longValue());
    }
}
