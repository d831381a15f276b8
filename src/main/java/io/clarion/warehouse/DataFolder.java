package io.clarion.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL's data folder and what Clarion keeps beside it (under clarion.home):
 * {@code <folder>.password}, the generated password of user postgres, and while a Clarion runs
 * the server, {@code <folder>.server} with its port and process id, so the command line can
 * work beside it. Both are readable by their owner only.
 *
 * <p>Whether a live Clarion holds the folder is answered by the library's lock file inside it
 * ({@code epg-lock}), not by a pid file: the operating system releases a file lock when its
 * process dies, even by {@code kill -9}, so the answer cannot go stale.
 */
public final class DataFolder {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DataFolder.class);
    static final String HBA_MARK = "# Clarion: password authentication only";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    /**
     * Folders this JVM holds. Looking at our own lock through a second channel is not safe: on
     * POSIX systems closing any descriptor of a file drops every lock the process has on it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    /**
     * Where this JVM's starts asked for binaries: the library extracts them once per JVM, into
     * the first start's folder, so a later folder's own may be empty.
     */
    private static final Set<Path> BINARIES_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private boolean passwordGenerated;

    public DataFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The PostgreSQL a live Clarion runs on this folder: where it listens and how to log in. */
    public record Running(int port, long pid, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        }
    }

    /** Raised when a live Clarion holds the data folder; the message says what to do. */
    public static final class InUseException extends IllegalStateException {
        InUseException(String message) {
            super(message);
        }
    }

    Path passwordFile() {
        return dir.resolveSibling(dir.getFileName() + ".password");
    }

    Path serverFile() {
        return dir.resolveSibling(dir.getFileName() + ".server");
    }

    Path binaries() {
        Path bin = dir.resolveSibling(dir.getFileName() + "-bin");
        BINARIES_HERE.add(bin);
        return bin;
    }

    /** The server of a live Clarion holding this folder, once it has recorded its port. */
    public Optional<Running> running() throws IOException {
        if (!held()) return Optional.empty();
        Properties p = new Properties();
        if (Files.exists(serverFile())) {
            try (var in = Files.newBufferedReader(serverFile())) {
                p.load(in);
            }
        }
        String password = Files.exists(passwordFile()) ? Files.readString(passwordFile()).strip() : "";
        return Optional.of(new Running(Integer.parseInt(p.getProperty("port", "0")),
                Long.parseLong(p.getProperty("pid", "0")), password));
    }

    /**
     * Waits (up to {@code wait}) for a live Clarion's server to be ready to share: it may be
     * starting. Empty when no live Clarion holds the folder.
     */
    public Optional<Running> runningWhenReady(Duration wait) throws IOException {
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Running> r = running();
            if (r.isEmpty() || r.get().port() > 0) return r;
            if (System.nanoTime() > until) {
                throw new InUseException("the embedded PostgreSQL in " + dir + " is being started by another Clarion"
                        + " and did not come up within " + wait.toSeconds() + " s; try again when it has");
            }
            sleep(200);
        }
    }

    InUseException inUse(Running r) {
        return new InUseException("the embedded PostgreSQL in " + dir + " is in use by a running Clarion"
                + (r.pid() > 0 ? " (pid " + r.pid() + ")" : "")
                + "; stop that one first, or give this one another clarion.home");
    }

    private boolean held() throws IOException {
        if (HELD_HERE.contains(dir)) return true;
        Path lock = dir.resolve("epg-lock");
        if (!Files.exists(lock)) return false;
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) return true;
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /**
     * Stops a PostgreSQL left serving this folder by a Clarion that died (kill -9, a failed
     * start): no live Clarion holds the folder, so nobody else can be using it.
     */
    void stopStaleServer() throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            pid = lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException | IOException e) {
            return; // half-written: PostgreSQL judges it itself
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (ph.isEmpty()) return; // PostgreSQL removes a lock file whose process is gone
        if (!isPostgres(ph.get())) {
            // The number went to another process since: PostgreSQL would refuse to start over it.
            Files.deleteIfExists(pidFile);
            return;
        }
        LOG.infof("stopping the PostgreSQL (pid %d) left running in %s by a Clarion that is no longer running", pid, dir);
        // The stale server's own pg_ctl first: it matches the server whatever this JVM extracted.
        Optional<Path> pgCtl = ph.get().info().command().map(c -> Path.of(c).resolveSibling("pg_ctl")).filter(Files::isExecutable)
                .or(() -> binary("pg_ctl"));
        if (pgCtl.isPresent()) {
            run(List.of(pgCtl.get().toString(), "stop", "-D", dir.toString(), "-m", "fast", "-w", "-t", "60"), null);
        }
        if (ph.get().isAlive()) {
            ph.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with their Clarion
            try {
                ph.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("could not stop the PostgreSQL (pid " + pid + ") left running in " + dir, e);
            }
        }
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres")).orElse(true);
    }

    /** The password of user postgres: generated on first use, kept readable by the owner only. */
    String password() throws IOException {
        Path file = passwordFile();
        if (Files.exists(file)) {
            restrict(file);
            String pw = Files.readString(file).strip();
            if (!pw.isEmpty()) return pw;
        }
        SecureRandom random = new SecureRandom();
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 32; i++) pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        writeOwnerOnly(file, pw.toString());
        passwordGenerated = true;
        return pw.toString();
    }

    /**
     * Runs between initdb and the server's start, with the folder locked: a folder initialised
     * with the library's {@code trust} authentication (a new one, or one from before passwords)
     * gets the password and password-only authentication before it ever listens.
     */
    void requirePassword(String password) {
        HELD_HERE.add(dir);
        try {
            Path hba = dir.resolve("pg_hba.conf");
            boolean ours = Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARK);
            if (ours && !passwordGenerated) return;
            Path postgres = binary("postgres").orElseThrow(() -> new IOException("no postgres binary under " + binaries()));
            // Single-user mode: no listener, so nobody can log in while the password is unset.
            String out = run(List.of(postgres.toString(), "--single", "-D", dir.toString(), "-F", "-c", "exit_on_error=true", "postgres"),
                    "ALTER ROLE postgres PASSWORD '" + password + "'\n");
            if (out != null) throw new IOException("could not set the password of the embedded PostgreSQL: " + out);
            Files.writeString(hba, HBA_MARK + "; the password is kept beside the data folder.\n"
                    + "local   all   all                  scram-sha-256\n"
                    + "host    all   all   127.0.0.1/32   scram-sha-256\n"
                    + "host    all   all   ::1/128        scram-sha-256\n");
        } catch (IOException e) {
            HELD_HERE.remove(dir);
            throw new UncheckedIOException(e);
        }
    }

    /** Records where the server listens, for the command line beside it. */
    void recordRunning(int port) throws IOException {
        HELD_HERE.add(dir);
        writeOwnerOnly(serverFile(), "port=" + port + "\npid=" + ProcessHandle.current().pid() + "\n");
    }

    void forgetRunning() {
        HELD_HERE.remove(dir);
        try {
            Files.deleteIfExists(serverFile());
        } catch (IOException e) {
            LOG.debugf("could not remove %s: %s", serverFile(), e.getMessage());
        }
    }

    /** Forgets this folder as held here after a start that failed. */
    void released() {
        HELD_HERE.remove(dir);
    }

    private Optional<Path> binary(String name) {
        Optional<Path> own = binaryUnder(binaries(), name);
        if (own.isPresent()) return own;
        return BINARIES_HERE.stream().flatMap(b -> binaryUnder(b, name).stream()).max(Comparator.comparing(DataFolder::modified));
    }

    private static Optional<Path> binaryUnder(Path binaries, String name) {
        if (!Files.isDirectory(binaries)) return Optional.empty();
        try (var dirs = Files.list(binaries)) {
            return dirs.map(d -> d.resolve("bin").resolve(name)).filter(Files::isExecutable)
                    .max(Comparator.comparing(DataFolder::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Runs a PostgreSQL tool; null when it succeeded, else the end of its output. As root it runs
     * in a user namespace, as the library runs its tools (PostgreSQL refuses to run as root).
     */
    private static String run(List<String> tool, String stdin) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) command.addAll(List.of("unshare", "-U"));
        command.addAll(tool);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (Writer w = p.outputWriter(StandardCharsets.UTF_8)) {
            if (stdin != null) w.write(stdin);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return tool.get(0) + " did not finish within 120 s";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() == 0) return null;
        String tail = out.strip();
        return tail.length() > 500 ? tail.substring(tail.length() - 500) : tail;
    }

    /** Written to a new file created owner-only and moved into place, so it is never readable by others. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
