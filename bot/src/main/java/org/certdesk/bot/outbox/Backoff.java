package org.certdesk.bot.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before the next attempt: exponential from {@code initial}, doubled per attempt, capped at
 * {@code max}, with "equal jitter" (a random half of it added to the other half) so that many
 * conversations failing together do not retry together. A delay the remote end asked for
 * (Retry-After) is honoured as is, up to an hour.
 */
record Backoff(Duration initial, Duration max) {
    /** The longest wait a remote end's Retry-After gets. */
    static final Duration MAX_REQUESTED = Duration.ofHours(1);

    /**
     * @param attempts attempts made so far, the failed one included (1 after the first failure)
     * @param requested the remote end's Retry-After, or null
     */
    Duration next(int attempts, Duration requested) {
        if (requested != null && !requested.isNegative()) {
            // Capped: "Retry-After: 99999999999" would overflow the next attempt's time (a retry loop
            // that never counts an attempt) or hold the conversation's replies back for years.
            return requested.compareTo(MAX_REQUESTED) > 0 ? MAX_REQUESTED : requested;
        }
        long cap = max.toMillis();
        long base = initial.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        long delay = Math.min(cap, base <= 0 ? cap : base);
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(delay - half + 1));
    }
}
