package io.clarion.briefing.delivery;

import io.clarion.retry.Retrying;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one send with the shared retry policy ({@link Retrying}): transient failures are retried with doubling backoff, a server's
 * Retry-After replaces the backoff for that wait, and a Retry-After beyond
 * {@link DeliverySettings.Retry#maxRetryAfter()} ends the send at once, for the caller to reschedule.
 */
final class Retries {
    private static final Logger LOG = Logger.getLogger(Retries.class);

    private final Retrying.Settings settings;

    Retries(DeliverySettings.Retry settings) {
        this.settings = new Retrying.Settings(settings.maxAttempts(), settings.backoff(), DeliverySettings.MAX_BACKOFF,
                settings.maxRetryAfter(), 0);
    }

    /** Runs {@code attempt} (which returns the sent message's detail or throws a DeliveryFailure) until done. */
    DeliveryResult run(Supplier<String> attempt) {
        Retrying.Outcome<String> o = Retrying.run(settings, e -> e instanceof DeliveryFailure f
                ? new Retrying.Verdict(!f.permanent, f.retryAfter) : new Retrying.Verdict(false, Optional.empty()), attempt);
        if (o.ok()) return new DeliveryResult.Sent(o.attempts(), o.value());
        if (o.interrupted()) return new DeliveryResult.Failed(false, "interrupted", o.attempts(), Optional.empty());
        if (o.failure() instanceof DeliveryFailure f) return new DeliveryResult.Failed(f.permanent, f.reason, o.attempts(), f.retryAfter);
        // A bug, not the server: reported, not thrown, so the caller can record it and move on.
        LOG.warn("delivery failed unexpectedly", o.failure());
        return new DeliveryResult.Failed(false, "unexpected error: " + o.failure(), o.attempts(), Optional.empty());
    }
}
