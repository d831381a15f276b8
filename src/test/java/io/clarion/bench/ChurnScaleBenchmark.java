package io.clarion.bench;

import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.Briefings;
import io.clarion.model.TrainedModel;
import io.clarion.testing.BriefingApp;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;

/**
 * Prints figures; asserts nothing about speed. The retention skill's churn model on a large data
 * set: training time and memory, and what scoring by the model adds to the weekly run beside the
 * rules alone (the same dry run, before and after a model is promoted). Run with
 * {@code mvn -Pbenchmark test -Dtest=ChurnScaleBenchmark -DskipITs} (-Dbench.scale=N, default
 * 100,000 customers, generated once into its own database).
 */
class ChurnScaleBenchmark {
    static final String SKILL = "weekly-retention-risk";

    @Test
    void trainingAndScoringOnALargeDataSet() throws Exception {
        LargeDataSet data = LargeDataSet.ready();
        try (BriefingApp app = BriefingApp.start(data.engineConfig())) {
            Briefings b = app.briefings();
            try (Connection c = app.engine().warehouse().connection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM clarion.churn_model WHERE skill = '" + SKILL + "'");
            }
            double rules = weeklyRun(b, "rules only");

            ChurnModelBenchmark.resetPeak();
            System.gc();
            long heapBefore = ChurnModelBenchmark.heapUsed();
            long t0 = System.nanoTime();
            TrainedModel m = b.models().train(b.spec(SKILL), null, line -> { });
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "Training at %,d customers: %.1f s, %,d rows x %d features, %,d validation rows; heap peak %,d MiB "
                            + "(%,d MiB before), process peak RSS %s%n", data.scale(), trainSeconds, m.window().trainRows(), m.features().size(),
                    m.gate().rows(), ChurnModelBenchmark.heapPeak() >> 20, heapBefore >> 20, ChurnModelBenchmark.peakRss());
            System.out.println("  " + m.describe() + "; " + m.gate().reason());
            if (!m.promoted()) {
                System.out.println("The model was not promoted: the weekly run keeps its rules, so scoring by the model is not measured.");
                return;
            }
            double model = weeklyRun(b, "model v" + m.version());
            System.out.printf(Locale.ROOT, "Scoring by the model adds %.1f s to the weekly run (best of two: %.1f s against %.1f s with the rules)%n",
                    model - rules, model, rules);
        }
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
