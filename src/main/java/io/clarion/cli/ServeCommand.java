package io.clarion.cli;

import io.clarion.app.Clarion;
import io.clarion.config.ConfigLookup;
import io.clarion.engine.Engine;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the server (the default). With no database configured, starts the "
        + "embedded PostgreSQL and loads the demo data set on first start.")
public class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default 8080, or quarkus.http.port)")
    Integer port;

    @Option(names = "--catalog", description = "catalog folder (default ./semantic)")
    String catalog;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "\"today\" for relative dates such as last quarter "
            + "(sets clarion.reference-date; default: the catalog's reference_date, else the data set's date, else today)")
    java.time.LocalDate asOf;

    @Override
    public Integer call() {
        if (asOf != null) System.setProperty("clarion.reference-date", asOf.toString());
        if (port != null) System.setProperty("quarkus.http.port", String.valueOf(port));
        if (catalog != null) System.setProperty("clarion.catalog.dir", catalog);
        System.setProperty(Clarion.CONSOLE_PROGRESS_KEY, "true");
        // An invalid catalog is the common start-up mistake: say so in plain lines before the server boots.
        try {
            Engine.loadCatalog(Engine.catalogDir(new ConfigLookup()));
        } catch (Engine.StartupException e) {
            System.err.println("clarion: " + e.getMessage());
            return 1;
        }
        Quarkus.run();
        return 0;
    }
}
