package io.clarion.warehouse;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * One direct connection attempt before a pool exists, so a wrong port, database or user is
 * named in the driver's own words within seconds: a pool only ever reports "request timed out",
 * whatever the cause, after waiting out its whole timeout.
 */
public final class ConnectionProbe {
    /** Seconds the driver may spend on the socket connect and on the login. */
    public static final int TIMEOUT_SECONDS = 5;

    private ConnectionProbe() {
    }

    /** Why the warehouse cannot be reached, and what to check; empty when a connection opened. */
    public static Optional<Failure> check(String jdbcUrl, String user, String password) {
        Properties p = new Properties();
        if (user != null && !jdbcUrl.contains("user=")) p.setProperty("user", user);
        if (password != null && !jdbcUrl.contains("password=")) p.setProperty("password", password);
        p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 2));
        try (Connection c = DriverManager.getConnection(jdbcUrl, p)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(explain(jdbcUrl, user, e));
        }
    }

    /**
     * Tries until the warehouse answers, a failure that will not pass (a wrong password or database),
     * or {@code wait} is spent: a server started beside its database (a container started at the same
     * time, a database restarting) should wait for it rather than fail or claim to be ready. Each
     * failed attempt is one line to {@code progress}; attempts back off from 1 s to 10 s.
     *
     * @return empty once connected; else the last failure
     */
    public static Optional<Failure> await(String jdbcUrl, String user, String password, java.time.Duration wait,
                                          java.util.function.Consumer<String> progress) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        long pause = 1_000;
        for (int attempt = 1; ; attempt++) {
            Optional<Failure> f = check(jdbcUrl, user, password);
            if (f.isEmpty()) {
                if (attempt > 1) progress.accept("the warehouse at " + describe(jdbcUrl) + " answers (attempt " + attempt + ")");
                return f;
            }
            long now = System.nanoTime();
            if (f.get().permanent() || now + pause * 1_000_000 > deadline) return f;
            progress.accept("waiting for the warehouse (attempt " + attempt + ", " + (now - start) / 1_000_000_000 + " s of "
                    + wait.toSeconds() + " s): " + f.get().message());
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return f;
            }
            pause = Math.min(pause * 2, 10_000);
        }
    }

    /**
     * A failed connection: {@code permanent} when retrying cannot help (wrong password, no such
     * database or user) rather than a server that may come up later.
     */
    public record Failure(String message, boolean permanent) {
    }

    static Failure explain(String url, String user, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String driver = firstLine(e.getMessage());
        String where = hostPort(url);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        // 08004: the server wants a password and none was given, a login problem like the others.
        if (state.equals("28P01") || state.equals("28000") || state.equals("08004")) {
            return new Failure("cannot log in to " + where + " as " + (user == null ? "the configured user" : "\"" + user + "\"")
                    + ": " + driver + " (check --username/--password, or clarion.warehouse.username/password, "
                    + "and that the user exists and may connect)", true);
        }
        if (state.equals("3D000")) {
            return new Failure("cannot open the database on " + where + ": " + driver
                    + " (check the database name at the end of the JDBC URL; list them with psql -l)", true);
        }
        if (root instanceof UnknownHostException) {
            return new Failure("cannot reach " + where + ": unknown host " + firstLine(root.getMessage())
                    + " (check the host name in the JDBC URL)", false);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new Failure("cannot reach " + where + ": " + firstLine(root.getMessage())
                    + " (check the host and port in the JDBC URL, that PostgreSQL is running there and accepts TCP connections)", false);
        }
        if (root instanceof SocketTimeoutException) {
            return new Failure("cannot reach " + where + ": no answer within " + TIMEOUT_SECONDS + " s"
                    + " (check the host and port, and any firewall between here and the server)", false);
        }
        return new Failure("cannot connect to " + where + ": " + driver + (state.isEmpty() ? "" : " (SQL state " + state + ")"), false);
    }

    /** host:port/database of a PostgreSQL URL, for messages (never the credentials in its query string). */
    public static String describe(String url) {
        return hostPort(url);
    }

    static String hostPort(String url) {
        String s = url.startsWith("jdbc:postgresql://") ? url.substring("jdbc:postgresql://".length()) : url;
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
