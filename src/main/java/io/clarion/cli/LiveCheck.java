package io.clarion.cli;

import io.clarion.catalog.model.Catalog;
import io.clarion.diagnostics.Issue;
import io.clarion.diagnostics.IssueRenderer;
import io.clarion.diagnostics.Location;
import io.clarion.warehouse.Warehouse;
import io.clarion.warehouse.WarehouseSettings;
import io.clarion.warehouse.check.WarehouseCheck;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code validate}'s second half: the catalog against the configured warehouse. */
final class LiveCheck {
    private LiveCheck() {
    }

    /** 0 when the warehouse agrees (warnings printed), 1 for errors, 3 when it cannot be reached. */
    static int run(Catalog catalog, Path dir, WarehouseOptions options, PrintWriter out, PrintWriter err) {
        WarehouseSettings settings = WarehouseSettings.from(options.config());
        if (settings.embedded()) {
            out.println("  live check skipped: no warehouse configured (give --jdbc-url, or --offline to say so)");
            out.flush();
            return 0;
        }
        Optional<String> unreachable = options.unreachable();
        if (unreachable.isPresent()) {
            err.println("clarion: " + unreachable.get());
            err.flush();
            return 3;
        }
        WarehouseCheck.Result r;
        try (Warehouse w = Warehouse.open(settings)) {
            r = WarehouseCheck.run(catalog, w.dataSource());
        } catch (Exception e) {
            err.println("clarion: the live check could not run: " + e.getMessage());
            err.flush();
            return 3;
        }
        print(out, dir, r.warnings(), "warning: ");
        print(err, dir, r.errors(), "");
        String target = io.clarion.warehouse.ConnectionProbe.describe(settings.jdbcUrl().orElseThrow());
        if (!r.errors().isEmpty()) {
            err.println(target + ": " + r.errors().size() + " error" + (r.errors().size() == 1 ? "" : "s")
                    + " against the live warehouse (" + r.warnings().size() + " warnings)");
            err.flush();
            return 1;
        }
        out.println(target + ": the catalog matches the live warehouse (" + r.warnings().size() + " warning"
                + (r.warnings().size() == 1 ? "" : "s") + ")");
        out.flush();
        return 0;
    }

    private static void print(PrintWriter w, Path dir, List<Issue> issues, String prefix) {
        // Locations name files from the catalog folder's own name on ("semantic/customers.yml").
        Path parent = dir.toAbsolutePath().getParent();
        for (Issue i : issues) {
            String source = null;
            if (i.where() instanceof Location loc) {
                try {
                    Path p = parent == null ? Path.of(loc.file()) : parent.resolve(loc.file());
                    if (Files.isRegularFile(p)) source = Files.readString(p);
                } catch (IOException | RuntimeException e) {
                    source = null;
                }
            }
            w.println(prefix + IssueRenderer.withCaret(i, source));
        }
        w.flush();
    }
}
