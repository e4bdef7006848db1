package org.certdesk.bot.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox entries this instance holds (a delivery in flight, a lane's queue, acknowledged
 * entries not marked sent yet) and until when the store says they are its own. Claims are short
 * ({@code certdesk.outbox.lease}, seconds) so that another instance takes over within seconds when
 * this one dies; {@link #renew} extends every held claim by a full lease every third of a lease,
 * so a slow connector POST keeps its claim for as long as it takes and is never sent a second
 * time by another instance meanwhile. A delivery starts only while its claim still has more than a
 * third of the lease left: a claim that could not be renewed (the database unreachable) is let go
 * rather than raced.
 */
final class OutboxClaims {
    private static final Logger log = LoggerFactory.getLogger(OutboxClaims.class);

    private final OutboxStore store;
    private final Duration lease;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Claim> held = new ConcurrentHashMap<>();

    OutboxClaims(OutboxStore store, Duration lease, Clock clock) {
        this.store = store;
        this.lease = lease;
        this.clock = clock;
    }

    /** A new claim's end: to the millisecond, as every store keeps it. */
    Instant until(Instant now) {
        return now.plus(lease).truncatedTo(ChronoUnit.MILLIS);
    }

    /** How often {@link #renew} must run. */
    Duration renewalInterval() {
        return lease.dividedBy(3);
    }

    /** Holds entry {@code id}, claimed in the store until {@code until}. @return the hold, to ask about and drop */
    Claim hold(long id, Instant until) {
        Claim claim = new Claim(id, until);
        held.put(id, claim); // a hold taken again replaces the old one, whose holder then stops
        return claim;
    }

    void drop(Claim claim) {
        held.remove(claim.id, claim);
    }

    /**
     * Whether the claim is still held by its holder with time to spare: safe to start delivering.
     * False once the claim could not be renewed for two thirds of a lease, or was taken again.
     */
    boolean safeToDeliver(Claim claim, Instant now) {
        return held.get(claim.id) == claim && claim.until.minus(renewalInterval()).isAfter(now);
    }

    /** Extends every held claim that is still this instance's; forgets those that are not. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        List<Long> ids = List.copyOf(held.keySet());
        Instant until = until(clock.instant());
        Set<Long> kept;
        try {
            kept = store.renewClaims(ids, until);
        } catch (RuntimeException e) {
            log.warn("outbox: {} claims could not be renewed, will try again: {}", ids.size(), e.toString());
            return;
        }
        for (Long id : ids) {
            Claim claim = held.get(id);
            if (claim == null) {
                continue; // dropped meanwhile
            }
            if (kept.contains(id)) {
                claim.until = until;
            } else {
                held.remove(id, claim); // delivered and marked, given back, or taken by another instance
            }
        }
    }

    /** One held claim: the entry and until when the store has it as this instance's. */
    static final class Claim {
        private final long id;
        private volatile Instant until;

        private Claim(long id, Instant until) {
            this.id = id;
            this.until = until;
        }
    }
}
