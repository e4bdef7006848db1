package org.certdesk.bot.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.shared.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the replies a turn just committed straight from memory, on the instance that committed
 * them, instead of through a poll of the outbox table: one lane per conversation, entries in
 * sequence, one at a time. The entries are stored claimed by this instance, and
 * {@link OutboxClaims} renews the claims while the lane holds them, so the poller and other
 * instances leave them alone; if this process dies, the claims run out within a lease and the
 * poller of another instance delivers them.
 *
 * <p>Order is kept with the entries that are not in the lane: a turn's replies take the lane only
 * when every PENDING entry of the conversation is in this instance's lane already (or there is
 * none). Otherwise (an entry waiting for a retry, or claimed by another instance) they are stored
 * due at once and left to the poller, which only ever delivers a conversation's lowest PENDING
 * entry. When a delivery is not acknowledged, the entry is left to the retry schedule and the rest
 * of the lane is handed back to the poller, in order.
 */
final class OutboxLanes {
    private static final Logger log = LoggerFactory.getLogger(OutboxLanes.class);
    /** Acknowledged entries marked sent at once at the latest (a long lane does not wait to the end). */
    private static final int MAX_UNMARKED = 16;

    private final OutboxStore store;
    private final Map<String, Delivery> deliveries;
    private final DeliveryResults results;
    private final OutboxClaims claims;
    private final Clock clock;
    private final Supplier<ExecutorService> workers;
    private final Runnable wakePoller;
    private final ConcurrentHashMap<ConversationKey, Lane> lanes = new ConcurrentHashMap<>();

    OutboxLanes(OutboxStore store, Map<String, Delivery> deliveries, DeliveryResults results, OutboxClaims claims,
            Clock clock, Supplier<ExecutorService> workers, Runnable wakePoller) {
        this.store = store;
        this.deliveries = deliveries;
        this.results = results;
        this.claims = claims;
        this.clock = clock;
        this.workers = workers;
        this.wakePoller = wakePoller;
    }

    /**
     * Decides, inside the appending transaction (which holds the lock on the conversation's state, so
     * no other turn of it appends meanwhile), whether the new entries may take the lane.
     *
     * @param conversation the conversation's number, which its entries are stored under
     * @return the ticket to {@link #submit} after the commit, or null: store them due, for the poller
     */
    Ticket reserve(long conversation, ConversationKey key) {
        List<Long> pending = store.pendingIds(conversation);
        if (pending.isEmpty()) {
            return new Ticket(key, null);
        }
        Lane lane = lanes.get(key);
        if (lane != null && lane.holdsAll(pending)) {
            return new Ticket(key, lane);
        }
        pollerNeededAfter(key);
        return null;
    }

    /**
     * Entries of {@code key} are stored due behind this instance's lane: the poller can only take them
     * once the lane's entries are marked sent, so the lane wakes it when it runs dry.
     */
    void pollerNeededAfter(ConversationKey key) {
        Lane lane = lanes.get(key);
        if (lane != null) {
            lane.wakePollerWhenDry();
        }
    }

    /**
     * After the commit: queues the entries on the conversation's lane, or hands them to the poller.
     *
     * @param claimedUntil the claim the entries were stored with
     * @param written opens once the commit is on disk: until then the lane may get ready, not send
     */
    void submit(Ticket ticket, List<OutboxEntry> entries, Instant claimedUntil, DurableWrites.Signal written) {
        Lane lane = ticket.after() != null ? ticket.after() : new Lane(ticket.key());
        List<Lane.Claimed> claimed = entries.stream()
                .map(entry -> new Lane.Claimed(entry, claims.hold(entry.id(), claimedUntil), written)).toList();
        switch (lane.add(claimed)) {
            case REFUSED -> giveBack(claimed);
            case QUEUED -> lanes.put(ticket.key(), lane);
            case START -> {
                lanes.put(ticket.key(), lane);
                ExecutorService pool = workers.get();
                try {
                    if (pool == null) {
                        throw new RejectedExecutionException("stopped");
                    }
                    pool.execute(() -> run(lane));
                } catch (RejectedExecutionException e) {
                    lanes.remove(ticket.key(), lane);
                    giveBack(lane.abandon());
                }
            }
        }
    }

    /** The claim a lane's entries are stored with: to the millisecond, as every store keeps it. */
    Instant claimUntil(Instant now) {
        return claims.until(now);
    }

    private void run(Lane lane) {
        // Acknowledged entries are marked sent together (one statement for a turn's replies, not one
        // each) when the lane runs dry, before anything else is decided, and at the latest half a lease
        // after the first was acknowledged: they stay claimed (renewed) meanwhile, but if this process
        // dies they are sent again by another instance, so the wait is kept short. Until they are
        // marked they stay held, so no turn mistakes them for entries waiting elsewhere.
        Acknowledged acknowledged = new Acknowledged();
        while (true) {
            Lane.Claimed next = acknowledged.due(clock.instant()) ? null : lane.peekNext();
            if (next == null) {
                if (!markSent(lane, acknowledged)) {
                    stop(lane);
                    return;
                }
                next = lane.next();
                if (next == null) {
                    lanes.computeIfPresent(lane.key, (k, current) -> current == lane && lane.idle() ? null : current);
                    if (lane.takeWakePoller()) {
                        wakePoller.run();
                    }
                    return;
                }
            } else {
                lane.next();
            }
            DeliveryResult result = deliver(next);
            if (result != null && result.kind() == DeliveryResult.Kind.SENT) {
                acknowledged.add(next);
                continue;
            }
            boolean marked = markSent(lane, acknowledged);
            if (result != null && marked) {
                record(next.entry(), result);
            }
            claims.drop(next.claim());
            lane.done(next.entry().id());
            stop(lane);
            return;
        }
    }

