package org.certdesk.bot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.bot.system.Housekeeping;
import org.certdesk.bot.system.Timers;
import org.certdesk.bot.system.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the work of each conversation on one worker at a time, in arrival order, and different
 * conversations in parallel on a bounded pool. A wake-up for a conversation that is already being
 * drained only makes that drain look again, so nothing is run twice and nothing is missed.
 *
 * <p>At start-up, and then every {@code certdesk.turns.recovery-interval}, it wakes conversations
 * that have old inbox rows or an expired action lease: what a crash (or another instance that died)
 * left behind. Ordering across instances is the row lock's job ({@link TurnProcessor}).
 */
@Component
class TurnQueue implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TurnQueue.class);
    /** Rows are kept for days ({@code certdesk.turns.dedupe-retention}): a sweep a minute is plenty. */
    private static final Duration DEDUPE_SWEEP_EVERY = Duration.ofMinutes(1);

    private final TurnProcessor processor;
    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final CertdeskProperties.Turns settings;
    private final Clock clock;
    /** Conversations being drained; the value says whether a wake-up came during the drain. */
    private final ConcurrentHashMap<ConversationKey, Boolean> draining = new ConcurrentHashMap<>();
    private final Timers timers;
    private final Housekeeping housekeeping;
    private volatile ExecutorService workers;
    /** The recovery sweeps on {@link Timers} and the de-duplication's sweep on {@link Housekeeping}. */
    private volatile ScheduledFuture<?> recovery;
    private volatile ScheduledFuture<?> dedupeSweeps;

    TurnQueue(TurnProcessor processor, InboxStore inbox, ConversationStore conversations,
            CertdeskProperties properties, Clock clock, Timers timers, Housekeeping housekeeping) {
        this.timers = timers;
        this.housekeeping = housekeeping;
        this.processor = processor;
        this.inbox = inbox;
        this.conversations = conversations;
        this.settings = properties.turns();
        this.clock = clock;
    }

    /** Makes sure the conversation's pending work runs soon. Ignored while stopped (recovery catches up). */
    void wake(ConversationKey key) {
        ExecutorService pool = workers;
        if (pool == null) {
            return;
        }
        boolean[] start = new boolean[1];
        draining.compute(key, (k, running) -> {
            start[0] = running == null;
            return running == null ? Boolean.FALSE : Boolean.TRUE;
        });
        if (start[0]) {
            try {
                pool.execute(() -> drain(key));
            } catch (RejectedExecutionException e) {
                draining.remove(key); // shutting down: the inbox keeps the work for the next start
            }
        }
    }

    /**
     * Runs {@code turn} on the caller's thread when no worker has the conversation (the common case:
     * a person's messages come one at a time), so the activity's turn is written before the channel
     * answers, with no hand-over to a worker and no inbox row. While it runs, the conversation is this
     * caller's as it would be a worker's: wake-ups only mark it, and what they brought, the inbox rows
     * the turn queued and the slow action it left continue on a worker afterwards, in order.
     *
     * @return empty when a worker has the conversation or the queue is stopped: record the activity
     *     in the inbox instead
     */
    Optional<TurnProcessor.Direct> runHere(ConversationKey key, Supplier<TurnProcessor.Direct> turn) {
        ExecutorService pool = workers;
        if (pool == null || draining.putIfAbsent(key, Boolean.FALSE) != null) {
            return Optional.empty();
        }
        TurnProcessor.Direct done = null;
        try {
            done = turn.get();
            return Optional.of(done);
        } finally {
            ActionCall slow = done == null ? null : done.slow();
            boolean queued = done != null && done.queued();
            if (slow != null || queued) {
                continueOnWorker(pool, key, () -> {
                    if (slow != null) {
                        processor.runAfter(key, slow);
                    }
                });
            } else if (draining.computeIfPresent(key, (k, again) -> again ? Boolean.FALSE : null) != null) {
                continueOnWorker(pool, key, () -> { }); // woken meanwhile: its row waits in the inbox
            }
        }
    }

    /** Hands the held conversation to a worker: {@code first}, then whatever waits. */
    private void continueOnWorker(ExecutorService pool, ConversationKey key, Runnable first) {
        try {
            pool.execute(() -> {
                try {
                    first.run();
                } catch (RuntimeException e) {
                    log.error("conversation {}: work left for the next recovery sweep", key, e);
                }
                drain(key);
            });
        } catch (RejectedExecutionException e) {
            draining.remove(key); // shutting down: what is stored waits for the next start's recovery
        }
    }

    private void drain(ConversationKey key) {
        try {
            while (true) {
                try {
                    processor.drain(key);
                } catch (RuntimeException e) {
                    // Left in the inbox; the recovery sweep tries again later.
                    log.error("conversation {}: work left for the next recovery sweep", key, e);
                }
                // Stop unless a wake-up came in meanwhile (then its row may not have been seen).
                if (draining.computeIfPresent(key, (k, again) -> again ? Boolean.FALSE : null) == null) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            draining.remove(key);
            throw e;
        }
    }

    /**
     * @param everything take every waiting row, however recent (at start-up: they were all accepted
     *     before this start); otherwise only rows older than half the interval, which no worker took
     */
    private void recover(boolean everything) {
        try {
            var now = clock.instant();
            var before = everything ? now.plusSeconds(1) : now.minus(settings.recoveryInterval().dividedBy(2));
            inbox.waiting(before).forEach(this::wake);
            conversations.withExpiredActionLease(now).forEach(this::wake);
        } catch (RuntimeException e) {
            log.warn("recovery sweep failed, will try again: {}", e.toString());
        }
    }

    @Override
    public void start() {
        workers = WorkerThreads.growing("certdesk-turn", settings.workers());
        // Two look-ups a sweep: on the timers' thread. The delete of old de-duplication rows, which can
        // be large after a long stop, is housekeeping's.
        timers.soon(() -> recover(true));
        Duration every = settings.recoveryInterval();
        recovery = timers.every("turns' recovery sweep", every, every, () -> recover(false));
        dedupeSweeps = housekeeping.every("processed activities' sweep", DEDUPE_SWEEP_EVERY,
                () -> inbox.sweep(clock.instant().minus(settings.dedupeRetention())));
    }

    @Override
    public void stop() {
        ExecutorService pool = workers;
        for (ScheduledFuture<?> schedule : new ScheduledFuture<?>[] {recovery, dedupeSweeps}) {
            if (schedule != null) {
                schedule.cancel(false);
            }
        }
        workers = null;
        recovery = null;
        dedupeSweeps = null;
        if (pool != null) {
            WorkerThreads.stopGracefully(pool);
        }
        draining.clear();
    }

    @Override
    public boolean isRunning() {
        return workers != null;
    }

    /** Starts before and stops after the web server (phase 0 &lt; the server's). */
    @Override
    public int getPhase() {
        return 0;
    }

}
