package io.clarion.cli;

import io.clarion.warehouse.Warehouse;
import io.clarion.warehouse.WarehouseSettings;
import io.clarion.demo.ConsoleProgress;
import io.clarion.demo.DemoGenerator;
import io.clarion.demo.DemoSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate the demo data set into the warehouse: into an empty database or schema, "
        + "or over a demo data set generated before. Tables Clarion did not create are never dropped unless named with --replace.")
public class GenerateCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "5000", description = "number of customers (default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--seed", defaultValue = "42", description = "random seed: the same seed gives the same rows (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--as-of", description = "the data set's today, YYYY-MM-DD (default: today)")
    String asOf;

    @Option(names = "--replace", split = ",", paramLabel = "TABLE",
            description = "drop these demo-named tables although Clarion did not create them (e.g. --replace customers,invoices)")
    Set<String> replace = new LinkedHashSet<>();

    @Mixin
    WarehouseOptions warehouse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (scale <= 0) {
            err.println("clarion generate: --scale must be a positive number of customers");
            return 2;
        }
        LocalDate date;
        try {
            date = asOf == null ? LocalDate.now() : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            err.println("clarion generate: --as-of must be a date as YYYY-MM-DD, got " + asOf);
            return 2;
        }
        WarehouseSettings settings = WarehouseSettings.from(warehouse.config());
        try (Warehouse w = Warehouse.open(settings); Connection c = w.connection()) {
            new DemoGenerator(new DemoSpec(seed, scale, date)).generate(c, new ConsoleProgress(err, System.console() != null), replace);
            return 0;
        } catch (Exception e) {
            err.println("clarion generate: " + rootMessage(e));
            err.flush();
            return 2;
        }
    }

    static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e.getMessage();
    }
}
