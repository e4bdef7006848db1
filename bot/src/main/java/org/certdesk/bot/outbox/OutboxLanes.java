package org.certdesk.bot.outbox;

import java.time.Clock;
import java.time.Duration;
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

import org.certdesk.bot.conversation.ConversationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the replies a turn just committed straight from memory, on the instance that committed
 * them, instead of through a poll of the outbox table: one lane per conversation, entries in
 * sequence, one at a time. The entries are stored claimed (due only after the lease), so the poller
 * and other instances leave them alone; if this process dies, the lease runs out and the poller
 * delivers them.
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
    /** Acknowledged entries marked SENT at once at the latest (a long lane does not wait to the end). */
    private static final int MAX_UNMARKED = 16;

    private final OutboxStore store;
    private final Map<String, Delivery> deliveries;
    private final DeliveryResults results;
    private final Duration lease;
    private final Clock clock;
    private final Supplier<ExecutorService> workers;
    private final Runnable wakePoller;
    private final ConcurrentHashMap<ConversationKey, Lane> lanes = new ConcurrentHashMap<>();

    OutboxLanes(OutboxStore store, Map<String, Delivery> deliveries, DeliveryResults results, Duration lease,
            Clock clock, Supplier<ExecutorService> workers, Runnable wakePoller) {
        this.store = store;
        this.deliveries = deliveries;
        this.results = results;
        this.lease = lease;
        this.clock = clock;
        this.workers = workers;
        this.wakePoller = wakePoller;
    }

    /**
     * Decides, inside the appending transaction (which holds the conversation's row lock, so no other
     * turn of it appends meanwhile), whether the new entries may take the lane.
     *
     * @return the ticket to {@link #submit} after the commit, or null: store them due, for the poller
     */
    Ticket reserve(ConversationKey key) {
        List<Long> pending = store.pendingIds(key);
        if (pending.isEmpty()) {
            return new Ticket(key, null);
        }
        Lane lane = lanes.get(key);
        return lane != null && lane.holdsAll(pending) ? new Ticket(key, lane) : null;
    }

    /** After the commit: queues the entries on the conversation's lane, or hands them to the poller. */
    void submit(Ticket ticket, List<OutboxEntry> entries) {
        Lane lane = ticket.after() != null ? ticket.after() : new Lane(ticket.key());
        Instant claimedUntil = clock.instant().plus(lease);
        switch (lane.add(entries, claimedUntil)) {
            case REFUSED -> giveBack(entries.stream().map(OutboxEntry::id).toList());
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
                    giveBack(lane.abandon());
                    lanes.remove(ticket.key(), lane);
                }
            }
        }
    }

    private void run(Lane lane) {
        // Acknowledged entries are marked SENT together when the lane runs dry (one statement for a
        // turn's replies, not one each), and before anything else is decided; until then they stay
        // held, so no turn mistakes them for entries waiting elsewhere.
        List<Long> acknowledged = new ArrayList<>();
        while (true) {
            Lane.Claimed next = acknowledged.size() < MAX_UNMARKED ? lane.peekNext() : null;
            if (next == null) {
                if (!markSent(lane, acknowledged)) {
                    lanes.remove(lane.key, lane);
                    giveBack(lane.abandon());
                    return;
                }
                next = lane.next();
            } else {
                lane.next();
            }
            if (next == null) {
                lanes.remove(lane.key, lane);
                if (lane.restartIfRefilled()) {
                    lanes.put(lane.key, lane);
                    continue;
                }
                return;
            }
            DeliveryResult result = deliver(next);
            if (result != null && result.kind() == DeliveryResult.Kind.SENT) {
                acknowledged.add(next.entry().id());
                continue;
            }
            boolean marked = markSent(lane, acknowledged);
            if (result != null && marked) {
                record(next.entry(), result);
            }
            lane.done(next.entry().id());
            lanes.remove(lane.key, lane);
            giveBack(lane.abandon());
            return;
        }
    }

    /** @return false when the store failed: the entries stay claimed, and are delivered again once the lease ran out */
    private boolean markSent(Lane lane, List<Long> acknowledged) {
        if (acknowledged.isEmpty()) {
            return true;
        }
        try {
            store.sentAll(acknowledged, clock.instant());
            return true;
        } catch (RuntimeException e) {
            log.warn("outbox entries {} of {} were delivered but could not be marked SENT: {}", acknowledged,
                    lane.key, e.toString());
            return false;
        } finally {
            acknowledged.forEach(lane::done);
            acknowledged.clear();
        }
    }

    private void record(OutboxEntry entry, DeliveryResult result) {
        try {
            results.record(entry, result);
        } catch (RuntimeException e) {
            log.warn("outbox entry {} of {}: {}", entry.id(), entry.address().key(), e.toString());
        }
    }

    /** @return what the channel answered, or null when the claim could not be renewed (someone else has it) */
    private DeliveryResult deliver(Lane.Claimed claimed) {
        OutboxEntry entry = claimed.entry();
        try {
            Instant now = clock.instant();
            // Queued long enough for the claim to be at risk (a slow channel ahead of it): renew it, so
            // the poller never delivers it a second time meanwhile.
            if (now.isAfter(claimed.until().minus(lease.dividedBy(2))) && !store.extend(entry.id(), now.plus(lease))) {
                return null;
            }
        } catch (RuntimeException e) {
            log.warn("outbox entry {} of {}: {}", entry.id(), entry.address().key(), e.toString());
            return null;
        }
        try {
            return deliveries.get(entry.address().channel()).deliver(entry);
        } catch (RuntimeException e) {
            return DeliveryResult.retry(null, e.toString()); // a Delivery should not throw; be safe anyway
        }
    }

    private void giveBack(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
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

        record Claimed(OutboxEntry entry, Instant until) {}

        private final ConversationKey key;
        private final ArrayDeque<Claimed> queue = new ArrayDeque<>();
        private final Set<Long> held = new HashSet<>();
        private boolean running;
        private boolean failed;

        Lane(ConversationKey key) {
            this.key = key;
        }

        synchronized boolean holdsAll(List<Long> ids) {
            return !failed && held.containsAll(ids);
        }

        synchronized Added add(List<OutboxEntry> entries, Instant until) {
            if (failed) {
                return Added.REFUSED;
            }
            for (OutboxEntry entry : entries) {
                queue.add(new Claimed(entry, until));
                held.add(entry.id());
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

        /** @return the next entry, or null: then the lane stops (see {@link #restartIfRefilled}) */
        synchronized Claimed next() {
            Claimed next = queue.poll();
            if (next == null) {
                running = false;
            }
            return next;
        }

        /** Entries added between {@link #next} finding none and the lane leaving the map: run them too. */
        synchronized boolean restartIfRefilled() {
            if (queue.isEmpty() || running || failed) {
                return false;
            }
            running = true;
            return true;
        }

        synchronized void done(long id) {
            held.remove(id);
        }

        /** Stops the lane for good. @return the ids still queued, to give back */
        synchronized List<Long> abandon() {
            failed = true;
            running = false;
            List<Long> rest = queue.stream().map(c -> c.entry().id()).toList();
            queue.clear();
            held.clear();
            return rest;
        }
    }
}
