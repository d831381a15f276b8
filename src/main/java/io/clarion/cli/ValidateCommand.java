package io.clarion.cli;

import io.clarion.briefing.skill.Skill;
import io.clarion.briefing.skill.SkillLoader;
import io.clarion.diagnostics.Issue;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.TimeBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a catalog folder and the skills; print every error with file:line:column.")
public class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "semantic", paramLabel = "DIR", description = "catalog folder (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--skills", paramLabel = "DIR", description = "skills folder (default: skills, when it exists)")
    Path skills;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "briefing templates folder the skills name (default: briefings next to the skills folder)")
    Path templates;

    @Option(names = "--offline", description = "check the files only, not the live warehouse")
    boolean offline;

    @CommandLine.Mixin
    WarehouseOptions warehouse;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path skillsDir = skills != null ? skills : Files.isDirectory(Path.of("skills")) ? Path.of("skills") : null;
        CatalogLoader.LoadResult r = CatalogLoader.load(dir);
        if (!r.ok()) {
            printErrors(err, dir, r.errors());
            if (skillsDir != null) err.println(skillsDir + ": not checked (the catalog has errors)");
            return 1;
        }
        Catalog c = r.catalog();
        int measures = c.cubes().values().stream().mapToInt(x -> x.measures().size()).sum();
        int dims = c.cubes().values().stream().mapToInt(x -> x.dimensions().size()).sum();
        long certified = c.members().stream().filter(m -> m.info().certified()).count();
        out.printf("%s: %d cubes, %d measures, %d dimensions, %d metrics (%d members certified) - valid%n", dir,
                c.cubes().size(), measures, dims, c.metrics().size(), certified);
        // One line per kind of note, each naming its members: a fresh draft has dozens, and a line each hid the rest.
        List<String> noKey = new java.util.ArrayList<>();
        Map<String, List<String>> defaulted = new java.util.LinkedHashMap<>();
        Map<String, List<String>> undeclared = new java.util.LinkedHashMap<>();
        for (Cube cube : c.cubes().values()) {
            if (cube.primaryKey().isEmpty()) noKey.add(cube.name());
            for (Measure m : cube.measures()) {
                if (m.time() == TimeBinding.DEFAULTED) defaulted.computeIfAbsent(cube.name() + " (by " + m.timeDimension(), k -> new java.util.ArrayList<>()).add(m.name());
                if (m.time() == TimeBinding.UNDECLARED) undeclared.computeIfAbsent(cube.name(), k -> new java.util.ArrayList<>()).add(m.name());
            }
        }
        if (!noKey.isEmpty()) out.println("  note: no primary key on " + String.join(", ", noKey));
        if (!defaulted.isEmpty()) out.println("  note: measures dated by their cube's only time dimension, as they name no time_dimension: "
                + byCube(defaulted, "): "));
        if (!undeclared.isEmpty()) out.println("  note: measures treated as timeless (a time filter on them is refused), as they name no"
                + " time_dimension and their cube has no single one: " + byCube(undeclared, ": ") + "; declare time_dimension or timeless: true");
        io.clarion.catalog.model.Roles roles = io.clarion.catalog.model.Roles.of(c);
        for (String note : roles.notes()) out.println("  note: " + note);
        if (!roles.bound().isEmpty()) {
            out.println("  roles: " + String.join(", ", roles.bound().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()));
            List<String> unbound = io.clarion.catalog.model.Roles.ALL.keySet().stream().filter(role -> !roles.has(role)).toList();
            if (!unbound.isEmpty()) {
                out.println("  note: no cube or member has role " + String.join(", ", unbound) + "; a skill that needs one is switched off"
                        + " (mark it with meta: {role: ...}; see the skills README)");
            }
        }
        if (c.referenceDateRule().isEmpty()) {
            // Relative dates on data that ends in the past read as an unexplained 0: say where "today" will come from.
            out.println("  note: the catalog sets no reference_date: \"last quarter\" is read as of clarion.reference-date or --as-of "
                    + "when given, else the warehouse's dataset_info.as_of, else the calendar date (today); to fix it, "
                    + io.clarion.query.DateRange.REFERENCE_DATE_FIXES);
        }
        out.flush();
        int live = offline ? 0 : LiveCheck.run(c, dir, warehouse, out, err);
        if (live != 0) return live;
        if (skillsDir == null) return 0;
        Path templatesDir = templates != null ? templates
                : skillsDir.resolveSibling("briefings");
        SkillLoader.LoadResult s = SkillLoader.load(skillsDir, templatesDir, c);
        // Skills written for another catalog are switched off, not errors: the catalog in hand is what is being validated.
        for (Issue i : s.unbound()) out.println("  switched off: " + i + " [" + i.key() + "]");
        out.flush();
        if (!s.ok()) {
            printErrors(err, skillsDir, s.errors());
            return 1;
        }
        out.printf("%s: %d skills (%s) - valid%s%n", skillsDir, s.skills().size(),
                String.join(", ", s.skills().stream().map(Skill::name).toList()),
                s.unbound().isEmpty() ? "" : "; " + s.unbound().size() + " switched off for this catalog (above)");
        out.flush();
        return 0;
    }

    /** "invoice_line: count, quantity_sum; track: count" */
    private static String byCube(Map<String, List<String>> members, String between) {
        return String.join("; ", members.entrySet().stream().map(e -> e.getKey() + between + String.join(", ", e.getValue())).toList());
    }

    private static void printErrors(PrintWriter err, Path dir, List<Issue> errors) {
        for (Issue e : errors) err.println(e);
        err.println(dir + ": " + errors.size() + " error" + (errors.size() == 1 ? "" : "s"));
        err.flush();
    }
}