    /** The lane gives up: what it still holds goes back to the poller, in order. */
    private void stop(Lane lane) {
        lanes.remove(lane.key, lane);
        giveBack(lane.abandon());
    }

    /** Acknowledged entries not marked sent yet, and by when they must be. */
    private final class Acknowledged {
        private final List<Lane.Claimed> entries = new ArrayList<>();
        private Instant markBy;

        void add(Lane.Claimed claimed) {
            entries.add(claimed);
            if (markBy == null) {
                markBy = clock.instant().plus(claims.renewalInterval().multipliedBy(3).dividedBy(2));
            }
        }

        List<Long> ids() {
            return entries.stream().map(c -> c.entry().id()).toList();
        }

        boolean due(Instant now) {
            return !entries.isEmpty() && (entries.size() >= MAX_UNMARKED || !now.isBefore(markBy));
        }
    }

    /** @return false when the store failed: the entries stay claimed, and are delivered again once the lease ran out */
    private boolean markSent(Lane lane, Acknowledged acknowledged) {
        if (acknowledged.entries.isEmpty()) {
            return true;
        }
        List<Long> ids = acknowledged.ids();
        try {
            store.sentAll(ids);
            return true;
        } catch (RuntimeException e) {
            log.warn("outbox entries {} of {} were delivered but could not be removed from the outbox: {}", ids,
                    lane.key, e.toString());
            return false;
        } finally {
            // Not renewed any more: marked, or (the store failing) sent again once the claims ran out.
            acknowledged.entries.forEach(c -> claims.drop(c.claim()));
            ids.forEach(lane::done);
            acknowledged.entries.clear();
            acknowledged.markBy = null;
        }
    }

    private void record(OutboxEntry entry, DeliveryResult result) {
        try {
            results.record(entry, result);
        } catch (RuntimeException e) {
            log.warn("outbox entry {} of {}: {}", entry.id(), entry.address().key(), e.toString());
        }
    }

    /** @return what the channel answered, or null when the claim is no longer safely ours (not renewed, taken) */
    private DeliveryResult deliver(Lane.Claimed claimed) {
        OutboxEntry entry = claimed.entry();
        if (!claims.safeToDeliver(claimed.claim(), clock.instant())) {
            log.warn("outbox entry {} of {}: its claim could not be renewed; left to the poller", entry.id(),
                    entry.address().key());
            return null;
        }
        try {
            return deliveries.get(entry.address().channel()).deliver(entry, claimed.written());
        } catch (RuntimeException e) {
            return DeliveryResult.retry(null, e.toString()); // a Delivery should not throw; be safe anyway
        }
    }

    private void giveBack(List<Lane.Claimed> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        claimed.forEach(c -> claims.drop(c.claim()));
        List<Long> ids = claimed.stream().map(c -> c.entry().id()).toList();
        try {
            store.release(ids, clock.instant());
        } catch (RuntimeException e) {
            log.warn("outbox entries {} stay claimed until their lease runs out: {}", ids, e.toString());
        }
        wakePoller.run();
    }

    /** What {@link #reserve} decided: a fresh lane ({@code after} null) or behind the entries of {@code after}. */
    record Ticket(ConversationKey key, Lane after) {}

    /** The entries of one conversation this instance delivers itself, in order. */
    static final class Lane {
        enum Added { START, QUEUED, REFUSED }

        record Claimed(OutboxEntry entry, OutboxClaims.Claim claim, DurableWrites.Signal written) {}

        private final ConversationKey key;
        private final ArrayDeque<Claimed> queue = new ArrayDeque<>();
        private final Set<Long> held = new HashSet<>();
        private boolean running;
        private boolean failed;
        private boolean wakePoller;

        Lane(ConversationKey key) {
            this.key = key;
        }

        synchronized boolean holdsAll(List<Long> ids) {
            return !failed && held.containsAll(ids);
        }

        synchronized Added add(List<Claimed> entries) {
            if (failed) {
                return Added.REFUSED;
            }
            for (Claimed claimed : entries) {
                queue.add(claimed);
                held.add(claimed.entry().id());
            }
            if (running) {
                return Added.QUEUED;
            }
            running = true;
            return Added.START;
        }

        synchronized Claimed peekNext() {
            return queue.peek();
        }

        /** @return the next entry, or null: then the lane stops, until {@link #add} starts it again */
        synchronized Claimed next() {
            Claimed next = queue.poll();
            if (next == null) {
                running = false;
            }
            return next;
        }

        synchronized boolean idle() {
            return !running && queue.isEmpty();
        }

        synchronized void wakePollerWhenDry() {
            wakePoller = true;
        }

        synchronized boolean takeWakePoller() {
            boolean wake = wakePoller;
            wakePoller = false;
            return wake;
        }

        synchronized void done(long id) {
            held.remove(id);
        }

        /** Stops the lane for good. @return the entries still queued, to give back */
        synchronized List<Claimed> abandon() {
            failed = true;
            running = false;
            List<Claimed> rest = List.copyOf(queue);
            queue.clear();
            held.clear();
            return rest;
        }
    }
}
