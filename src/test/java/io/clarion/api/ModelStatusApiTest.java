package io.clarion.api;

import io.clarion.briefing.Briefings;
import io.clarion.briefing.ChurnModelTest;
import io.clarion.governance.policy.Access;
import io.clarion.governance.policy.Principal;
import io.clarion.model.TrainedModel;
import io.clarion.testing.BriefingApp;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model status endpoint over the small generated demo: every version with its promotion gate result, and the one the briefing uses. */
class ModelStatusApiTest {
    static BriefingApp app;
    static Briefings briefings;

    @BeforeAll
    static void start() throws Exception {
        ChurnModelTest.smallDemoLoaded();
        Path skills = ChurnModelTest.fastRetentionSkills();
        app = BriefingApp.start(Map.of("clarion.warehouse.jdbc-url", TestDatabase.jdbcUrl(ChurnModelTest.DB),
                "clarion.store.jdbc-url", TestDatabase.jdbcUrl(ChurnModelTest.DB), "clarion.demo.load", "false",
                "clarion.skills.dir", skills.toString(),
                "clarion.briefings.dir", DemoEngine.projectDir().resolve("briefings").toString()));
        briefings = app.briefings();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    static BriefingResource api(Access a) {
        return BriefingApis.as(app, a);
    }

    @Test
    void statusListsEveryVersionWithItsGateResultAndTheOneTheBriefingUses() {
        TrainedModel trained = briefings.models().train(briefings.spec("weekly-retention-risk"), null, line -> { });
        BriefingResource.ModelStatus s = api(Access.FULL).model("weekly-retention-risk");
        assertTrue(s.declaresModel());
        assertEquals("0 0 2 ? * SUN", s.retrain());
        BriefingResource.ModelVersion newest = s.versions().get(0);
        assertEquals(trained.version(), newest.version());
        assertEquals(trained.promoted(), newest.promoted());
        assertEquals(trained.gate(), newest.gate());
        assertTrue(newest.gate().reason().startsWith(newest.promoted() ? "promoted: PR-AUC " : "not promoted: PR-AUC "), newest.gate().reason());
        // The briefing's model is the newest promoted version, whichever that is.
        Integer promoted = s.versions().stream().filter(BriefingResource.ModelVersion::promoted).map(BriefingResource.ModelVersion::version)
                .findFirst().orElse(null);
        assertEquals(promoted, s.usedVersion());
        assertFalse(newest.features().isEmpty());
    }

    @Test
    void anUnknownSkillIsNotFoundAndAnOwnerMayNotReadIt() {
        assertThrows(NoSuchElementException.class, () -> api(Access.FULL).model("no-such-skill"));
        Access owner = Access.of(DemoEngine.catalog(), new Principal("olga", List.of("owner"), Map.of("owner_id", "own_001")));
        assertThrows(Forbidden.class, () -> api(owner).model("weekly-retention-risk"));
    }
}
