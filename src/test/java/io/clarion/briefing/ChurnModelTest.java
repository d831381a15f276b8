package io.clarion.briefing;

import io.clarion.briefing.feedback.FeedbackService;
import io.clarion.briefing.skill.Skill;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.demo.DemoGenerator;
import io.clarion.demo.DemoLoader;
import io.clarion.demo.DemoSpec;
import io.clarion.demo.Progress;
import io.clarion.engine.QueryService;
import io.clarion.model.FeatureBuilder;
import io.clarion.model.FeatureFrame;
import io.clarion.model.ModelSpec;
import io.clarion.model.TrainedModel;
import io.clarion.sql.PostgresDialect;
import io.clarion.store.AppStore;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention skill's churn model on a small generated demo: features as of a date do not see
 * what came after it, calibrated probabilities match the churn that followed on a later date, and
 * the briefing keeps to its rules until a model is trained, then shows the model's drivers.
 */
public class ChurnModelTest {
    static final DemoSpec SMALL = new DemoSpec(17, 600, LocalDate.of(2026, 6, 15));
    public static final String DB = "clarion_model_small";
    static DataSource ds;
    static QueryService queries;
    static BriefingSpec spec;
    static TrainedModel trained;
    /** Its own name, so models other tests train for the shipped skill on this database are not its current one. */
    static final String SKILL = "retention-model-test";

