package io.clarion.bench;

import io.clarion.briefing.BriefingSpec;
import io.clarion.briefing.ChurnModels;
import io.clarion.briefing.skill.Skill;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.demo.DemoGenerator;
import io.clarion.engine.QueryService;
import io.clarion.model.TrainedModel;
import io.clarion.store.AppStore;
import io.clarion.testing.DemoEngine;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints figures; asserts nothing. The retention skill's churn model against its rules on the
 * demo data set (5,000 customers), over the 12 weekly dates the briefing backtest replays, each
 * ranking showing every owner as many accounts as the rules do; and the ceiling: the same
 * accounts ranked by the hazard the generator drew churn from (never in the warehouse). The
 * model is trained as if today were the first of those dates, so nothing it learns comes from
 * after it. Run with {@code mvn -Pbenchmark test -Dtest=ChurnModelBenchmark -DskipITs}.
 */
class ChurnModelBenchmark {
    static final String SKILL = "weekly-retention-risk";
    static final int WEEKS = 12;

    @Test
    void modelVersusRulesVersusCeilingOnTheDemo() {
        QueryService q = DemoEngine.queries();
        AppStore.migrate(TestDatabase.demo());
        Skill skill = SkillLoader.load(DemoEngine.projectDir().resolve("skills"), DemoEngine.projectDir().resolve("briefings"),
                DemoEngine.catalog()).skills().stream().filter(s -> s.name().equals(SKILL)).findFirst().orElseThrow();
        BriefingSpec s0 = BriefingSpec.from(skill);
        // Stored under a name of its own: the shipped skill on this database keeps to its rules (golden briefings are built from them).
        BriefingSpec spec = new BriefingSpec(SKILL + "-benchmark", s0.model(), s0.suppressWeeks(), s0.channels(), s0.templates(), s0.recipients(),
                s0.recipientKey(), s0.recipientName(), s0.recipientEmail(), s0.recipientSlack(), s0.churn());
        ChurnModels models = new ChurnModels(q, TestDatabase.demo());
        LocalDate firstWeek = q.referenceDate().minusDays(spec.churn().horizonDays()).minusWeeks(WEEKS - 1);

        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        System.gc();
        long heapBefore = heapUsed();
        long t0 = System.nanoTime();
        TrainedModel m = models.train(spec, firstWeek, line -> { });
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "Training (as of %s): %.1f s, %,d rows x %d features; heap peak %,d MiB (%,d MiB before), process peak RSS %s%n",
                firstWeek, trainSeconds, m.window().trainRows(), m.features().size(), peak >> 20, heapBefore >> 20, peakRss());
        System.out.println("  " + m.describe() + "; passes: " + m.passes());

        Map<String, Double> hazard = new DemoGenerator(TestDatabase.demoSpec()).hiddenHazards();
        Function<LocalDate, Map<String, Double>> ceiling = d -> hazard;
        long t1 = System.nanoTime();
        ChurnModels.Evaluation e = models.evaluate(spec, m, WEEKS, Map.of("ceiling", ceiling), line -> { });
        System.out.printf(Locale.ROOT, "Evaluation over %d weekly dates (%.1f s)%n", WEEKS, (System.nanoTime() - t1) / 1e9);
        System.out.print(table(e));
        ChurnModels.Measure rules = e.measures().get(0);
        ChurnModels.Measure model = e.measures().get(1);
        ChurnModels.Measure top = e.measures().get(2);
        System.out.printf(Locale.ROOT, "Model's share of the ceiling: precision %.0f%%, PR-AUC %.0f%%; rules': precision %.0f%%, PR-AUC %.0f%%%n",
                100 * model.precision() / top.precision(), 100 * model.prAuc() / top.prAuc(),
                100 * rules.precision() / top.precision(), 100 * rules.prAuc() / top.prAuc());
    }

    static String table(ChurnModels.Evaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d dates (%s .. %s), %,d account-dates, %,d churned within 90 days (base rate %.1f%%)%n",
                e.dates().size(), e.dates().get(0), e.dates().get(e.dates().size() - 1), e.rows(), e.positives(), e.baseRate() * 100));
        sb.append(String.format(Locale.ROOT, "| %-8s | %7s | %9s | %7s | %7s | %7s | %10s |%n", "ranking", "shown", "precision", "recall", "PR-AUC", "ROC AUC", "mean score"));
        for (ChurnModels.Measure m : e.measures()) {
            sb.append(String.format(Locale.ROOT, "| %-8s | %7d | %8.1f%% | %6.1f%% | %7.3f | %7.3f | %10.3f |%n", m.name(), m.shown(), m.precision() * 100,
                    m.recall() * 100, m.prAuc(), m.rocAuc(), m.meanScore()));
        }
        return sb.toString();
    }

    static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The process's peak resident memory (heap, the trees' native memory and the rest), where the system reports it. */
    static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("n/a");
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
