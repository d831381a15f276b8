package io.clarion.engine;

import io.clarion.retry.Retrying;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Start-up work that can be run again whole, since each piece is one transaction (the app
 * store's migrations, loading the demo data set): retried when the database failed in a way that
 * may pass on a busy machine (no pooled connection in time, a dropped connection, a deadlock or
 * serialization failure with another instance starting beside it, too many connections), and
 * failed at once for anything else (a missing grant, a broken migration), which no wait mends.
 */
public final class StartupRetry {
    /** Five attempts over about half a minute of waiting: longer than a slow start, shorter than a person's patience. */
    static final Retrying.Settings SETTINGS = new Retrying.Settings(5, Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ZERO, 0.2);
    /** Connection failures (class 08), serialization failure, deadlock, the server shutting down or starting, too many connections. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    private StartupRetry() {
    }

    /**
     * Runs {@code work}, again after a transient failure.
     *
     * @param what    what the work is, for the retry message ("migrating the app store")
     * @param onRetry told each time a failed attempt is retried, with what failed
     */
    public static <T> T run(String what, Supplier<T> work, Consumer<String> onRetry) {
        return run(SETTINGS, what, work, onRetry);
    }

    static <T> T run(Retrying.Settings settings, String what, Supplier<T> work, Consumer<String> onRetry) {
        int[] attempt = {0};
        Throwable[] failed = {null};
        Retrying.Outcome<T> o = Retrying.run(settings, e -> {
            failed[0] = e;
            return new Retrying.Verdict(transientFailure(e), Optional.empty());
        }, () -> {
            if (attempt[0]++ > 0) {
                onRetry.accept(what + ": attempt " + attempt[0] + " of " + settings.maxAttempts() + " (" + rootMessage(failed[0]) + ")");
            }
            return work.get();
        });
        if (o.ok()) return o.value();
        if (o.interrupted()) throw new IllegalStateException(what + " was interrupted", o.failure());
        throw o.failure();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t != null && t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == null ? "?" : String.valueOf(t.getMessage());
    }

    /** Whether a failure, or anything it was caused by, is a database failure that may pass. */
    static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
