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
 * but never used. Owners' verdicts join the training rows as weighted labels, only those dated
 * before the first validation date.
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

    @Test
    void ownersVerdictsBecomeWeightedLabelsOnlyWhenDatedBeforeTheFirstValidationDate() throws Exception {
        String skill = SKILL + "-verdicts";
        BriefingSpec withVerdicts = new BriefingSpec(skill, spec.model(), spec.suppressWeeks(), spec.channels(), spec.templates(),
                spec.recipients(), spec.recipientKey(), spec.recipientName(), spec.recipientEmail(), spec.recipientSlack(), spec.churn());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM clarion.account_feedback WHERE skill = ?; DELETE FROM clarion.briefing WHERE skill = ?")) {
            ps.setString(1, skill);
            ps.setString(2, skill);
            ps.execute();
        }
        java.time.LocalDate firstValidation = rows.window().validFrom();
        // Accounts in scope at every date read: each can carry a verdict on any of them.
        java.util.Set<String> everywhere = new java.util.TreeSet<>(rows.validation().get(0).ids());
        rows.training().forEach(f -> everywhere.retainAll(f.ids()));
        rows.validation().forEach(f -> everywhere.retainAll(f.ids()));
        List<String> ids = new ArrayList<>(everywhere).subList(0, 5);
        io.clarion.briefing.feedback.BriefingFixture fx = io.clarion.briefing.feedback.BriefingFixture.on(ds);
        FeedbackService feedback = new FeedbackService(ds);
        Object[][] given = {
                {firstValidation.minusDays(7), ids.get(0), io.clarion.briefing.feedback.Verdict.CONFIRMED},      // used: churn
                {firstValidation.minusDays(7), ids.get(1), io.clarion.briefing.feedback.Verdict.FALSE_POSITIVE}, // used: no churn
                {firstValidation.minusDays(14), ids.get(2), io.clarion.briefing.feedback.Verdict.HANDLED},       // says nothing about churn
                {firstValidation, ids.get(3), io.clarion.briefing.feedback.Verdict.FALSE_POSITIVE},             // on the first validation date
                {firstValidation.plusDays(14), ids.get(4), io.clarion.briefing.feedback.Verdict.CONFIRMED}};    // after it
        java.util.Map<java.time.LocalDate, Long> briefingOf = new java.util.HashMap<>();
        for (Object[] g : given) {
            long b = briefingOf.computeIfAbsent((java.time.LocalDate) g[0], d -> fx.briefing(skill, "own_verdicts", d));
            fx.account(b, (String) g[1], "Account " + g[1], 4);
            feedback.record(new io.clarion.briefing.feedback.FeedbackChange(skill, "own_verdicts", (String) g[1],
                    (io.clarion.briefing.feedback.Verdict) g[2], null, null, null, b, null, "a test owner"));
        }

        ChurnTrainer.TrainingSet set = models.trainingSet(withVerdicts, ChurnModelTest.SMALL.asOf().minusDays(28), line -> { });
        assertEquals(firstValidation, set.window().validFrom(), "the same training window as without verdicts");
        assertEquals(1, set.verdicts().size(), "one verdict date is usable: " + set.verdicts());
        FeatureFrame v = set.verdicts().get(0);
        assertEquals(firstValidation.minusDays(7), v.asOf(), "a verdict's features are read as of its briefing's date");
        java.util.Map<String, Integer> label = new java.util.TreeMap<>();
        for (int i = 0; i < v.size(); i++) label.put(v.ids().get(i), v.labels()[i]);
        assertEquals(java.util.Map.of(ids.get(0), 1, ids.get(1), 0), label,
                "confirmed is churn, false positive is not; handled, and every verdict from the first validation date on, are left out");
        assertEquals(2, set.window().verdictRows());
        // The ordinary rows are untouched: verdicts add examples, they never relabel the origins' rows.
        assertEquals(rows.training().size(), set.training().size());
        for (int k = 0; k < rows.training().size(); k++) {
            assertTrue(java.util.Arrays.equals(rows.training().get(k).labels(), set.training().get(k).labels()));
        }

        TrainedModel m = models.train(withVerdicts, set);
        assertEquals(2, models.store().current(skill).orElseThrow().window().verdictRows(), "the model records the verdicts it learnt from");
        assertEquals(2, m.window().verdictRows());
        assertEquals(List.of(), ChurnTrainer.before(List.of(new ChurnTrainer.OwnerLabel(firstValidation, ids.get(3), false)), firstValidation));
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
