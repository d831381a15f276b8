package io.clarion.briefing.delivery;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one send with retries: transient failures are retried with doubling backoff, a server's
 * Retry-After replaces the backoff for that wait, and a Retry-After beyond
 * {@link DeliverySettings.Retry#maxRetryAfter()} ends the send at once, for the caller to reschedule.
 */
final class Retries {
    private static final Logger LOG = Logger.getLogger(Retries.class);

    private final DeliverySettings.Retry settings;
    private final RetryPolicy<String> policy;

    Retries(DeliverySettings.Retry settings) {
        this.settings = settings;
        RetryPolicyBuilder<String> b = RetryPolicy.<String>builder()
                .handle(DeliveryFailure.class)
                .abortOn(e -> e instanceof DeliveryFailure f && (f.permanent || tooLong(f.retryAfter)))
                .withMaxAttempts(settings.maxAttempts())
                // A negative delay tells Failsafe to use the backoff instead.
                .withDelayFnOn(ctx -> ((DeliveryFailure) ctx.getLastException()).retryAfter.orElse(Duration.ofMillis(-1)),
                        DeliveryFailure.class)
                .onRetry(e -> LOG.debugf("delivery attempt %d failed: %s", e.getAttemptCount(),
                        e.getLastException() == null ? "" : e.getLastException().getMessage()));
        // Failsafe's backoff needs its first delay strictly below the cap.
        if (settings.backoff().compareTo(DeliverySettings.MAX_BACKOFF) < 0) b.withBackoff(settings.backoff(), DeliverySettings.MAX_BACKOFF);
        else b.withDelay(DeliverySettings.MAX_BACKOFF);
        this.policy = b.build();
    }

    private boolean tooLong(Optional<Duration> retryAfter) {
        return retryAfter.isPresent() && retryAfter.get().compareTo(settings.maxRetryAfter()) > 0;
    }

    /** Runs {@code attempt} (which returns the sent message's detail or throws a DeliveryFailure) until done. */
    DeliveryResult run(Supplier<String> attempt) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            String detail = Failsafe.with(policy).get(() -> {
                attempts.incrementAndGet();
                return attempt.get();
            });
            return new DeliveryResult.Sent(attempts.get(), detail);
        } catch (DeliveryFailure f) {
            return new DeliveryResult.Failed(f.permanent, f.reason, attempts.get(), f.retryAfter);
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) Thread.currentThread().interrupt();
            return new DeliveryResult.Failed(false, "interrupted", Math.max(1, attempts.get()), Optional.empty());
        } catch (RuntimeException e) {
            // A bug, not the server: reported, not thrown, so the caller can record it and move on.
            LOG.warn("delivery failed unexpectedly", e);
            return new DeliveryResult.Failed(false, "unexpected error: " + e, Math.max(1, attempts.get()), Optional.empty());
        }
    }
}
