package io.clarion.cli;

import io.clarion.app.Clarion;
import io.clarion.demo.Progress;
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

    @Option(names = "--store-jdbc-url", description = "where Clarion keeps its own state (audit, briefings, feedback); "
            + "default: the embedded PostgreSQL (clarion.store.jdbc-url)")
    String storeJdbcUrl;

    @Option(names = "--home", description = "data folder of the embedded PostgreSQL (default ~/.clarion)")
    String home;

    @Option(names = "--catalog", description = "catalog folder (default ./semantic)")
    String catalog;

    /** "Today" for relative dates, set by commands that answer questions ({@code --as-of}); null for the configured one. */
    String referenceDate;

    /** Skills and their templates, set by the briefing commands ({@code --skills}, {@code --templates}); null for the configured ones. */
    java.nio.file.Path skillsDir;
    java.nio.file.Path templatesDir;

    /** Work done with a started Clarion; returns the exit code. */
    @FunctionalInterface
    public interface ClarionWork {
        int run(Clarion clarion) throws Exception;
    }

    /**
     * Starts the engine on this warehouse and runs the work: a warehouse that is down (3), work whose
     * audit row could not be written (2) or a start that fails, such as an invalid catalog (1), is one
     * plain line, never a stack trace.
     */
    public int withClarion(ClarionWork work) throws Exception {
        Optional<String> unreachable = unreachable();
        if (unreachable.isPresent()) {
            System.err.println("clarion: " + unreachable.get());
            return 3;
        }
        try (Clarion clarion = Clarion.start(config(), Progress.NONE)) {
            return work.run(clarion);
        } catch (io.clarion.governance.audit.AuditLog.Unwritten e) {
            // The app store refused the audit row: the work failed (and was rolled back), the warehouse is not down.
            System.err.println("clarion: " + e.getMessage());
            return 2;
        } catch (io.clarion.warehouse.WarehouseException e) {
            System.err.println("clarion: " + e.getMessage());
            return 3;
        } catch (io.clarion.engine.Engine.StartupException e) {
            System.err.println("clarion: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Why the configured warehouse cannot be reached (in the driver's words, within seconds), or
     * empty when it can or when the embedded one is used: a command, unlike the server, has no
     * reason to wait for a server that is down.
     */
    public Optional<String> unreachable() {
        io.clarion.warehouse.WarehouseSettings s = io.clarion.warehouse.WarehouseSettings.from(config());
        if (s.embedded()) return Optional.empty();
        return io.clarion.warehouse.ConnectionProbe.check(s.jdbcUrl().orElseThrow(), s.username(), s.password())
                .map(io.clarion.warehouse.ConnectionProbe.Failure::message);
    }

    /** Configuration with these options on top. */
    public Function<String, Optional<String>> config() {
        Map<String, String> overrides = new HashMap<>();
        if (jdbcUrl != null) overrides.put("clarion.warehouse.jdbc-url", jdbcUrl);
        if (username != null) overrides.put("clarion.warehouse.username", username);
        if (password != null) overrides.put("clarion.warehouse.password", password);
        if (referenceDate != null) overrides.put("clarion.reference-date", referenceDate);
        if (skillsDir != null) {
            overrides.put("clarion.skills.dir", skillsDir.toString());
            // Templates beside the skills, as validate finds them, unless named.
            overrides.put("clarion.briefings.dir", (templatesDir != null ? templatesDir : skillsDir.toAbsolutePath().resolveSibling("briefings")).toString());
        } else if (templatesDir != null) {
            overrides.put("clarion.briefings.dir", templatesDir.toString());
        }
        if (storeJdbcUrl != null) overrides.put("clarion.store.jdbc-url", storeJdbcUrl);
        if (home != null) overrides.put("clarion.home", home);
        if (catalog != null) overrides.put("clarion.catalog.dir", catalog);
        // A command works beside a server running on the same embedded PostgreSQL, on its server.
        overrides.put("clarion.warehouse.beside-running-server", "true");
        ConfigLookup base = new ConfigLookup();
        return key -> Optional.ofNullable(overrides.get(key)).or(() -> base.apply(key));
    }
}
