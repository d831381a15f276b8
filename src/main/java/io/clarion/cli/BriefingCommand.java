package io.clarion.cli;

import io.clarion.briefing.Backtest;
import io.clarion.briefing.BriefingPreview;
import io.clarion.briefing.BriefingRun;
import io.clarion.briefing.Briefings;
import io.clarion.briefing.OwnerBriefing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Briefings from the command line: run a skill's cycle now, or replay it against what happened. */
@Command(name = "briefing", mixinStandardHelpOptions = true, description = "Run or backtest a briefing skill.",
        subcommands = {BriefingCommand.Run.class, BriefingCommand.BacktestCommand.class})
public class BriefingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Work with briefings assembled over a started engine; returns the exit code. */
    @FunctionalInterface
    interface BriefingWork {
        int run(Briefings briefings, PrintWriter out);
    }

    /** Starts the engine, assembles briefings and runs the work; an unknown skill is one plain line (exit 1). */
    static int withBriefings(WarehouseOptions warehouse, CommandLine.Model.CommandSpec spec, BriefingWork work) throws Exception {
        return warehouse.withClarion(clarion -> {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Briefings b = clarion.briefings();
                int code = work.run(b, out);
                out.flush();
                return code;
            } catch (Briefings.UnknownSkill | io.clarion.briefing.Backtest.Unavailable e) {
                spec.commandLine().getErr().println("clarion: " + e.getMessage());
                return 1;
            }
        });
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Build every owner's briefing for the cycle, store it, and send it (once: a cycle already built is not sent again).")
    static class Run implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SKILL", defaultValue = "weekly-retention-risk",
                description = "the briefing skill (default: ${DEFAULT-VALUE})")
        String skill;

        @Option(names = "--dry-run", description = "build and print the briefings; store and send nothing")
        boolean dryRun;

        @Option(names = "--owner", paramLabel = "ID", description = "with --render: whose briefing to render (an owner_id, e.g. own_001)")
        String owner;

        @Option(names = "--render", paramLabel = "FORMAT", description = "with --dry-run and --owner: print that owner's briefing as delivered: "
                + "html (the email), text (its plain-text part) or slack (the Slack blocks)")
        String render;

        @Option(names = "--as-of", description = "the cycle's reference date (default: the warehouse's)")
        LocalDate asOf;

        @Mixin
        WarehouseOptions warehouse;

        @Mixin
        SkillsOptions skills;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if ((render != null || owner != null) && !(dryRun && render != null && owner != null)) {
                spec.commandLine().getErr().println("clarion: --render and --owner go together, with --dry-run: "
                        + "briefing run --dry-run --owner own_001 --render html|text|slack");
                return 1;
            }
            BriefingPreview.Render format;
            try {
                format = render == null ? null : BriefingPreview.Render.parse(render);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("clarion: " + e.getMessage());
                return 1;
            }
            skills.applyTo(warehouse);
            return withBriefings(warehouse, spec, (b, out) -> {
                // Stages go to stderr, so the report on stdout stays clean for scripts.
                PrintWriter err = spec.commandLine().getErr();
                if (format != null) {
                    BriefingRun.Report report = b.run(skill, asOf, true, line -> {
                        err.println("  … " + line);
                        err.flush();
                    }).report();
                    try {
                        BriefingPreview p = BriefingPreview.dryRun(b, report, owner, format);
                        if (p.note() != null) err.println("  note: " + p.note());
                        out.println(p.body());
                        return 0;
                    } catch (java.util.NoSuchElementException e) {
                        err.println("clarion: " + e.getMessage());
                        return 1;
                    }
                }
                Briefings.Outcome o = b.run(skill, asOf, dryRun, line -> {
                    err.println("  … " + line);
                    err.flush();
                });
                BriefingRun.Report r = o.report();
                out.printf(Locale.ROOT, "%s, cycle %s%s: %d accounts in scope, %d flagged, %s MRR at risk (%d ms)%n",
                        r.skill(), r.cycle(), r.dryRun() ? " (dry run)" : "", r.accountsInScope(), r.flagged(),
                        io.clarion.briefing.BriefingBuilder.money(r.mrrAtRisk()), r.millis());
                for (BriefingRun.Built built : r.briefings()) {
                    OwnerBriefing.Headline h = built.briefing().headline();
                    out.printf(Locale.ROOT, "  %-10s %-24s %3d flagged, %3d shown, %12s%n", built.briefing().owner().ownerId(),
                            built.briefing().owner().name(), h.flagged(), h.shown(),
                            io.clarion.briefing.BriefingBuilder.money(h.mrrAtRisk()));
                }
                r.notes().forEach(n -> out.println("  note: " + n));
                if (!r.dryRun()) {
                    out.printf(Locale.ROOT, "built %d, already built %d; sent %d, to retry %d, failed %d%n", r.built(), r.existing(),
                            o.deliveries().sent(), o.deliveries().retrying(), o.deliveries().failed());
                }
                return o.deliveries().failed() > 0 ? 2 : 0;
            });
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Replay a risk skill at weekly reference dates in the past and report precision and recall against churn that followed.")
    static class BacktestCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SKILL", defaultValue = "weekly-retention-risk",
                description = "the briefing skill (default: ${DEFAULT-VALUE})")
        String skill;

        @Option(names = "--weeks", defaultValue = "12", description = "weekly reference dates to replay (default: ${DEFAULT-VALUE})")
        int weeks;

        @Option(names = "--horizon-days", defaultValue = "90", description = "churn counted within this many days after each date (default: ${DEFAULT-VALUE})")
        int horizon;

        @Mixin
        AsOfOption asOf;

        @Mixin
        WarehouseOptions warehouse;

        @Mixin
        SkillsOptions skills;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (weeks < 1 || weeks > 104) {
                spec.commandLine().getErr().println("clarion: --weeks must be between 1 and 104, got " + weeks);
                return 1;
            }
            asOf.applyTo(warehouse);
            skills.applyTo(warehouse);
            return withBriefings(warehouse, spec, (b, out) -> {
                out.printf(Locale.ROOT, "%-10s %8s %8s %8s %9s %8s %9s %8s %6s%n", "as of", "in scope", "churned",
                        "flagged", "precision", "recall", "shown", "sh.prec", "base");
                PrintWriter err = spec.commandLine().getErr();
                Backtest.Result r = b.backtest(skill, weeks, horizon, new Backtest.Progress() {
                    @Override
                    public void week(int done, int of, Backtest.Week w) {
                        out.println(line(w.asOf() == null ? "" : w.asOf().toString(), w));
                        out.flush();
                    }

                    @Override
                    public void stage(String line) {
                        // Stages go to stderr, as for a run: the table on stdout stays clean for scripts.
                        err.println("  … " + line);
                        err.flush();
                    }
                });
                    out.println(line("all weeks", r.total()));
                    return 0;
            });
        }

        static String line(String label, Backtest.Week w) {
            return String.format(Locale.ROOT, "%-10s %8d %8d %8d %9s %8s %9d %8s %6s", label, w.inScope(), w.churned(), w.flagged(),
                    pct(w.precision()), pct(w.recall()), w.shown(), pct(w.shownPrecision()), pct(w.baseRate()));
        }

        static String pct(Double v) {
            return v == null ? "—" : String.format(Locale.ROOT, "%.1f%%", v * 100);
        }
    }
}
