package io.clarion.briefing;

import io.clarion.briefing.change.WhatChangedSpec;
import io.clarion.briefing.skill.Skill;
import io.clarion.engine.QueryService;
import io.clarion.testing.BriefingApp;
import io.clarion.testing.Datasets;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recipient views read together (each query once per group of owners, split by the owner
 * attribute) equal each owner's views read with their own queries, for every owner of the demo
 * and of Chinook (whose support reps own customers through a filter cast to text), and for an
 * owner id that owns nothing.
 */
class RecipientViewsTest {

    @Test
    void demoOwnersGetTheirOwnViewFromSharedReads() {
        String store = "recipient_views_demo_store";
        TestDatabase.freshDatabase(store);
        try (BriefingApp app = BriefingApp.start(Map.of("clarion.warehouse.jdbc-url", TestDatabase.demoJdbcUrl(),
                "clarion.store.jdbc-url", TestDatabase.jdbcUrl(store), "clarion.demo.load", "false",
                "clarion.scheduler.enabled", "false"))) {
            List<String> owners = column(TestDatabase.demo(), "SELECT owner_id FROM owners ORDER BY owner_id");
            sameAsAlone(app.briefings(), LocalDate.of(2026, 6, 15), owners);
        }
    }

    @Test
    void chinookSupportRepsGetTheirOwnViewFromSharedReads() {
        String db = "recipient_views_chinook";
        DataSource chinook = Datasets.chinook(db);
        TestDatabase.freshDatabase(db + "_store");
        Map<String, String> c = new HashMap<>();
        c.put("clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl(db));
        c.put("clarion.store.jdbc-url", TestDatabase.jdbcUrl(db + "_store"));
        c.put("clarion.catalog.dir", DemoEngine.projectDir().resolve("src/test/resources/catalogs/chinook").toString());
        c.put("clarion.skills.dir", DemoEngine.projectDir().resolve("src/test/resources/skills/chinook").toString());
        c.put("clarion.demo.load", "false");
        c.put("clarion.scheduler.enabled", "false");
        try (BriefingApp app = BriefingApp.start(c)) {
            List<String> reps = column(chinook, "SELECT employee_id::text FROM employee ORDER BY employee_id");
            sameAsAlone(app.briefings(), LocalDate.of(2025, 12, 31), reps);
        }
    }

    private static void sameAsAlone(Briefings briefings, LocalDate cycle, List<String> owners) {
        WhatChangedSpec spec = briefings.skills().stream().filter(s -> s.kind() == Skill.Kind.WHAT_CHANGED).findFirst()
                .flatMap(Skill::whatChangedSpec).orElseThrow();
        QueryService q = briefings.queries().withReferenceDate(cycle);
        List<OwnerBriefing> empty = new ArrayList<>();
        List<String> ids = new ArrayList<>(owners);
        ids.add("nobody_at_all");
        for (String id : ids) {
            empty.add(new OwnerBriefing("test", cycle, new OwnerBriefing.Recipient(id, id, null, null), List.of(), null,
                    List.of(), List.of(), List.of()));
        }
        RecipientViews.Result together = RecipientViews.compute(q, empty, spec, cycle, line -> { });
        assertEquals(List.of(), together.notes(), "the check against the first recipient's own queries passed");
        assertTrue(together.shared() > together.own(), "most queries were shared: " + together.shared() + " shared, "
                + together.own() + " own");
        boolean anyChange = false;
        for (int i = 0; i < empty.size(); i++) {
            OwnerBriefing alone = RecipientViews.alone(q, empty.get(i), spec, cycle);
            OwnerBriefing shared = together.briefings().get(i);
            assertEquals(alone.owner(), shared.owner());
            assertEquals(alone.whatChanged(), shared.whatChanged(), "what changed for " + alone.owner().ownerId());
            assertEquals(alone.dataQuality(), shared.dataQuality(), "data quality for " + alone.owner().ownerId());
            anyChange |= !alone.whatChanged().isEmpty();
        }
        assertTrue(anyChange, "some owner's view says what changed");
    }

    private static List<String> column(DataSource ds, String sql) {
        try {
            return Datasets.rows(ds, sql).stream().map(r -> r.get(0).toString()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
