package io.clarion.bench;

import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.BriefingSpec;
import io.clarion.briefing.Briefings;
import io.clarion.briefing.ChurnModels;
import io.clarion.engine.QueryService;
import io.clarion.model.ChurnTrainer;
import io.clarion.model.FeatureBuilder;
import io.clarion.model.FeatureFrame;
import io.clarion.model.ModelSpec;
import io.clarion.model.Scorer;
import io.clarion.model.TrainedModel;
import io.clarion.testing.BriefingApp;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Prints figures; asserts nothing about speed. The retention skill's churn model on a large data
 * set: training time and memory; what scoring by the model adds to the weekly run beside the
 * rules alone (the same dry run, before and after a model is promoted), split into the features
 * as of today and the trees; and the 12-week backtest of the model against the rules and the
 * ceiling, as the demo's {@link ChurnModelBenchmark} prints it. Run with
 * {@code mvn -Pbenchmark test -Dtest=ChurnScaleBenchmark -DskipITs} (-Dbench.scale=N, default
 * 100,000 customers, generated once into its own database; -Dbench.origins=N, default the skill's
 * own). The models it trains are removed afterwards, so other benchmarks on the data set keep
 * timing the rules.
 */
class ChurnScaleBenchmark {
    static final String SKILL = "weekly-retention-risk";

