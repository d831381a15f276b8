package io.clarion.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryingTest {
    static final Retrying.Settings SETTINGS = new Retrying.Settings(3, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(2), 0.25);

    static final class Busy extends RuntimeException {
        final Duration retryAfter;
        final boolean retriable;

        Busy(Duration retryAfter, boolean retriable) {
            super("busy", null, false, false);
            this.retryAfter = retryAfter;
            this.retriable = retriable;
        }
    }

    static Retrying.Verdict judge(RuntimeException e) {
        return e instanceof Busy b ? new Retrying.Verdict(b.retriable, Optional.ofNullable(b.retryAfter)) : new Retrying.Verdict(false, Optional.empty());
    }

    @Test
    void aServersRetryAfterIsWaitedInFullJitterNeverShortensIt() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        Retrying.Outcome<String> o = Retrying.run(SETTINGS, RetryingTest::judge, () -> {
            if (calls.incrementAndGet() == 1) throw new Busy(Duration.ofMillis(300), true);
            return "sent";
        });
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(o.ok());
        assertEquals(2, o.attempts());
        assertTrue(waited >= 300, "waited " + waited + " ms; Retry-After asked for 300");
    }

    @Test
    void aFailureThatWillNotPassIsNotRetried() {
        Retrying.Outcome<String> o = Retrying.run(SETTINGS, RetryingTest::judge, () -> {
            throw new Busy(null, false);
        });
        assertFalse(o.ok());
        assertEquals(1, o.attempts());
    }

    @Test
    void aRetryAfterBeyondTheCapEndsTheCallAtOnce() {
        Retrying.Outcome<String> o = Retrying.run(SETTINGS, RetryingTest::judge, () -> {
            throw new Busy(Duration.ofMinutes(5), true);
        });
        assertTrue(o.retryAfterTooLong());
        assertEquals(1, o.attempts());
    }

    @Test
    void transientFailuresAreRetriedUpToTheAttempts() {
        AtomicInteger calls = new AtomicInteger();
        Retrying.Outcome<String> o = Retrying.run(SETTINGS, RetryingTest::judge, () -> {
            calls.incrementAndGet();
            throw new Busy(null, true);
        });
        assertFalse(o.ok());
        assertEquals(3, o.attempts());
        assertEquals(3, calls.get());
    }

    @Test
    void backoffDoublesUpToTheCapAndJitterOnlyLengthensIt() {
        for (int i = 0; i < 50; i++) {
            long first = Retrying.backoff(SETTINGS, 1).toMillis();
            long third = Retrying.backoff(SETTINGS, 3).toMillis();
            long tenth = Retrying.backoff(SETTINGS, 10).toMillis();
            assertTrue(first >= 20 && first <= 25, "first " + first);
            assertTrue(third >= 80 && third <= 100, "third " + third);
            assertTrue(tenth >= 200 && tenth <= 250, "capped " + tenth);
        }
    }
}
