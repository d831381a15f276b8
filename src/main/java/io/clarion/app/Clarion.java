package io.clarion.app;

import io.clarion.briefing.Briefings;
import io.clarion.demo.ConsoleProgress;
import io.clarion.demo.Progress;
import io.clarion.engine.Engine;
import io.clarion.governance.auth.Authenticator;
import io.clarion.governance.auth.JwtVerifier;
import io.clarion.warehouse.WarehouseSettings;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Function;

/**
 * The one composition root: Clarion assembled from its configuration, for the server (the
 * Quarkus producers in {@code api} delegate here) and for every command of the command line.
 * The engine (catalog, warehouse, app store, audit, query service) starts at once; the chat,
 * the briefings and the authenticator are built on first use, each once.
 */
public final class Clarion implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Clarion.class);
    /** Set by the command line's serve: the server then prints start-up progress to the console. */
    public static final String CONSOLE_PROGRESS_KEY = "clarion.start.console-progress";

    private final Function<String, Optional<String>> config;
    private final Engine engine;
    private Agents.Chat chat;
    private Briefings briefings;

    private Clarion(Function<String, Optional<String>> config, Engine engine) {
        this.config = config;
        this.engine = engine;
    }

    /** Starts the engine; a failure is an {@link Engine.StartupException} whose message is for people. */
    public static Clarion start(Function<String, Optional<String>> config, Progress progress) {
        return new Clarion(config, Engine.start(config, progress));
    }

    /** How long a starting server waits for a configured warehouse to answer (seconds). */
    public static final String START_WAIT_KEY = "clarion.warehouse.start-wait-seconds";
    /** Whether a starting server checks the catalog against the live warehouse (true unless set false). */
    public static final String CHECK_ON_START_KEY = "clarion.warehouse.check-on-start";

    /**
     * Starts Clarion as a server: a configured warehouse that does not answer yet is waited for
     * (bounded, one line per attempt to {@code log}), so the server neither fails at once when it
     * starts beside its database nor says it is ready while it cannot answer; then the catalog is
     * checked against the live warehouse (tables, columns, SQL, keys, row-filter columns), and an
     * error stops the start with every finding, rather than failing each query later.
     */
    public static Clarion startServer(Function<String, Optional<String>> config, Progress progress, java.util.function.Consumer<String> log) {
        WarehouseSettings ws = WarehouseSettings.from(config);
        if (!ws.embedded()) {
            java.time.Duration wait = java.time.Duration.ofSeconds(config.apply(START_WAIT_KEY).map(Long::parseLong).orElse(60L));
            io.clarion.warehouse.ConnectionProbe.await(ws.jdbcUrl().orElseThrow(), ws.username(), ws.password(), wait, log).ifPresent(f -> {
                throw new Engine.StartupException(f.permanent() ? f.message()
                        : f.message() + "; gave up after " + wait.toSeconds() + " s (" + START_WAIT_KEY + " sets how long to wait)", null);
            });
        }
        Clarion c = start(config, progress);
        if (config.apply(CHECK_ON_START_KEY).map(Boolean::parseBoolean).orElse(true)) {
            try {
                c.checkWarehouse(log);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** The live catalog check: warnings to {@code log}, errors as one {@link Engine.StartupException} listing each. */
    void checkWarehouse(java.util.function.Consumer<String> log) {
        long t0 = System.nanoTime();
        io.clarion.warehouse.check.WarehouseCheck.Result r;
        try {
            r = io.clarion.warehouse.check.WarehouseCheck.run(engine.catalog(), engine.warehouse().dataSource());
        } catch (RuntimeException | java.sql.SQLException e) {
            throw new Engine.StartupException("cannot check the catalog against the warehouse: " + e.getMessage(), e);
        }
        String target = io.clarion.warehouse.ConnectionProbe.describe(engine.warehouse().jdbcUrl());
        for (var w : r.warnings()) log.accept("warning: " + io.clarion.diagnostics.IssueRenderer.text(w));
        if (!r.errors().isEmpty()) {
            StringBuilder m = new StringBuilder("the catalog in " + engine.catalogDir() + " does not match the warehouse at " + target
                    + " (" + r.errors().size() + (r.errors().size() == 1 ? " error" : " errors") + "):");
            for (var e : r.errors()) m.append("\n  ").append(io.clarion.diagnostics.IssueRenderer.text(e));
            m.append("\nclarion validate ").append(engine.catalogDir()).append(" shows each in place; ").append(CHECK_ON_START_KEY)
                    .append("=false starts without this check");
            throw new Engine.StartupException(m.toString(), null);
        }
        log.accept("the catalog matches the warehouse at " + target + " (" + r.warnings().size() + " warning"
                + (r.warnings().size() == 1 ? "" : "s") + ", checked in " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    }

    /** The progress the configuration asks for: a console bar under the command line's serve, else none. */
    public static Progress progress(Function<String, Optional<String>> config) {
        return config.apply(CONSOLE_PROGRESS_KEY).map(Boolean::parseBoolean).orElse(false) ? new ConsoleProgress() : Progress.NONE;
    }

    public Function<String, Optional<String>> config() {
        return config;
    }

    public Engine engine() {
        return engine;
    }

    /** The server's chat: the LLM agent when configured, dimension values read in the background. */
    public synchronized Agents.Chat chat() {
        if (chat == null) chat = Agents.assemble(engine, config, false, false);
        return chat;
    }

    /**
     * A chat for one command: {@code forceOffline} never uses the LLM (to evaluate the offline
     * reader); dimension values are read before the first question, since a command answers at once.
     */
    public Agents.Chat commandChat(boolean forceOffline) {
        return Agents.assemble(engine, config, forceOffline, true);
    }

    /** The briefings: skills validated against the catalog and templates, store, links, delivery. */
    public synchronized Briefings briefings() {
        if (briefings == null) briefings = Briefings.assemble(engine, config);
        return briefings;
    }

    /**
     * Who may call the API: the users file, the demo users (on by default only with the embedded
     * demo warehouse; a configured warehouse needs real users) and, with {@code parser}, JWTs
     * from the configured identity provider.
     */
    public Authenticator authenticator(JWTParser parser) {
        boolean embedded = WarehouseSettings.from(config).embedded();
        try {
            var verifier = JwtVerifier.configure(config, parser);
            verifier.ifPresent(v -> LOG.infof("API: JWTs from the identity provider are accepted (keys at %s)",
                    config.apply(JwtVerifier.KEY_LOCATION).orElse("mp.jwt.verify.publickey")));
            return Authenticator.configure(config, engine.catalog().access(), embedded, verifier.orElse(null));
        } catch (IllegalStateException e) {
            throw new Engine.StartupException(e.getMessage(), e);
        }
    }

    /** Briefings first (their sends in flight are recorded), then the chat's background work, then the pool and PostgreSQL. */
    @Override
    public void close() {
        Briefings b;
        Agents.Chat c;
        synchronized (this) {
            b = briefings;
            c = chat;
        }
        if (b != null) b.close();
        if (c != null) c.close();
        engine.close();
    }
}
