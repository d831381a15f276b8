package io.clarion.cli;

import io.clarion.briefing.Briefings;
import io.clarion.briefing.ChurnModels;
import io.clarion.model.TrainedModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** A risk skill's learned churn model from the command line: train it, measure it against the rules, list its versions. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Train, evaluate or list a risk skill's churn model.",
        subcommands = {ModelCommand.Train.class, ModelCommand.Evaluate.class, ModelCommand.Status.class})
public class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every model subcommand reads: the warehouse, the skills, and where to print. */
    abstract static class ModelWork implements Callable<Integer> {
        @Mixin
        WarehouseOptions warehouse;

        @Mixin
        SkillsOptions skills;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Long work reports each stage on stderr as it starts, so stdout stays the result. */
        java.util.function.Consumer<String> progress() {
            PrintWriter err = spec.commandLine().getErr();
            return line -> {
                err.println("  … " + line);
                err.flush();
            };
        }

        int withModels(BriefingCommand.BriefingWork work) throws Exception {
            return ModelCommand.withModels(warehouse, skills, spec, work);
        }
    }

    /** Runs the work over assembled briefings; an unknown skill, or one without a model, is one plain line (exit 1). */
    static int withModels(WarehouseOptions warehouse, SkillsOptions skills, CommandLine.Model.CommandSpec spec,
                          BriefingCommand.BriefingWork work) throws Exception {
        skills.applyTo(warehouse);
        return BriefingCommand.withBriefings(warehouse, spec, (b, out) -> {
            try {
                return work.run(b, out);
            } catch (ChurnModels.Unavailable e) {
                spec.commandLine().getErr().println("clarion: " + e.getMessage());
                return 1;
            } catch (IllegalStateException e) {
                // Training can find nothing to learn (no churn in the window): say so, no stack trace.
                spec.commandLine().getErr().println("clarion: " + e.getMessage());
                return 1;
            }
        });
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the skill's churn model on past reference dates (older ones train, the newest validate) and store it as its next version.")
    static class Train extends ModelWork {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SKILL", defaultValue = "weekly-retention-risk",
                description = "the risk skill (default: ${DEFAULT-VALUE})")
        String skill;

        @Option(names = "--as-of", description = "train as if this were today: the last origin is one horizon before it (default: the warehouse's date)")
        LocalDate asOf;


        @Override
        public Integer call() throws Exception {
            return withModels((b, out) -> {
                long t0 = System.nanoTime();
                TrainedModel m = b.models().train(b.spec(skill), asOf, progress());
                out.printf(Locale.ROOT, "%s: stored %s in %,d ms%n", skill, m.describe(), (System.nanoTime() - t0) / 1_000_000);
                printModel(out, m);
                return 0;
            });
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Measure the skill's current model beside its rules at weekly dates whose outcome is known, showing owners as many accounts as the rules do.")
    static class Evaluate extends ModelWork {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SKILL", defaultValue = "weekly-retention-risk",
                description = "the risk skill (default: ${DEFAULT-VALUE})")
        String skill;

        @Option(names = "--weeks", defaultValue = "4", description = "weekly dates to measure, the latest one horizon before today (default: ${DEFAULT-VALUE})")
        int weeks;


        @Override
        public Integer call() throws Exception {
            if (weeks < 1 || weeks > 52) {
                spec.commandLine().getErr().println("clarion: --weeks must be between 1 and 52, got " + weeks);
                return 1;
            }
            return withModels((b, out) -> {
                TrainedModel m = b.models().store().current(skill).orElseThrow(() -> new ChurnModels.Unavailable(
                        "skill " + skill + " has no trained model yet: clarion model train " + skill));
                ChurnModels.Evaluation e = b.models().evaluate(b.spec(skill), m, weeks, Map.of(), progress());
                out.printf(Locale.ROOT, "%s, %s%n", skill, m.describe());
                out.print(table(e));
                return 0;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "List each risk skill's model versions: window, validation measures, the promotion gate's result, which one the briefing uses.")
    static class Status extends ModelWork {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SKILL", description = "one risk skill (default: every one)")
        String skill;


        @Override
        public Integer call() throws Exception {
            return withModels((b, out) -> {
                List<String> names = skill == null ? b.riskSkills() : List.of(b.spec(skill).skill());
                for (String s : names) {
                    List<TrainedModel> history = b.models().store().history(s);
                    if (history.isEmpty()) {
                        out.printf(Locale.ROOT, "%s: no model trained; the briefing uses its rules%s%n", s,
                                b.spec(s).churn() == null ? " (the skill declares no model: section)" : " (clarion model train " + s + ")");
                        continue;
                    }
                    TrainedModel used = b.models().usable(b.spec(s)).orElse(null);
                    out.printf(Locale.ROOT, "%s: the briefing uses %s%n", s, used != null ? used.describe() + ", the newest promoted model"
                            : "its rules (no promoted model reads the skill's features)");
                    for (TrainedModel m : history) {
                        out.printf(Locale.ROOT, "  v%-3d %s  %s%n", m.version(), m.createdAt().toString().substring(0, 19).replace('T', ' '),
                                m.describe().replaceFirst("^churn model v\\d+ ", ""));
                        out.printf(Locale.ROOT, "       %s%n", m.gate().reason());
                    }
                }
                return 0;
            });
        }
    }

    static void printModel(PrintWriter out, TrainedModel m) {
        TrainedModel.Window w = m.window();
        out.printf(Locale.ROOT, "  trained on origins %s .. %s (%,d rows, %,d owners' verdicts), validated on %s .. %s, horizon %d days%n",
                w.trainFrom(), w.trainTo(), w.trainRows(), w.verdictRows(), w.validFrom(), w.validTo(), w.horizonDays());
        out.printf(Locale.ROOT, "  validation: ROC AUC %.3f, PR-AUC %.3f, base rate %.1f%%%s%n", m.validation().rocAuc(), m.validation().prAuc(),
                m.validation().baseRate() * 100, m.rules() == null ? "" : String.format(Locale.ROOT, "; rules ROC AUC %.3f, PR-AUC %.3f",
                        m.rules().rocAuc(), m.rules().prAuc()));
        out.printf(Locale.ROOT, "  flags from %.0f%% churn probability%n", m.mediumThreshold() * 100);
        out.printf(Locale.ROOT, "  %s; the briefing %s%n", m.gate().reason(),
                m.promoted() ? "uses this model" : "keeps to the model promoted before it, or its rules");
    }

    static String table(ChurnModels.Evaluation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d dates (%s .. %s), %,d account-dates, %,d churned within the horizon (base rate %.1f%%)%n",
                e.dates().size(), e.dates().get(0), e.dates().get(e.dates().size() - 1), e.rows(), e.positives(), e.baseRate() * 100));
        sb.append(String.format(Locale.ROOT, "%-10s %7s %9s %7s %7s %7s %10s%n", "ranking", "shown", "precision", "recall", "PR-AUC", "ROC AUC", "mean score"));
        for (ChurnModels.Measure m : e.measures()) {
            sb.append(String.format(Locale.ROOT, "%-10s %7d %8.1f%% %6.1f%% %7.3f %7.3f %10.3f%n", m.name(), m.shown(), m.precision() * 100,
                    m.recall() * 100, m.prAuc(), m.rocAuc(), m.meanScore()));
        }
        return sb.toString();
    }
}
