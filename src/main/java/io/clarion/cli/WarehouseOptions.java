package io.clarion.cli;

import io.clarion.config.ConfigLookup;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Where the warehouse is, for commands that talk to it; options override configuration. */
public class WarehouseOptions {
    @Option(names = "--jdbc-url", description = "warehouse JDBC URL (default: the embedded PostgreSQL)")
    String jdbcUrl;

    @Option(names = "--username", description = "warehouse user")
    String username;

    @Option(names = "--password", description = "warehouse password")
    String password;

    @Option(names = "--home", description = "data folder of the embedded PostgreSQL (default ~/.clarion)")
    String home;

    @Option(names = "--catalog", description = "catalog folder (default ./semantic)")
    String catalog;

    /** Work done with a started engine; returns the exit code. */
    @FunctionalInterface
    public interface EngineWork {
        int run(io.clarion.engine.Engine engine) throws Exception;
    }

    /**
     * Starts the engine on this warehouse and runs the work: a warehouse that is down (3) or a
     * start that fails, such as an invalid catalog (1), is one plain line, never a stack trace.
     */
    public int withEngine(EngineWork work) throws Exception {
        try (io.clarion.engine.Engine engine = io.clarion.engine.Engine.start(config(), io.clarion.demo.Progress.NONE)) {
            return work.run(engine);
        } catch (io.clarion.warehouse.WarehouseException e) {
            System.err.println("clarion: " + e.getMessage());
            return 3;
        } catch (io.clarion.engine.Engine.StartupException e) {
            System.err.println("clarion: " + e.getMessage());
            return 1;
        }
    }

    /** Configuration with these options on top. */
    public Function<String, Optional<String>> config() {
        Map<String, String> overrides = new HashMap<>();
        if (jdbcUrl != null) overrides.put("clarion.warehouse.jdbc-url", jdbcUrl);
        if (username != null) overrides.put("clarion.warehouse.username", username);
        if (password != null) overrides.put("clarion.warehouse.password", password);
        if (home != null) overrides.put("clarion.home", home);
        if (catalog != null) overrides.put("clarion.catalog.dir", catalog);
        // A command works beside a server running on the same embedded PostgreSQL, on its server.
        overrides.put("clarion.warehouse.beside-running-server", "true");
        ConfigLookup base = new ConfigLookup();
        return key -> Optional.ofNullable(overrides.get(key)).or(() -> base.apply(key));
    }
}
