package org.certdesk.bot.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.bot.shared.ActivityJournal;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.shared.DurableWrites;
import org.certdesk.bot.system.AfterCommit;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.bot.system.EmbeddedStore;
import org.certdesk.bot.system.Housekeeping;
import org.certdesk.bot.system.Timers;
import org.certdesk.bot.system.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers outbox entries through the {@link Delivery} of their channel. A turn's replies go out
 * straight from memory after its commit ({@link #appendAndSend}, {@link OutboxLanes}); everything
 * else (retries, entries left by a crash or by another instance) is polled every
 * {@code certdesk.outbox.poll-interval}, and at once after each delivery the poller made. One entry
 * of a conversation at a time, in sequence; different conversations in parallel on
 * {@code certdesk.outbox.workers} threads.
 *
 * <p>Claims are short ({@code certdesk.outbox.lease}) and renewed every third of it while this
 * instance holds the entry ({@link OutboxClaims}): if it dies, another instance delivers its
 * entries a lease later at most (plus a poll), in order; however long a channel takes to answer, no
 * other instance sends the entry meanwhile.
 *
 * <p>An entry the poller delivered is marked sent (deleted from the outbox) right after the channel
 * acknowledged it; a lane marks its acknowledged entries together when it runs dry (at most 16, and
 * within half a lease). A sent entry is never delivered again. Delivery is at-least-once: if the
 * process dies between the remote acknowledgement and that delete, the claim runs out and the entry
 * is delivered again (channels pass {@link OutboxEntry#id()} where the remote end can de-duplicate).
 */
@Component
public class OutboxDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** How often the channel check and the retention sweep ({@link OutboxHousekeeping}) are due, at most. */
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);

    private final OutboxStore store;
    private final Map<String, Delivery> deliveries = new HashMap<>();
    private final DeliveryResults results;
    private final OutboxHousekeeping housekeeping;
    private final CertdeskProperties.Outbox settings;
    private final Clock clock;
    private final Set<ConversationKey> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final OutboxLanes lanes;
    private final OutboxClaims claims;
    private final EmbeddedStore embeddedStore;
    private final DurableWrites durable;
    private final ActivityJournal journal;
    private final Timers timers;
    private final Housekeeping housekeepingThread;
    /** The schedules on {@link Timers} and {@link Housekeeping}; null while stopped. */
    private volatile ScheduledFuture<?> polls;
    private volatile ScheduledFuture<?> renewals;
    private volatile ScheduledFuture<?> housekeepingRuns;
    private volatile ExecutorService workers;
    private final Counter pollsDone;

    OutboxDispatcher(OutboxStore store, List<Delivery> deliveries, DeliveryResults results,
            OutboxHousekeeping housekeeping, CertdeskProperties properties, Clock clock, MeterRegistry registry,
            EmbeddedStore embeddedStore, DurableWrites durable, ActivityJournal journal, Timers timers,
            Housekeeping housekeepingThread) {
        this.store = store;
        this.timers = timers;
        this.housekeepingThread = housekeepingThread;
        this.durable = durable;
        this.journal = journal;
        this.embeddedStore = embeddedStore;
        this.results = results;
        this.housekeeping = housekeeping;
        for (Delivery delivery : deliveries) {
            Delivery previous = this.deliveries.put(delivery.channel(), delivery);
            if (previous != null) {
                throw new IllegalStateException("two Delivery beans for channel " + delivery.channel() + ": "
                        + previous.getClass().getName() + " and " + delivery.getClass().getName());
            }
        }
        this.settings = properties.outbox();
        this.clock = clock;
        this.claims = new OutboxClaims(store, settings.lease(), clock);
        this.lanes = new OutboxLanes(store, this.deliveries, results, claims, clock, () -> workers, this::wake);
        Gauge.builder("certdesk.outbox.backlog", store, OutboxStore::pendingCount)
                .description("Replies waiting in the outbox (PENDING)").register(registry);
        this.pollsDone = Counter.builder("certdesk.outbox.polls")
                .description("Looks at the outbox table for due replies, done (whether it found any or failed)")
                .register(registry);
    }

    /**
     * Appends a conversation's replies in the current transaction and, once it committed, delivers
     * them from memory on this instance (see {@link OutboxLanes}); when that cannot keep their order,
     * they are stored due and the poller is woken instead.
     */
    public void appendAndSend(ChannelAddress address, List<Outbound> turnReplies, Instant now) {
        if (turnReplies.isEmpty()) {
            return;
        }
        Delivery delivery = deliveries.get(address.channel());
        List<Outbound> replies = delivery == null ? turnReplies : delivery.bundle(turnReplies);
        // Numbered first: the numbers come with the conversation's own, which the lane's look-up takes.
        OutboxSequences.Reserved numbers = store.reserve(address.key(), replies.size());
        OutboxLanes.Ticket ticket = workers != null && delivery != null
                && TransactionSynchronizationManager.isSynchronizationActive()
                ? lanes.reserve(numbers.conversation(), address.key()) : null;
        if (ticket == null) {
            store.insert(address.channel(), numbers, replies, now, now);
            AfterCommit.run(() -> durable.afterDurable(this::wake));
            return;
        }
        Instant claimedUntil = lanes.claimUntil(now);
        List<OutboxEntry> entries = store.appendClaimed(numbers, address, replies, now, claimedUntil);
        if (journal.appendedInThisTransaction()) {
            // The turn's activity is in the journal: once committed, a crash runs the turn again.
            AfterCommit.run(() -> lanes.submit(ticket, entries, claimedUntil, DurableWrites.Signal.OPEN));
            return;
        }
        // Posted once on disk: a reply the employee read must not come from a turn a crash undoes. When
        // this thread is about to write, the lane starts now and gets the reply ready during the write.
        AfterCommit.run(() -> {
            DurableWrites.Signal written = durable.signalWhenWrittenHere();
            if (written != null) {
                lanes.submit(ticket, entries, claimedUntil, written);
            } else {
                durable.afterDurable(() -> lanes.submit(ticket, entries, claimedUntil, DurableWrites.Signal.OPEN));
            }
        });
    }

    /** How many outbox entries {@link #appendAndSend} makes of a turn's replies on the conversation's channel. */
    public int entries(ChannelAddress address, List<Outbound> turnReplies) {
        Delivery delivery = deliveries.get(address.channel());
        return delivery == null ? turnReplies.size() : delivery.bundle(turnReplies).size();
    }

    /**
     * Appends messages in the current transaction and wakes the dispatcher once it committed: the
     * one way for replies that need no immediate lane (apologies, what the helpdesk says).
     */
    public void append(ConversationKey key, List<Outbound> messages, Instant now) {
        if (messages.isEmpty()) {
            return;
        }
        store.append(key, messages, now);
        lanes.pollerNeededAfter(key); // behind a lane of this instance, they wait for its entries to be marked
        AfterCommit.run(() -> durable.afterDurable(this::wake));
    }

    /** Looks for due entries now rather than at the next poll. Cheap; calls coalesce. */
    public void wake() {
        if (polls != null && wakeQueued.compareAndSet(false, true)
                && !timers.soon(() -> {
                    wakeQueued.set(false);
                    poll();
                })) {
            wakeQueued.set(false); // stopping
        }
    }

    private void poll() {
        ExecutorService pool = workers;
        if (pool == null) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (OutboxEntry entry : store.due(deliveries.keySet(), now, settings.workers() * 4)) {
                ConversationKey key = entry.address().key();
                if (!inFlight.add(key)) {
                    continue; // its previous entry is still being delivered here
                }
                try {
                    pool.execute(() -> deliver(entry));
                } catch (RejectedExecutionException e) {
                    inFlight.remove(key);
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("outbox poll failed, will try again: {}", e.toString());
        } finally {
            pollsDone.increment();
        }
    }

    private void deliver(OutboxEntry entry) {
        OutboxClaims.Claim claim = null;
        try {
            Instant now = clock.instant();
            Instant until = claims.until(now);
            if (!store.claim(entry.id(), now, until)) {
                return;
            }
            claim = claims.hold(entry.id(), until); // renewed while the channel takes its time
            if (entry.payload() == null) {
                log.error("outbox entry {} of {} is unreadable; marked FAILED", entry.id(), entry.address().key());
                store.failed(entry.id(), "unreadable payload");
                return;
            }
            DeliveryResult result;
            try {
                result = deliveries.get(entry.address().channel()).deliver(entry);
            } catch (RuntimeException e) {
                result = DeliveryResult.retry(null, e.toString()); // a Delivery should not throw; be safe anyway
            }
            results.record(entry, result);
        } catch (RuntimeException e) {
            // The store failed: the claim lease runs out and the entry is tried again.
            log.warn("outbox entry {} of {}: {}", entry.id(), entry.address().key(), e.toString());
        } finally {
            if (claim != null) {
                claims.drop(claim);
            }
            inFlight.remove(entry.address().key());
            wake();
        }
    }

    @Override
    public void start() {
        releaseDeadClaims();
        workers = WorkerThreads.growing("certdesk-outbox", settings.workers());
        // A poll is one look-up and a renewal one UPDATE: they share the timers' thread. The sweep and
        // the channel check, which can take long, are housekeeping's, so a claim is never renewed late.
        polls = timers.every("outbox poll", settings.pollInterval(), this::poll);
        Duration every = claims.renewalInterval();
        renewals = timers.every("outbox claims' renewal", every, every, claims::renew);
        housekeepingRuns = housekeepingThread.every("outbox housekeeping", HOUSEKEEPING_EVERY,
                () -> housekeeping.run(clock.instant(), deliveries.keySet()));
    }

    /**
     * What a previous run claimed is due now, not when the lease runs out: on a store only this process has open, every claim is a
     * previous run's (killed, or the machine stopped); on a shared store, those of this instance's
     * id (the same host, port and folder). Other instances' claims wait for their lease: they may be
     * alive.
     */
    private void releaseDeadClaims() {
        try {
            int released = store.releaseClaims(!embeddedStore.exclusive(), clock.instant());
            if (released > 0) {
                log.info("outbox: {} replies claimed by the previous run are due again", released);
            }
        } catch (RuntimeException e) {
            log.warn("outbox: the previous run's claims stay until their lease runs out: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ExecutorService pool = workers;
        cancel(polls);
        cancel(housekeepingRuns);
        polls = null;
        housekeepingRuns = null;
        workers = null;
        if (pool != null) {
            WorkerThreads.stopGracefully(pool);
        }
        // After the workers: what they still deliver keeps its claim until they are done.
        cancel(renewals);
        renewals = null;
        inFlight.clear();
    }

    private static void cancel(ScheduledFuture<?> schedule) {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    @Override
    public boolean isRunning() {
        return workers != null;
    }

    /** Starts before and stops after the web server, like the turn workers. */
    @Override
    public int getPhase() {
        return 0;
    }

}
