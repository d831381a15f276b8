package io.clarion.cli;

import io.clarion.api.EngineHolder;
import io.clarion.config.ConfigLookup;
import io.clarion.engine.Engine;
import io.clarion.demo.ConsoleProgress;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "serve", description = "Start the server (the default). With no database configured, starts the "
        + "embedded PostgreSQL and loads the demo data set on first start.")
public class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default 8080, or quarkus.http.port)")
    Integer port;

    @Option(names = "--catalog", description = "catalog folder (default ./semantic)")
    String catalog;

    @Override
    public Integer call() {
        if (port != null) System.setProperty("quarkus.http.port", String.valueOf(port));
        if (catalog != null) System.setProperty("clarion.catalog.dir", catalog);
        Engine engine;
        try {
            engine = Engine.start(new ConfigLookup(), new ConsoleProgress());
        } catch (Engine.StartupException e) {
            System.err.println("clarion: " + e.getMessage());
            return 1;
        }
        EngineHolder.prepare(engine);
        Quarkus.run();
        return 0;
    }
}
