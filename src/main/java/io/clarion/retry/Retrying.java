package io.clarion.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One way to retry a call to another service (an LLM endpoint, Slack, SMTP): failures that may
 * pass are retried with doubling backoff, a server's Retry-After replaces the backoff for that
 * wait, and a Retry-After beyond the accepted wait ends the call at once. Built on Failsafe, so
 * the LLM path and delivery share the policy rather than each writing a loop.
 */
public final class Retrying {
    private Retrying() {
    }

    /**
     * @param maxAttempts   attempts in all, the first included
     * @param backoff       the first wait; doubled after each failure up to {@code maxBackoff}
     * @param maxRetryAfter the longest Retry-After accepted; a longer one ends the call
     * @param jitter        a share of each wait added at random, so clients that failed together do not retry together
     */
    public record Settings(int maxAttempts, Duration backoff, Duration maxBackoff, Duration maxRetryAfter, double jitter) {
    }

    /** What a failure says: whether another attempt may help, and how long the server asked to wait. */
    public record Verdict(boolean retriable, Optional<Duration> retryAfter) {
    }

    /** How a call ended: its value, or its last failure; the attempts made; whether a Retry-After was too long to wait. */
    public record Outcome<T>(T value, RuntimeException failure, int attempts, boolean retryAfterTooLong, boolean interrupted) {
        public boolean ok() {
            return failure == null && !interrupted;
        }
    }

    /** Runs {@code attempt} until it succeeds, a failure is not retriable, or the attempts are spent. */
    public static <T> Outcome<T> run(Settings s, Function<RuntimeException, Verdict> judge, Supplier<T> attempt) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<RuntimeException> last = new AtomicReference<>();
        Predicate<Throwable> tooLong = e -> e instanceof RuntimeException r
                && judge.apply(r).retryAfter().filter(d -> d.compareTo(s.maxRetryAfter()) > 0).isPresent();
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf(e -> e instanceof RuntimeException)
                .abortIf((T r, Throwable e) -> e != null && (!(e instanceof RuntimeException re) || !judge.apply(re).retriable() || tooLong.test(e)))
                .withMaxAttempts(Math.max(1, s.maxAttempts()))
                // A server's Retry-After is waited exactly; otherwise doubling backoff, lengthened (never
                // shortened) by jitter so that clients that failed together do not retry together.
                .withDelayFn(ctx -> {
                    Optional<Duration> asked = ctx.getLastException() instanceof RuntimeException r
                            ? judge.apply(r).retryAfter() : Optional.empty();
                    return asked.orElseGet(() -> backoff(s, ctx.getAttemptCount()));
                })
                .build();
        try {
            T value = Failsafe.with(policy).get(() -> {
                attempts.incrementAndGet();
                try {
                    return attempt.get();
                } catch (RuntimeException e) {
                    last.set(e);
                    throw e;
                }
            });
            return new Outcome<>(value, null, attempts.get(), false, false);
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new Outcome<>(null, last.get(), Math.max(1, attempts.get()), false, true);
            }
            RuntimeException failure = last.get() != null ? last.get() : e;
            return new Outcome<>(null, failure, Math.max(1, attempts.get()), tooLong.test(failure), false);
        } catch (RuntimeException e) {
            return new Outcome<>(null, e, Math.max(1, attempts.get()), tooLong.test(e), false);
        }
    }

    /** The wait after {@code failures} failed attempts: doubling from the first wait up to the cap, plus jitter. */
    static Duration backoff(Settings s, int failures) {
        long ms = s.backoff().toMillis() << Math.min(Math.max(0, failures - 1), 16);
        ms = Math.min(ms, s.maxBackoff().toMillis());
        if (s.jitter() > 0) ms += java.util.concurrent.ThreadLocalRandom.current().nextLong((long) (ms * s.jitter()) + 1);
        return Duration.ofMillis(ms);
    }

    /** A Retry-After header in seconds; HTTP dates are rare from the services Clarion calls, and the backoff applies then. */
    public static Optional<Duration> retryAfter(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
