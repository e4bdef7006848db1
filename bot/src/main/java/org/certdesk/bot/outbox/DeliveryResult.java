package org.certdesk.bot.outbox;

import java.time.Duration;

/** How one delivery attempt ended; switch on {@link #kind()}. */
public sealed interface DeliveryResult {
    enum Kind { SENT, RETRY, REJECTED }

    Kind kind();

    static DeliveryResult sent() {
        return new Sent();
    }

    /** Try again later: a 429 (with its Retry-After, else null for the dispatcher's backoff), a 5xx, a network error. */
    static DeliveryResult retry(Duration after, String reason) {
        return new Retry(after, reason, null);
    }

    /**
     * The channel did not answer in time: the message may still arrive, so it is tried again only
     * once {@code mayStillArrive} has passed (never sooner, whatever the backoff).
     *
     * @param mayStillArrive how long after giving up the remote end may still act on the attempt (for
     *     a POST: as long as one attempt may take, connect and reply timeouts)
     */
    static DeliveryResult unanswered(String reason, Duration mayStillArrive) {
        return new Retry(null, reason, mayStillArrive);
    }

    /** Will never succeed (a 4xx other than 429): kept in the outbox as failed, for operators. */
    static DeliveryResult rejected(String reason) {
        return new Rejected(reason);
    }

    record Sent() implements DeliveryResult {
        @Override
        public Kind kind() {
            return Kind.SENT;
        }
    }

    /**
     * @param after the delay the remote asked for, or null to use the dispatcher's backoff
     * @param mayStillArrive the attempt timed out and may still succeed within this time; null when
     *     the channel answered (or could not be reached)
     */
    record Retry(Duration after, String reason, Duration mayStillArrive) implements DeliveryResult {
        @Override
        public Kind kind() {
            return Kind.RETRY;
        }
    }

    record Rejected(String reason) implements DeliveryResult {
        @Override
        public Kind kind() {
            return Kind.REJECTED;
        }
    }
}