    /** The small demo (generated once per test database, kept across runs while its spec is unchanged), with the app store. */
    public static synchronized DataSource smallDemoLoaded() {
        if (ds != null) return ds;
        DataSource d = TestDatabase.freshDatabaseIfMissing(DB);
        try (Connection c = d.getConnection()) {
            Optional<DemoSpec> loaded = DemoLoader.loaded(c);
            if (loaded.isPresent() && !loaded.get().equals(SMALL)) new DemoGenerator(SMALL).generate(c, Progress.NONE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        DemoLoader.ensureLoaded(d, SMALL, Progress.NONE);
        AppStore.migrate(d);
        ds = d;
        return d;
    }

    @BeforeAll
    static void smallDemo() throws SQLException {
        smallDemoLoaded();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // The skill's two names below have no model until this class trains one.
            s.execute("DELETE FROM clarion.churn_model WHERE skill IN ('risk-without-model', '" + SKILL + "')");
        }
        queries = service(ds);
        Skill skill = SkillLoader.load(DemoEngine.projectDir().resolve("skills"), DemoEngine.projectDir().resolve("briefings"),
                DemoEngine.catalog()).skills().stream().filter(s -> s.name().equals("weekly-retention-risk")).findFirst().orElseThrow();
        BriefingSpec full = BriefingSpec.from(skill);
        ModelSpec m = full.churn();
        // Fewer origins than the skill's, four weeks apart: the same features and label, a fast test.
        spec = withChurn(full, new ModelSpec(m.population(), m.keyColumn(), m.queries(), m.label(), m.horizonDays(), 5, 28, 2));
        // Trained once, as if today were four weeks ago: the latest date whose outcome is known now was used
        // neither to train nor to calibrate it.
        trained = new ChurnModels(queries, ds).train(spec, SMALL.asOf().minusDays(28), line -> { });
    }

    /** A skills folder holding the shipped retention skill with fewer, sparser origins: the same features and label, a fast training. */
    public static java.nio.file.Path fastRetentionSkills() throws java.io.IOException {
        java.nio.file.Path skills = java.nio.file.Files.createTempDirectory("fast-retention-skills");
        String y = java.nio.file.Files.readString(DemoEngine.projectDir().resolve("skills/weekly-retention-risk.yml"));
        String fewer = y.replaceFirst("\n  origins: \\d+\n", "\n  origins: 4\n").replace("  origin_step_days: 14\n", "  origin_step_days: 28\n")
                .replace("  validation_origins: 3\n", "  validation_origins: 1\n");
        if (fewer.equals(y)) throw new IllegalStateException("the retention skill no longer declares its origins as this helper expects");
        java.nio.file.Files.writeString(skills.resolve("weekly-retention-risk.yml"), fewer);
        return skills;
    }

    static QueryService service(DataSource d) {
        return new QueryService(DemoEngine.catalog(), d, PostgresDialect.INSTANCE, SMALL::asOf, 10_000, Duration.ofSeconds(120));
    }

    static BriefingSpec withChurn(BriefingSpec s, ModelSpec churn) {
        return new BriefingSpec(SKILL, s.model(), s.suppressWeeks(), s.channels(), s.templates(), s.recipients(), s.recipientKey(),
                s.recipientName(), s.recipientEmail(), s.recipientSlack(), churn);
    }

    @Test
    void featuresAsOfADateAreTheSameWithoutTheDataThatCameAfterIt() throws SQLException {
        LocalDate d = SMALL.asOf().minusDays(200);
        DataSource cut = truncatedCopy(d);
        FeatureFrame full = new FeatureBuilder(queries.withReferenceDate(d)).asOf(spec.churn(), d);
        FeatureFrame then = new FeatureBuilder(service(cut).withReferenceDate(d)).asOf(spec.churn(), d);
        assertTrue(full.size() > 200, "accounts in scope: " + full.size());
        assertEquals(new java.util.TreeSet<>(full.ids()), new java.util.TreeSet<>(then.ids()), "the same accounts are in scope");
        Map<String, double[]> a = FeatureBuilder.byId(full);
        Map<String, double[]> b = FeatureBuilder.byId(then);
        int known = 0;
        for (String id : a.keySet()) {
            for (int j = 0; j < full.features().size(); j++) {
                double x = a.get(id)[j];
                double y = b.get(id)[j];
                assertTrue(Double.isNaN(x) ? Double.isNaN(y) : Math.abs(x - y) < 1e-9,
                        full.features().get(j) + " of " + id + " as of " + d + ": " + x + " with later data, " + y + " without");
                if (!Double.isNaN(x)) known++;
            }
        }
        assertTrue(known > full.size() * full.features().size() / 2, "most feature values are known: " + known);
        // And the window really was cut: the later data changes what the features are as of today.
        assertFalse(Arrays.deepEquals(full.values(), new FeatureBuilder(queries).asOf(spec.churn(), SMALL.asOf()).values()));
    }

    @Test
    void trainedProbabilitiesMatchTheChurnThatFollowedALaterDate() {
        ChurnModels models = new ChurnModels(queries, ds);
        TrainedModel m = trained;
        assertEquals(1, m.version());
        assertTrue(m.window().validTo().isBefore(SMALL.asOf().minusDays(90 + 27)), m.window().toString());
        ChurnModels.Evaluation e = models.evaluate(spec, m, 1, Map.of(), line -> { });
        ChurnModels.Measure model = e.measures().stream().filter(x -> x.name().equals("model")).findFirst().orElseThrow();
        assertTrue(e.positives() >= 20, "churned accounts to measure on: " + e.positives());
        System.out.printf(java.util.Locale.ROOT, "small demo, as of %s: predicted churn rate %.3f, observed %.3f on %d accounts; model ROC AUC %.3f, rules %.3f%n",
                e.dates().get(0), model.meanScore(), e.baseRate(), e.rows(), model.rocAuc(), e.measures().get(0).rocAuc());
        double tolerance = Math.max(0.04, 0.3 * e.baseRate());
        assertTrue(Math.abs(model.meanScore() - e.baseRate()) < tolerance,
                "predicted churn rate " + model.meanScore() + " vs observed " + e.baseRate() + " on " + e.rows() + " accounts");
        assertTrue(model.rocAuc() > 0.65, "the model ranks churners above the rest: ROC AUC " + model.rocAuc());
        // The stored model reads back with its trees, window and measures.
        TrainedModel stored = models.store().current(spec.skill()).orElseThrow();
        assertEquals(m.version(), stored.version());
        assertEquals(m.window(), stored.window());
        assertEquals(m.featureNames(), stored.featureNames());
        assertTrue(stored.booster().length > 1000);
    }

    @Test
    void driversAskedForOnlyFromAProbabilityAreTheSameDriversForThoseAccountsAndNoneForTheRest() {
        FeatureFrame frame = new FeatureBuilder(queries).asOf(spec.churn(), SMALL.asOf());
        io.clarion.model.Scorer scorer = new io.clarion.model.Scorer(trained);
        List<io.clarion.model.Scorer.Score> all = scorer.score(frame, 3);
        List<io.clarion.model.Scorer.Score> some = scorer.score(frame, 3, trained.mediumThreshold());
        assertEquals(all.size(), some.size());
        int explained = 0;
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).id(), some.get(i).id());
            assertEquals(all.get(i).probability(), some.get(i).probability(), 1e-12, all.get(i).id());
            boolean raised = all.get(i).probability() >= trained.mediumThreshold();
            assertEquals(raised ? all.get(i).drivers() : List.of(), some.get(i).drivers(), all.get(i).id());
            if (raised && !all.get(i).drivers().isEmpty()) explained++;
        }
        assertTrue(explained > 0 && explained < all.size(), "accounts with drivers: " + explained + " of " + all.size());
    }

    @Test
    void theBriefingKeepsToItsRulesWithoutAModelAndShowsTheModelsDriversWithOne() {
        ChurnModels models = new ChurnModels(queries, ds);
        BriefingStore store = new BriefingStore(ds);
        FeedbackService feedback = new FeedbackService(ds);
        BriefingSpec untrained = new BriefingSpec("risk-without-model", spec.model(), spec.suppressWeeks(), spec.channels(), spec.templates(),
                spec.recipients(), spec.recipientKey(), spec.recipientName(), spec.recipientEmail(), spec.recipientSlack(), spec.churn());
        BriefingRun.Report rules = new BriefingRun(queries, store, feedback, models).run(untrained, null, true);
        assertTrue(rules.notes().get(0).startsWith("scored by the rules"), rules.notes().toString());
        assertTrue(rules.notes().get(0).contains("no churn model is trained yet"), rules.notes().toString());
        List<RiskScoring.ScoredAccount> shown = shown(rules);
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(a -> a.points() >= spec.model().mediumPoints()
                && a.evidence().stream().noneMatch(ev -> ev.signal().equals(ModelScoring.SIGNAL))), "rules only");

        TrainedModel m = trained;
        assertTrue(m.passes(), "the model beats the rules on validation: " + m.describe());
        BriefingRun.Report byModel = new BriefingRun(queries, store, feedback, models).run(spec, null, true);
        assertTrue(byModel.notes().get(0).startsWith("scored by churn model v" + m.version()), byModel.notes().toString());
        List<RiskScoring.ScoredAccount> flagged = shown(byModel);
        assertFalse(flagged.isEmpty());
        for (RiskScoring.ScoredAccount a : flagged) {
            RiskScoring.Evidence ev = a.evidence().get(0);
            assertEquals(ModelScoring.SIGNAL, ev.signal(), a.customerId() + ": " + a.evidence());
            String drivers = ev.values().get("model_drivers").toString();
            assertFalse(drivers.isBlank() || drivers.equals("—"), a.customerId() + " has no driver in words: " + ev);
            assertTrue(drivers.matches(".*[a-zA-Z]{3,}.*"), drivers);
            assertFalse(a.driver().isBlank(), a.customerId());
        }
    }

    static List<RiskScoring.ScoredAccount> shown(BriefingRun.Report r) {
        return r.briefings().stream().flatMap(b -> b.briefing().accounts().stream()).map(OwnerBriefing.Account::scored).toList();
    }

    /**
     * The warehouse as it stood at the end of {@code d}: a schema of copies without any row dated
     * later (signups, events, tickets, answers, invoices, monthly revenue), churn and payments
     * after it undone, and ratings given after it not yet given; read through the search path.
     */
    static DataSource truncatedCopy(LocalDate d) throws SQLException {
        String schema = "as_of_" + d.toString().replace("-", "");
        String end = "DATE '" + d.plusDays(1) + "'";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            for (String[] t : new String[][]{
                    {"dataset_info", "true"},
                    {"owners", "true"},
                    {"features", "launched_at < " + end},
                    {"customers", "created_at < " + end},
                    {"mrr_snapshots", "month < " + end},
                    {"invoices", "issued_at < " + end},
                    {"product_events", "event_time < " + end},
                    {"support_tickets", "created_at < " + end},
                    {"nps_responses", "responded_at < " + end},
                    {"journey_events", "reached_at < " + end},
                    {"marketing_spend", "month < " + end}}) {
                s.execute("CREATE TABLE " + schema + "." + t[0] + " AS SELECT * FROM public." + t[0] + " WHERE " + t[1]);
            }
            s.execute("UPDATE " + schema + ".customers SET churned_at = NULL WHERE churned_at >= " + end);
            s.execute("UPDATE " + schema + ".invoices SET status = 'open', paid_at = NULL WHERE paid_at >= " + end);
            s.execute("UPDATE " + schema + ".support_tickets SET resolved_at = NULL, satisfaction = NULL WHERE resolved_at >= " + end);
            s.execute("ANALYZE");
        }
        PGSimpleDataSource cut = new PGSimpleDataSource();
        cut.setURL(TestDatabase.jdbcUrl(DB) + "&currentSchema=" + schema);
        if (!cut.getURL().contains("user=")) cut.setUser("postgres");
        return cut;
    }
}
