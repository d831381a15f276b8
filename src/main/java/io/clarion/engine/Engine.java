package io.clarion.engine;

import io.clarion.governance.audit.AuditLog;
import io.clarion.store.Store;
import io.clarion.store.StoreSettings;
import io.clarion.warehouse.Warehouse;
import io.clarion.warehouse.WarehouseSettings;

import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.sql.PostgresDialect;
import io.clarion.demo.DemoLoader;
import io.clarion.demo.DemoSpec;
import io.clarion.demo.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * Clarion assembled: the catalog loaded and validated, the warehouse connected (or the embedded
 * one started and the demo data loaded on first start), the app schema migrated, and the query
 * service ready. The server and the command line build the same engine.
 */
public final class Engine implements AutoCloseable {
    public static final String ROLLUPS_ENABLED_KEY = "clarion.rollups.enabled";
    private final Catalog catalog;
    private final Warehouse warehouse;
    private final QueryService queries;
    private final Path catalogDir;
    private final AuditLog audit;
    private final Store store;
    private RollupRefresher refresher;

    private Engine(Catalog catalog, Path catalogDir, Warehouse warehouse, Store store, QueryService queries) {
        this.catalog = catalog;
        this.catalogDir = catalogDir;
        this.warehouse = warehouse;
        this.store = store;
        this.queries = queries;
        this.audit = new AuditLog(store.dataSource(), catalog);
    }

    /** Raised when the engine cannot start; the message is for people (no stack trace needed). */
    public static class StartupException extends RuntimeException {
        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Path catalogDir(Function<String, Optional<String>> config) {
        return Path.of(config.apply("clarion.catalog.dir").orElse("semantic"));
    }

    /** Loads and validates the catalog; every error is in the exception message. */
    public static Catalog loadCatalog(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StartupException("catalog folder " + dir.toAbsolutePath() + " does not exist (set clarion.catalog.dir)", null);
        }
        CatalogLoader.LoadResult r = CatalogLoader.load(dir);
        if (!r.ok()) {
            throw new StartupException("the catalog in " + dir + " is invalid (" + r.errors().size() + " errors):\n" + r.report(), null);
        }
        return r.catalog();
    }

    public static Engine start(Function<String, Optional<String>> config, Progress progress) {
        Path dir = catalogDir(config);
        Catalog catalog = loadCatalog(dir);
        WarehouseSettings settings = WarehouseSettings.from(config);
        Warehouse warehouse;
        try {
            warehouse = Warehouse.open(settings);
        } catch (RuntimeException e) {
            throw new StartupException("cannot open the warehouse: " + e.getMessage(), e);
        }
        Store store = null;
        try {
            boolean loadDemo = config.apply("clarion.demo.load").map(Boolean::parseBoolean).orElse(settings.embedded());
            if (loadDemo) {
                WarehouseSettings.DemoData demo = settings.demo();
                // Each one transaction, so a load or migration that failed in passing is run again whole.
                StartupRetry.run("loading the demo data set", () -> DemoLoader.ensureLoaded(warehouse.dataSource(),
                        new DemoSpec(demo.seed(), demo.scale(), demo.asOf().orElse(LocalDate.now())), progress), Engine::retrying);
            }
            store = Store.open(StoreSettings.from(config), warehouse);
            Store opened = store;
            StartupRetry.run("migrating the app store", () -> {
                opened.migrate();
                return null;
            }, Engine::retrying);
            java.util.concurrent.atomic.AtomicReference<QueryService> self = new java.util.concurrent.atomic.AtomicReference<>();
            ReferenceDate today = new ReferenceDate(settings.referenceDate(), catalog.referenceDateRule(), warehouse.dataSource(),
                    member -> latest(self.get(), member));
            QueryService service = new QueryService(catalog, warehouse.dataSource(), PostgresDialect.INSTANCE, today, settings.rowCap(),
                    settings.statementTimeout(), store.maskKey());
            // Rollups live in the app store and are read only when exact and fresh; off, every query reads the raw tables.
            if (config.apply(ROLLUPS_ENABLED_KEY).map(Boolean::parseBoolean).orElse(true)) {
                service = service.withRollups(new Rollups(catalog, store.dataSource(), PostgresDialect.INSTANCE,
                        settings.statementTimeout(), java.time.Clock.systemUTC()));
            }
            self.set(service);
            return new Engine(catalog, dir, warehouse, store, service);
        } catch (RuntimeException e) {
            if (store != null) store.close();
            warehouse.close();
            throw e instanceof StartupException ? e : new StartupException("cannot start: " + e.getMessage(), e);
        }
    }

    private static void retrying(String message) {
        org.jboss.logging.Logger.getLogger(Engine.class).warnf("retrying %s", message);
    }

    /**
     * The newest day of a time dimension, by a governed metric query (so its SQL is the catalog's);
     * run with a fixed date, since the reference date being worked out is not known yet.
     */
    static Optional<LocalDate> latest(QueryService queries, String member) {
        String day = member + ".day";
        try {
            var out = queries.withReferenceDate(LocalDate.now()).run(io.clarion.query.QueryParser.parse("{\"dimensions\": [\"" + day
                    + "\"], \"filters\": [{\"dimension\": \"" + member + "\", \"operator\": \"set\"}], \"order_by\": [{\"field\": \""
                    + day + "\", \"direction\": \"desc\"}], \"limit\": 1, \"certified_only\": false}"), new QueryService.Options(false));
            if (out.result().rows().isEmpty() || out.result().rows().get(0).get(0) == null) return Optional.empty();
            return Optional.of(LocalDate.parse(String.valueOf(out.result().rows().get(0).get(0)).substring(0, 10)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    public Path catalogDir() {
        return catalogDir;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public QueryService queries() {
        return queries;
    }

    /** The catalog's rollups over this engine's app store (also when reading them is switched off). */
    public Rollups rollups() {
        return queries.rollups().orElseGet(() -> new Rollups(catalog, store.dataSource(), PostgresDialect.INSTANCE,
                java.time.Duration.ofMinutes(10), java.time.Clock.systemUTC()));
    }

    /**
     * Starts rebuilding the rollups that declare {@code refresh_every}, once per cluster of
     * instances sharing the store ({@code instanceName}). Nothing to do when none declares it or
     * reading rollups is switched off.
     */
    public void startRollupRefresh(String instanceName) {
        startRollupRefresh(instanceName, java.time.Duration.ofMinutes(1));
    }

    /** As {@link #startRollupRefresh(String)}, a failed build tried again {@code firstRetry} later (doubling while it fails). */
    public synchronized void startRollupRefresh(String instanceName, java.time.Duration firstRetry) {
        if (refresher != null || queries.rollups().isEmpty()) return;
        if (catalog.rollups().stream().noneMatch(r -> r.refreshEvery() != null)) return;
        Rollups r = queries.rollups().get();
        refresher = RollupRefresher.start(store.dataSource(), instanceName, catalog.rollups(), n -> r.status(n, queries),
                n -> r.build(n, queries), r::recordFailure, firstRetry, java.time.Clock.systemUTC());
    }

    /** When rollup {@code name} is next refreshed on schedule, if anything refreshes it. */
    public Optional<java.util.Date> nextRollupRefresh(String name) {
        RollupRefresher x;
        synchronized (this) {
            x = refresher;
        }
        return x == null ? Optional.empty() : Optional.ofNullable(x.nextRefresh(name));
    }

    /** Clarion's own state: audit log, briefings, feedback, scheduler, secrets. */
    public Store store() {
        return store;
    }

    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (refresher != null) refresher.close();
        }
        store.close();
        warehouse.close();
    }
}
