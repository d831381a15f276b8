package io.clarion.cli;

import io.clarion.catalog.draft.CatalogDrafter;
import io.clarion.catalog.draft.DbSchema;
import io.clarion.catalog.draft.DraftWriter;
import io.clarion.warehouse.Warehouse;
import io.clarion.warehouse.WarehouseSettings;
import io.clarion.warehouse.introspect.SchemaReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true, description = "Draft a catalog folder from a PostgreSQL schema: one cube "
        + "per table, keys, joins, personal data masked, nothing certified, and a README of what to review. Running it again "
        + "reports what changed and never overwrites a file a person edited.")
public class InitCommand implements Callable<Integer> {
    @Option(names = "--schema", defaultValue = "public", description = "the schema to read (default: ${DEFAULT-VALUE})")
    String schema;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE", description = "only these tables or views (comma-separated)")
    List<String> tables;

    @Option(names = "--out", defaultValue = "semantic", paramLabel = "DIR", description = "the catalog folder to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    WarehouseOptions warehouse;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> unreachable = warehouse.unreachable();
        if (unreachable.isPresent()) {
            err.println("clarion: " + unreachable.get());
            err.flush();
            return 3;
        }
        DbSchema db;
        try (Warehouse w = Warehouse.open(WarehouseSettings.from(warehouse.config())); Connection c = w.connection()) {
            db = SchemaReader.read(c, schema, t -> tables == null || tables.contains(t));
        }
        if (db.tables().isEmpty()) {
            err.println("clarion: schema " + schema + " has no tables" + (tables == null ? "" : " named " + String.join(", ", tables))
                    + " that this user can see (check --schema, --tables, and that the user has USAGE on the schema)");
            err.flush();
            return 1;
        }
        if (tables != null) {
            List<String> missing = tables.stream().filter(t -> db.table(t).isEmpty()).toList();
            if (!missing.isEmpty()) {
                err.println("clarion: no table " + String.join(", ", missing) + " in schema " + schema);
                err.flush();
                return 1;
            }
        }
        DraftWriter.Outcome r = DraftWriter.write(out, db, CatalogDrafter.draft(db));
        o.printf("%s: read %d tables of schema %s%n", out, db.tables().size(), schema);
        r.schemaChanges().forEach(s -> o.println("  changed: " + s));
        if (!r.written().isEmpty()) o.println("  wrote: " + String.join(", ", r.written()));
        if (!r.updated().isEmpty()) o.println("  updated: " + String.join(", ", r.updated()));
        if (!r.unchanged().isEmpty()) o.println("  unchanged: " + r.unchanged().size() + " files");
        r.removed().forEach(s -> o.println("  removed: " + s));
        r.kept().forEach(s -> o.println("  kept: " + s));
        o.println("next: review " + out.resolve("README.md") + ", then: clarion validate " + out + " --jdbc-url ...");
        o.flush();
        return 0;
    }
}
