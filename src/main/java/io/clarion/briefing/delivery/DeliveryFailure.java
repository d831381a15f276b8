package io.clarion.briefing.delivery;

import java.time.Duration;
import java.util.Optional;

/** One failed attempt, as the retry policy sees it. Never leaves this package. */
final class DeliveryFailure extends RuntimeException {
    final boolean permanent;
    final String reason;
    final Optional<Duration> retryAfter;

    private DeliveryFailure(boolean permanent, String reason, Optional<Duration> retryAfter) {
        super(reason, null, false, false); // control flow: no stack trace needed
        this.permanent = permanent;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    static DeliveryFailure permanent(String reason) {
        return new DeliveryFailure(true, reason, Optional.empty());
    }

    static DeliveryFailure transientFailure(String reason) {
        return new DeliveryFailure(false, reason, Optional.empty());
    }

    static DeliveryFailure transientFailure(String reason, Optional<Duration> retryAfter) {
        return new DeliveryFailure(false, reason, retryAfter);
    }
}
