package org.certdesk.bot.outbox;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.bot.system.CertdeskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records what a channel answered to one delivery attempt: SENT at once; a retry after the remote's
 * Retry-After or the backoff (when the channel did not answer in time, not before that attempt could
 * still arrive), counted in {@code certdesk.outbox.retries}; FAILED after
 * {@code max-attempts}; FAILED on a rejection, which no retry would change.
 */
@Component
class DeliveryResults {
    private static final Logger log = LoggerFactory.getLogger(DeliveryResults.class);

    private final OutboxStore store;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final MeterRegistry registry;

    DeliveryResults(OutboxStore store, CertdeskProperties properties, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.backoff = new Backoff(properties.outbox().initialBackoff(), properties.outbox().maxBackoff());
        this.maxAttempts = properties.outbox().maxAttempts();
        this.clock = clock;
        this.registry = registry;
    }

    void record(OutboxEntry entry, DeliveryResult result) {
        Instant now = clock.instant();
        switch (result.kind()) {
            case SENT -> store.sent(entry.id());
            case REJECTED -> {
                String reason = ((DeliveryResult.Rejected) result).reason();
                log.warn("outbox entry {} of {} rejected by the channel, marked FAILED: {}", entry.id(),
                        entry.address().key(), reason);
                store.failed(entry.id(), reason);
            }
            case RETRY -> {
                DeliveryResult.Retry retry = (DeliveryResult.Retry) result;
                int attempts = entry.attempts() + 1;
                if (attempts >= maxAttempts) {
                    log.warn("outbox entry {} of {} failed {} times, marked FAILED: {}", entry.id(),
                            entry.address().key(), attempts, retry.reason());
                    store.failed(entry.id(), "gave up after " + attempts + " attempts: " + retry.reason());
                    return;
                }
                Counter.builder("certdesk.outbox.retries").description("Delivery attempts to be retried")
                        .tag("channel", entry.address().channel()).register(registry).increment();
                java.time.Duration wait = backoff.next(attempts, retry.after());
                if (retry.mayStillArrive() != null && wait.compareTo(retry.mayStillArrive()) < 0) {
                    wait = retry.mayStillArrive(); // the unanswered attempt may still deliver it: no second copy meanwhile
                }
                store.retry(entry.id(), now.plus(wait), retry.reason());
            }
        }
    }
}
