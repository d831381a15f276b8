package io.clarion.briefing.delivery;

import java.time.Duration;
import java.util.Optional;

/** How a send ended. Senders return it; they never throw. */
public sealed interface DeliveryResult {

    /** Attempts made, the first included. */
    int attempts();

    /** @param detail the SMTP Message-ID, the Slack message's ts, or "webhook" for an incoming webhook */
    record Sent(int attempts, String detail) implements DeliveryResult {
    }

    /**
     * @param permanent  retrying will not help (a rejected address, an unknown channel, bad credentials)
     * @param reason     short and specific, fit for a delivery's last_error and for people
     * @param retryAfter the wait the server asked for, when it asked for one
     */
    record Failed(boolean permanent, String reason, int attempts, Optional<Duration> retryAfter) implements DeliveryResult {
        public boolean retryable() {
            return !permanent;
        }
    }
}
