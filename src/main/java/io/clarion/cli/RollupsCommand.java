package io.clarion.cli;

import io.clarion.catalog.model.Rollup;
import io.clarion.engine.Engine;
import io.clarion.engine.Rollups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rollups", mixinStandardHelpOptions = true,
        description = "The catalog's rollups (pre-aggregations kept in Clarion's app store): status, or build them now.",
        subcommands = {RollupsCommand.Status.class, RollupsCommand.Build.class})
public class RollupsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each rollup: built when, rows, build time, and whether queries may read it.")
    static class Status implements Callable<Integer> {
        @Mixin
        WarehouseOptions warehouse;
        @Mixin
        AsOfOption asOf;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            asOf.applyTo(warehouse);
            PrintWriter out = spec.commandLine().getOut();
            return warehouse.withClarion(clarion -> {
                Engine engine = clarion.engine();
                List<Rollups.Status> all = engine.rollups().status(engine.queries());
                if (all.isEmpty()) {
                    out.println("the catalog declares no rollups");
                } else {
                    out.printf("%-28s %-18s %-6s %-20s %-10s %10s %12s %9s  %s%n", "rollup", "cube", "fresh", "built at", "as of", "rows",
                            "tables' rows", "build ms", "note");
                    for (Rollups.Status s : all) print(s, out);
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true, description = "Build the named rollups (all when none is named) from the warehouse into the app store.")
    static class Build implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "rollups to build (default: every one)")
        List<String> names;
        @Mixin
        WarehouseOptions warehouse;
        @Mixin
        AsOfOption asOf;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            asOf.applyTo(warehouse);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return warehouse.withClarion(clarion -> {
                Engine engine = clarion.engine();
                List<String> todo = names == null || names.isEmpty()
                        ? engine.catalog().rollups().stream().map(Rollup::name).toList() : names;
                if (todo.isEmpty()) {
                    out.println("the catalog declares no rollups");
                    out.flush();
                    return 0;
                }
                int failed = 0;
                for (String n : todo) {
                    try {
                        Rollups.Status s = engine.rollups().build(n, engine.queries());
                        out.printf("built %s: %,d rows in %,d ms (as of %s)%n", s.name(), s.rows(), s.buildMillis(), s.referenceDate());
                    } catch (Rollups.RollupException e) {
                        err.println("clarion: " + e.getMessage());
                        failed++;
                    }
                }
                out.flush();
                err.flush();
                return failed == 0 ? 0 : 1;
            });
        }
    }

    static void print(Rollups.Status s, PrintWriter out) {
        out.printf("%-28s %-18s %-6s %-20s %-10s %10s %12s %9s  %s%n", s.name(), s.cube(), s.fresh() ? "yes" : "no",
                s.built() ? s.builtAt().toString().substring(0, 19).replace('T', ' ') : "never",
                s.built() ? s.referenceDate().toString() : "-", s.built() ? String.format("%,d", s.rows()) : "-",
                s.built() && s.sourceRows() > 0 ? String.format("%,d", s.sourceRows()) : "-",
                s.built() ? String.format("%,d", s.buildMillis()) : "-", note(s));
    }

    private static String note(Rollups.Status s) {
        String note = s.reason() == null ? "" : s.reason();
        Rollups.Failure f = s.lastFailure();
        if (f == null) return note;
        String failed = "last build failed " + f.at().toString().substring(0, 19).replace('T', ' ')
                + (f.attempts() > 1 ? " (" + f.attempts() + " in a row)" : "") + ": " + f.message();
        return note.isEmpty() ? failed : note + "; " + failed;
    }
}
