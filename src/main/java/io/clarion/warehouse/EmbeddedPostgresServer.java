package io.clarion.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real PostgreSQL from binaries shipped in a Maven artifact, with a persistent data
 * directory so a restart reuses what was loaded. It is Clarion's alone: password
 * authentication with a password generated on first start (kept beside the data folder,
 * readable by its owner only) and a unix socket only its owner may use. A server left
 * running by a Clarion that died is stopped before starting; only a live Clarion holding the
 * data folder is a reason to refuse (see {@link DataFolder}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres pg;
    private final DataFolder folder;
    private final String password;
    /**
     * Our own stop-on-exit hook instead of the library's: the server removes it and stops
     * PostgreSQL itself, after briefings in flight are recorded (JVM hooks run all at once).
     */
    private final Thread hook;
    private boolean closed;

    private EmbeddedPostgresServer(EmbeddedPostgres pg, DataFolder folder, String password) {
        this.pg = pg;
        this.folder = folder;
        this.password = password;
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

    /**
     * Starts PostgreSQL on {@code dataDir}, or refuses at once when a live Clarion holds it.
     *
     * @throws DataFolder.InUseException when another running Clarion owns the data folder
     */
    public static EmbeddedPostgresServer start(Path dataDir) {
        DataFolder folder = new DataFolder(dataDir);
        try {
            Files.createDirectories(dataDir);
            ownerOnly(dataDir);
            Optional<DataFolder.Running> live = folder.running();
            if (live.isPresent()) throw folder.inUse(live.get());
            folder.stopStaleServer();
            String password = folder.password();
            Path work = folder.binaries();
            Files.createDirectories(work);
            EmbeddedPostgres pg;
            try {
                pg = EmbeddedPostgres.builder()
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
                        .setServerConfig("listen_addresses", "localhost")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setServerConfig("unix_socket_permissions", "0700")
                        .setConnectConfig("password", password)
                        .setDataDirectoryCustomizer((File dir) -> folder.requirePassword(password))
                        .setPGStartupWait(java.time.Duration.ofSeconds(60))
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IllegalStateException e) {
                folder.released();
                // Another Clarion took the folder between our look and the library's lock.
                Optional<DataFolder.Running> other = folder.running();
                if (other.isPresent()) throw folder.inUse(other.get());
                throw e;
            } catch (IOException | RuntimeException e) {
                folder.released();
                // A start that gave up may have left a postmaster behind; do not leave it to the next start.
                folder.stopStaleServer();
                throw e;
            }
            folder.recordRunning(pg.getPort());
            return new EmbeddedPostgresServer(pg, folder, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
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

    /** The URL of the {@code postgres} database as user {@code postgres}; the password is separate. */
    public String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    public String password() {
        return password;
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            folder.forgetRunning();
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
