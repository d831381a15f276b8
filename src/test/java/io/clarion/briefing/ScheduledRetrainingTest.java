package io.clarion.briefing;

import io.clarion.model.TrainedModel;
import io.clarion.testing.BriefingApp;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention skill's scheduled retraining, end to end as the server runs it: its job on the
 * started scheduler, fired through the job store, trains and stores a new model version that the
 * model status then lists (the small generated demo, fewer origins).
 */
class ScheduledRetrainingTest {
    static final String SKILL = "weekly-retention-risk";

    @Test
    void firingTheRetrainingJobTrainsAndStoresANewVersion() throws Exception {
        ChurnModelTest.smallDemoLoaded();
        try (BriefingApp app = BriefingApp.start(Map.of("clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl(ChurnModelTest.DB),
                "clarion.store.jdbc-url", TestDatabase.jdbcUrl(ChurnModelTest.DB), "clarion.demo.load", "false",
                "clarion.skills.dir", ChurnModelTest.fastRetentionSkills().toString(),
                "clarion.briefings.dir", DemoEngine.projectDir().resolve("briefings").toString()))) {
            Briefings b = app.briefings();
            int before = b.models().store().current(SKILL).map(TrainedModel::version).orElse(0);
            b.startScheduler("scheduled-retraining-test", Duration.ofHours(1));
            java.util.Date next = b.nextRetrainings().get(SKILL);
            assertNotNull(next, "the skill's retrain: cron is on the scheduler");

            b.fireRetraining(SKILL);
            // A guard against a hang, not a measure: the training runs on the scheduler's thread.
            long guard = System.currentTimeMillis() + 300_000;
            while (b.models().store().current(SKILL).map(TrainedModel::version).orElse(0) == before && System.currentTimeMillis() < guard) {
                Thread.sleep(250);
            }
            TrainedModel m = b.models().store().current(SKILL).orElseThrow();
            assertEquals(before + 1, m.version(), "one new version, trained by the job");
            assertFalse(m.features().isEmpty());
            assertTrue(m.gate().reason().startsWith(m.promoted() ? "promoted: " : "not promoted: "), m.gate().reason());
            assertEquals(next, b.nextRetrainings().get(SKILL), "the weekly schedule is unchanged");
        }
    }
}
