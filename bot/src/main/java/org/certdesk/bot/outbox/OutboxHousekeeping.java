package org.certdesk.bot.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.certdesk.bot.system.CertdeskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the poller does now and then besides delivering: says once per channel that entries wait for
 * a channel no {@link Delivery} serves (they stay PENDING until one does: a channel disabled by
 * configuration, or a release without it), and deletes FAILED entries past their retention (and the
 * SENT ones that releases before V18 kept; a delivered entry is now deleted at once).
 */
@Component
class OutboxHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(OutboxHousekeeping.class);
    private static final Duration CHANNEL_CHECK_EVERY = Duration.ofMinutes(1);
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final OutboxStore store;
    private final Duration retention;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Instant nextChannelCheck = Instant.MIN;
    private volatile Instant nextSweep = Instant.MIN;

    OutboxHousekeeping(OutboxStore store, CertdeskProperties properties) {
        this.store = store;
        this.retention = properties.outbox().retention();
    }

    /** @param served the channels that have a Delivery */
    void run(Instant now, Set<String> served) {
        if (now.isAfter(nextChannelCheck)) {
            nextChannelCheck = now.plus(CHANNEL_CHECK_EVERY);
            for (String channel : store.pendingChannels()) {
                if (!served.contains(channel) && warned.add(channel)) {
                    log.warn("outbox has entries for channel '{}' but no Delivery bean serves it (have: {});"
                            + " they stay PENDING until one does", channel, served);
                }
            }
        }
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plus(SWEEP_EVERY);
            store.sweep(now.minus(retention));
        }
    }
}
