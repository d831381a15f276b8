package io.clarion.briefing;

import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.skill.Skill;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.engine.QueryService;
import io.clarion.model.ChurnTrainer;
import io.clarion.model.FeatureFrame;
import io.clarion.model.ModelSpec;
import io.clarion.model.TrainedModel;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promotion gate on the small generated demo: a retrained model replaces the briefing's model
 * only when, on dates newer than its training rows, it beats the base rate, the rules and the
 * model promoted before it. A model that learnt noise (its training labels shuffled) is stored
 * but never used.
 */
class ModelRetrainingTest {
    static final String SKILL = "retention-retraining-test";
    static DataSource ds;
    static QueryService queries;
    static BriefingSpec spec;
    static ChurnModels models;
    static ChurnTrainer.TrainingSet rows;

    @BeforeAll
    static void smallDemo() throws Exception {
        ds = ChurnModelTest.smallDemoLoaded();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM clarion.churn_model WHERE skill = ?")) {
            ps.setString(1, SKILL);
            ps.executeUpdate();
        }
        queries = ChurnModelTest.service(ds);
        Skill skill = SkillLoader.load(DemoEngine.projectDir().resolve("skills"), DemoEngine.projectDir().resolve("briefings"),
                DemoEngine.catalog()).skills().stream().filter(s -> s.name().equals("weekly-retention-risk")).findFirst().orElseThrow();
        BriefingSpec full = BriefingSpec.from(skill);
        ModelSpec m = full.churn();
        ModelSpec small = new ModelSpec(m.population(), m.keyColumn(), m.queries(), m.label(), m.horizonDays(), 5, 28, 2, m.retrain());
        spec = new BriefingSpec(SKILL, full.model(), full.suppressWeeks(), full.channels(), full.templates(), full.recipients(),
                full.recipientKey(), full.recipientName(), full.recipientEmail(), full.recipientSlack(), small);
        models = new ChurnModels(queries, ds);
        // The rows are read once; each model below differs only in what it learns from them.
        rows = models.trainingSet(spec, ChurnModelTest.SMALL.asOf().minusDays(28), line -> { });
    }

    /** The same rows with every training label moved to a random other row of its date: features and labels unrelated. */
    static ChurnTrainer.TrainingSet shuffled(ChurnTrainer.TrainingSet set, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<FeatureFrame> out = new ArrayList<>();
        for (FeatureFrame f : set.training()) {
            int[] y = f.labels().clone();
            for (int i = y.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = y[i];
                y[i] = y[j];
                y[j] = t;
            }
            out.add(f.withLabels(y));
        }
        return set.withTraining(out);
    }

    @Test
    void aModelTrainedOnShuffledLabelsIsNotPromotedAndAGoodOneIs() {
        assertTrue(rows.window().trainTo().plusDays(spec.churn().horizonDays()).isBefore(rows.window().validFrom().plusDays(1)),
                "every validation date is newer than every training label: " + rows.window());

        TrainedModel noise = models.train(spec, shuffled(rows, 11));
        assertFalse(noise.promoted(), noise.gate().reason());
        assertTrue(noise.gate().reason().startsWith("not promoted: "), noise.gate().reason());
        assertTrue(noise.gate().prAuc() <= noise.gate().rulesPrAuc(), noise.gate().toString());
        assertTrue(models.usable(spec).isEmpty(), "a model that did not pass the gate is not used");

        TrainedModel good = models.train(spec, rows);
        assertTrue(good.promoted(), good.gate().reason());
        assertTrue(good.gate().prAuc() > good.gate().rulesPrAuc() && good.gate().prAuc() > good.gate().baseRate(), good.gate().toString());
        assertNull(good.gate().incumbentVersion(), "nothing was promoted before it");
        assertEquals(good.version(), models.usable(spec).orElseThrow().version());

        // Retrained on the same rows: measured against the promoted model on the same validation rows, and not worse.
        TrainedModel again = models.train(spec, rows);
        assertTrue(again.promoted(), again.gate().reason());
        assertEquals(good.version(), again.gate().incumbentVersion());
        assertEquals(again.gate().prAuc(), again.gate().incumbentPrAuc(), 1e-12, "the same rows give the same trees");

        // Noise again: it now also loses to the promoted model, and the briefing keeps that one and says why.
        TrainedModel noise2 = models.train(spec, shuffled(rows, 12));
        assertFalse(noise2.promoted(), noise2.gate().reason());
        assertTrue(noise2.gate().reason().contains("worse than promoted v" + again.version()), noise2.gate().reason());

        TrainedModel stored = models.store().current(SKILL).orElseThrow();
        assertEquals(noise2.version(), stored.version());
        assertEquals(noise2.gate(), stored.gate(), "the gate's measures and reason read back from the store");
        assertEquals(again.version(), models.store().promoted(SKILL).orElseThrow().version());

        System.out.println("shuffled: " + noise.gate().reason() + "\ngood: " + good.gate().reason() + "\nretrained: " + again.gate().reason()
                + "\nshuffled again: " + noise2.gate().reason());
        BriefingRun.Report r = new BriefingRun(queries, new BriefingStore(ds), new FeedbackService(ds), models).run(spec, null, true);
        String note = r.notes().get(0);
        assertTrue(note.startsWith("scored by churn model v" + again.version() + " "), note);
        assertTrue(note.contains("the newest promoted model (promoted: "), note);
        assertTrue(note.contains("the newer v" + noise2.version() + " was not promoted: "), note);
    }
}
