package io.clarion.bench;

import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.BriefingSpec;
import io.clarion.briefing.Briefings;
import io.clarion.briefing.ChurnModels;
import io.clarion.demo.Progress;
import io.clarion.engine.Engine;
import io.clarion.model.ChurnTrainer;
import io.clarion.model.ModelSpec;
import io.clarion.model.TrainedModel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Prints figures; asserts nothing about speed. The retention skill's churn model on the large
 * data set: building the training rows (feature queries as of every origin), training, the heap
 * it took, and the weekly run scored by the model, with the time its scoring adds. Run with
 * {@code mvn -Pbenchmark test -Dtest=ChurnModelScaleBenchmark -DskipITs} (-Dbench.scale=N,
 * default 100,000 customers; -Dbench.origins=N, default the skill's own). The models it trains
 * are removed afterwards, so other benchmarks on the data set keep timing the rules.
 */
class ChurnModelScaleBenchmark {
    static final String SKILL = "weekly-retention-risk";

    @Test
    void trainingAndScoringOnALargeDataSet() throws Exception {
        onTheLargeDataSet((engine, briefings) -> {
            BriefingSpec full = briefings.spec(SKILL);
            ModelSpec m = full.churn();
            int origins = Integer.getInteger("bench.origins", m.origins());
            ModelSpec sized = new ModelSpec(m.population(), m.keyColumn(), m.queries(), m.label(), m.horizonDays(), origins,
                    m.originStepDays(), Math.min(m.validationOrigins(), origins - 1), m.retrain());
            BriefingSpec spec = new BriefingSpec(full.skill(), full.model(), full.suppressWeeks(), full.channels(), full.templates(),
                    full.recipients(), full.recipientKey(), full.recipientName(), full.recipientEmail(), full.recipientSlack(), sized);
            ChurnModels models = briefings.models();
            resetPeaks();
            long t = System.nanoTime();
            Consumer<String> stages = line -> System.out.printf("  %7.1f s  %s%n", (System.nanoTime() - t) / 1e9, line);
            ChurnTrainer.TrainingSet set = models.trainingSet(spec, null, stages);
            double rowsSeconds = (System.nanoTime() - t) / 1e9;
            long t2 = System.nanoTime();
            TrainedModel model = models.train(spec, set);
            double trainSeconds = (System.nanoTime() - t2) / 1e9;
            System.out.printf("Training rows (%d origins): %,d training, %,d validation, built in %.1f s%n", origins,
                    set.training().stream().mapToInt(f -> f.ids().size()).sum(), set.validation().stream().mapToInt(f -> f.ids().size()).sum(), rowsSeconds);
            System.out.printf("Training and validation: %.1f s; heap pools peak %,d MiB (sum of each pool's peak); %s%n", trainSeconds, peakHeapMiB(), model.describe());
            System.out.printf("Validation ROC AUC %.3f, PR-AUC %.3f (rules: %.3f, %.3f); promoted: %s%n", model.validation().rocAuc(),
                    model.validation().prAuc(), model.rules().rocAuc(), model.rules().prAuc(), model.promoted());
            // The weekly run's model scoring in its two parts: the features as of today, then the trees with contributions.
            for (int i = 1; i <= 2; i++) {
                long f0 = System.nanoTime();
                io.clarion.model.FeatureFrame frame = new io.clarion.model.FeatureBuilder(engine.queries()).asOf(sized, engine.queries().referenceDate());
                long f1 = System.nanoTime();
                int scored = new io.clarion.model.Scorer(model).score(frame, 3, model.mediumThreshold()).size();
                long f2 = System.nanoTime();
                new io.clarion.model.Scorer(model).score(frame, 3);
                System.out.printf("Scoring %,d accounts: features %.2f s, model with drivers for the raised accounts %.2f s"
                        + " (with drivers for every account %.2f s)%n", scored, (f1 - f0) / 1e9, (f2 - f1) / 1e9, (System.nanoTime() - f2) / 1e9);
            }
            for (int i = 1; i <= 2; i++) {
                long t3 = System.nanoTime();
                Consumer<String> run = line -> System.out.printf("  %7.1f s  %s%n", (System.nanoTime() - t3) / 1e9, line);
                BriefingRun.Report dry = briefings.run(SKILL, null, true, run).report();
                System.out.printf("Weekly run (dry run %d): %.1f s; %s%n", i, (System.nanoTime() - t3) / 1e9, dry.notes().get(0));
            }
        });
    }

    /**
     * As the demo benchmark's table, at this scale: the model trained as if today were the first
     * of 12 weekly dates, then the rules, the model and the ceiling (the outcome itself) ranked at
     * the rules' per-owner counts over those dates.
     */
    @Test
    void backtestAgainstTheRulesAndTheCeilingOnALargeDataSet() throws Exception {
        onTheLargeDataSet((engine, briefings) -> {
            BriefingSpec spec = briefings.spec(SKILL);
            ChurnModels models = briefings.models();
            io.clarion.engine.QueryService q = engine.queries();
            int weeks = ChurnModelBenchmark.WEEKS;
            java.time.LocalDate firstWeek = q.referenceDate().minusDays(spec.churn().horizonDays()).minusWeeks(weeks - 1);
            long t0 = System.nanoTime();
            TrainedModel m = models.train(spec, models.trainingSet(spec, firstWeek, line -> { }));
            System.out.printf("Training as of %s: %.1f s, %,d rows; %s%n", firstWeek, (System.nanoTime() - t0) / 1e9,
                    m.window().trainRows(), m.describe());
            Map<String, java.util.function.Function<java.time.LocalDate, Map<String, Double>>> others = new java.util.LinkedHashMap<>();
            others.put("ceiling", d -> {
                Map<String, Double> outcome = new HashMap<>();
                new io.clarion.model.FeatureBuilder(q).positives(spec.churn(), d).forEach(id -> outcome.put(id, 1.0));
                return outcome;
                });
                long t1 = System.nanoTime();
                ChurnModels.Evaluation e = models.evaluate(spec, m, weeks, others, line -> { });
                System.out.printf("Evaluation over %d weekly dates (%.1f s)%n", weeks, (System.nanoTime() - t1) / 1e9);
                System.out.print(ChurnModelBenchmark.table(e));
                ChurnModels.Measure top = ChurnModelBenchmark.measure(e, "ceiling");
                for (String n : java.util.List.of("model", "rules")) {
                    ChurnModels.Measure x = ChurnModelBenchmark.measure(e, n);
                    System.out.printf("%s's share of the ceiling: precision %.0f%%, PR-AUC %.0f%%%n", n,
                            100 * x.precision() / top.precision(), 100 * x.prAuc() / top.prAuc());
                }
        });
    }

    private interface Work {
        void run(Engine engine, Briefings briefings) throws Exception;
    }

    /** An engine and the skills on the large data set, with no model of the skill before or after. */
    private static void onTheLargeDataSet(Work work) throws Exception {
        Map<String, String> c = new HashMap<>(LargeDataSet.ready().engineConfig());
        try (Engine engine = Engine.start(k -> Optional.ofNullable(c.get(k)), Progress.NONE);
             Briefings briefings = Briefings.assemble(engine, k -> Optional.ofNullable(c.get(k)))) {
            forgetModels(engine);
            try {
                work.run(engine, briefings);
            } finally {
                forgetModels(engine);
            }
        }
    }

    /** Clarion's own models of the skill in the data set's app store, so the benchmarks on it time what they say. */
    private static void forgetModels(Engine engine) throws Exception {
        try (Connection con = engine.warehouse().connection(); Statement s = con.createStatement()) {
            s.executeUpdate("DELETE FROM clarion.churn_model WHERE skill = '" + SKILL + "'");
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return sum >> 20;
    }
}