    @Test
    void trainingAndScoringOnALargeDataSet() throws Exception {
        onTheLargeDataSet(app -> {
            Briefings b = app.briefings();
            double rules = weeklyRun(b, "rules only");
            BriefingSpec spec = withOrigins(b.spec(SKILL), Integer.getInteger("bench.origins", b.spec(SKILL).churn().origins()));
            ChurnModelBenchmark.resetPeak();
            System.gc();
            long heapBefore = ChurnModelBenchmark.heapUsed();
            long t0 = System.nanoTime();
            Consumer<String> stages = line -> System.out.printf(Locale.ROOT, "  %7.1f s  %s%n", (System.nanoTime() - t0) / 1e9, line);
            ChurnTrainer.TrainingSet set = b.models().trainingSet(spec, null, stages);
            double rowsSeconds = (System.nanoTime() - t0) / 1e9;
            TrainedModel m = b.models().train(spec, set);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "Training at %,d customers, %d origins: %.1f s (rows built in %.1f s), %,d rows x %d features, "
                            + "%,d validation rows; heap peak %,d MiB (%,d MiB before), process peak RSS %s%n", LargeDataSet.SCALE,
                    spec.churn().origins(), trainSeconds, rowsSeconds, m.window().trainRows(), m.features().size(), m.gate().rows(),
                    ChurnModelBenchmark.heapPeak() >> 20, heapBefore >> 20, ChurnModelBenchmark.peakRss());
            System.out.println("  " + m.describe() + "; " + m.gate().reason());
            if (!m.promoted()) {
                System.out.println("The model was not promoted: the weekly run keeps its rules, so scoring by the model is not measured.");
                return;
            }
            QueryService q = app.engine().queries();
            for (int i = 1; i <= 2; i++) {
                long f0 = System.nanoTime();
                FeatureFrame frame = new FeatureBuilder(q).asOf(spec.churn(), q.referenceDate());
                long f1 = System.nanoTime();
                // As the weekly run scores: drivers only for the accounts the model raises.
                new Scorer(m).score(frame, 3, m.mediumThreshold());
                long f2 = System.nanoTime();
                new Scorer(m).score(frame, 3);
                System.out.printf(Locale.ROOT, "Scoring %,d accounts: features %.2f s, trees with drivers for the raised accounts %.2f s"
                        + " (with drivers for every account %.2f s)%n", frame.size(), (f1 - f0) / 1e9, (f2 - f1) / 1e9, (System.nanoTime() - f2) / 1e9);
            }
            double model = weeklyRun(b, "model v" + m.version());
            System.out.printf(Locale.ROOT, "Scoring by the model adds %.1f s to the weekly run (best of two: %.1f s against %.1f s with the rules)%n",
                    model - rules, model, rules);
        });
    }

    /**
     * The model trained as if today were the first of 12 weekly dates, then the rules, the model
     * and the ceiling (the outcome itself) ranked at the rules' per-owner counts over those dates.
     */
    @Test
    void backtestAgainstTheRulesAndTheCeilingOnALargeDataSet() throws Exception {
        onTheLargeDataSet(app -> {
            Briefings b = app.briefings();
            BriefingSpec spec = b.spec(SKILL);
            ChurnModels models = b.models();
            QueryService q = app.engine().queries();
            int weeks = ChurnModelBenchmark.WEEKS;
            LocalDate firstWeek = q.referenceDate().minusDays(spec.churn().horizonDays()).minusWeeks(weeks - 1);
            long t0 = System.nanoTime();
            TrainedModel m = models.train(spec, models.trainingSet(spec, firstWeek, line -> { }));
            System.out.printf(Locale.ROOT, "Training as of %s: %.1f s, %,d rows; %s%n", firstWeek, (System.nanoTime() - t0) / 1e9,
                    m.window().trainRows(), m.describe());
            Map<String, Function<LocalDate, Map<String, Double>>> others = new LinkedHashMap<>();
            others.put("ceiling", ChurnModelBenchmark.ceiling(q, spec));
            long t1 = System.nanoTime();
            ChurnModels.Evaluation e = models.evaluate(spec, m, weeks, others, line -> { });
            System.out.printf(Locale.ROOT, "Evaluation over %d weekly dates (%.1f s)%n", weeks, (System.nanoTime() - t1) / 1e9);
            System.out.print(ChurnModelBenchmark.table(e));
            ChurnModels.Measure top = ChurnModelBenchmark.measure(e, "ceiling");
            for (String n : List.of("model", "rules")) {
                ChurnModels.Measure x = ChurnModelBenchmark.measure(e, n);
                System.out.printf(Locale.ROOT, "%s's share of the ceiling: precision %.0f%%, PR-AUC %.0f%%%n", n,
                        100 * x.precision() / top.precision(), 100 * x.prAuc() / top.prAuc());
            }
        });
    }

    private interface Work {
        void run(BriefingApp app) throws Exception;
    }

    /** The engine and the skills on the large data set, with no model of the skill before or after. */
    private static void onTheLargeDataSet(Work work) throws Exception {
        try (BriefingApp app = BriefingApp.start(LargeDataSet.ready().engineConfig())) {
            forgetModels(app);
            try {
                work.run(app);
            } finally {
                forgetModels(app);
            }
        }
    }

    /** Clarion's own models of the skill in the data set's app store, so the benchmarks on it time what they say. */
    private static void forgetModels(BriefingApp app) throws Exception {
        try (Connection c = app.engine().warehouse().connection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM clarion.churn_model WHERE skill = '" + SKILL + "'");
        }
    }

    private static BriefingSpec withOrigins(BriefingSpec full, int origins) {
        ModelSpec m = full.churn();
        ModelSpec sized = new ModelSpec(m.population(), m.keyColumn(), m.queries(), m.label(), m.horizonDays(), origins,
                m.originStepDays(), Math.min(m.validationOrigins(), origins - 1), m.retrain());
        return new BriefingSpec(full.skill(), full.model(), full.suppressWeeks(), full.channels(), full.templates(), full.recipients(),
                full.recipientKey(), full.recipientName(), full.recipientEmail(), full.recipientSlack(), sized);
    }

    /** The best of two dry runs of the weekly cycle (score and build every owner's briefing), in seconds. */
    static double weeklyRun(Briefings b, String what) {
        double best = Double.MAX_VALUE;
        for (int i = 1; i <= 2; i++) {
            long t = System.nanoTime();
            BriefingRun.Report r = b.run(SKILL, null, true).report();
            double secs = (System.nanoTime() - t) / 1e9;
            best = Math.min(best, secs);
            System.out.printf(Locale.ROOT, "Weekly dry run %d (%s): %.1f s; %,d accounts in scope, %,d flagged, %,d owner briefings; %s%n", i, what, secs,
                    r.accountsInScope(), r.flagged(), r.briefings().size(), r.notes().isEmpty() ? "" : r.notes().get(0));
        }
        return best;
    }
}
