package org.certdesk.bot.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.bot.shared.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@link DurableWrites} by group commit. On H2 in a file, one thread writes what was committed to the
 * file (what {@code CHECKPOINT} does, through {@link StoreFileWrites}: H2 writes its changed pages to
 * the file, as {@code WRITE_DELAY=0} does for each commit; written, not fsync'ed, so it survives the
 * process dying, not the machine losing power) for every caller that asked since the last write.
 * Writing each commit on its own ({@code WRITE_DELAY=0}) serialises the changed B-tree pages once per
 * commit; grouped, 64 conversations' turns share one write of the pages they all touch (the inbox,
 * outbox and transcript grow at the same end).
 * Measured on 2 cores: about 5× less CPU per commit. A commit is acknowledged to nobody before its
 * group is written, so a {@code kill -9} loses nothing acknowledged (see docs/reliability.md).
 *
 * <p>When turns come one at a time and no write is under way, a caller of {@link #awaitDurable} writes
 * itself, for what waits too: the turn is acknowledged without the hand-off to the writer and back
 * (two threads woken in turn, on the path of every reply). Under load callers wait for the writer,
 * whose groups are larger, as before. Whoever writes holds {@link #writing} from taking what
 * waits to running it, so what waits runs in the order it was asked for, as from one thread.
 *
 * <p>On any other store (PostgreSQL, whose commit returns once durable; H2 in memory, which has no
 * disk) everything is durable already and callers go on at once.
 *
 * <p>{@code certdesk.store.write.group}: one sample per write, the callers it released (commits
 * waiting to be acknowledged, and actions waiting for the write, such as sending a reply); its count
 * is the writes: how many turns share a write under the day's load.
 *
 * <p>Between writes the writer also compacts the file a slice at a time ({@link StoreCompaction}).
 */
@Component
public class GroupedCheckpoints implements DurableWrites, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GroupedCheckpoints.class);
    private static final Duration AFTER_FAILURE = Duration.ofMillis(100);
    /**
     * How long the idle writer leaves a write to the caller that woke it: more than a turn takes from
     * handing over its replies to waiting for its commit; what nobody waits for is written that much later.
     */
    private static final Duration CALLER_GRACE = Duration.ofNanos(100_000);
    /**
     * A write that released at most this many (callers and actions) says turns come one at a time: one
     * turn waiting for its commit, with the replies it handed over.
     */
    private static final int ONE_AT_A_TIME = 3;
    /**
     * How often the idle writer looks for commits nobody waits for, once H2's own writer is stopped:
     * they are written within this, as within H2's write delay (500 ms, its default, which the
     * default URL keeps) before.
     */
    private static final Duration UNSAVED_LOOK_EVERY = Duration.ofMillis(500);
    /**
     * Once the writer is gone, {@link #awaitDurable} returns at once: H2 writes when it closes, or within
     * its write delay when its own writer still runs.
     */
    private static final String STOPPED = "store writer stopped: commits are now acknowledged before they are written";

    private final DataSource dataSource;
    private final AcceptedActivitiesJournal journal;
    private final boolean grouped;
    private final DistributionSummary groups;
    /** What waits for the next write: taken, written for and run only by whoever holds {@link #writing}. */
    private final LinkedBlockingDeque<Runnable> waiting = new LinkedBlockingDeque<>();
    private final ReentrantLock writing = new ReentrantLock();
    /** Queued by {@link #stop}: the writer writes once more, then ends. Never an interrupt: it would close H2's file. */
    private final Runnable last = () -> { };
    private volatile Thread writer;
    /** The writer's means of writing, which a caller borrows under {@link #writing}; null until it has them. */
    private volatile Writes writes;
    /**
     * The last write released at most {@link #ONE_AT_A_TIME}: callers write themselves. Under load they
     * leave it to the writer, whose groups are larger: a caller's write would serve fewer commits.
     */
    private volatile boolean oneAtATime = true;

    private record Writes(StoreFileWrites file, StoreCompaction compaction) {
    }

    public GroupedCheckpoints(DataSource dataSource, AcceptedActivitiesJournal journal, MeterRegistry registry)
            throws SQLException {
        this.dataSource = dataSource;
        this.journal = journal;
        journal.wakeWriterWith(() -> {
            Thread thread = writer;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        });
        this.groups = DistributionSummary.builder("certdesk.store.write.group")
                .description("Acknowledgements and after-write actions released by one write to the store's file")
                .register(registry);
        try (Connection connection = dataSource.getConnection()) {
            this.grouped = inFile(connection.getMetaData().getURL());
        }
    }

    /** H2 writing to a file of its own (not over TCP, not in memory). */
    static boolean inFile(String url) {
        String lower = url == null ? "" : url.toLowerCase(java.util.Locale.ROOT);
        if (!EmbeddedStore.exclusive(url)) {
            return false;
        }
        String location = lower.substring("jdbc:h2:".length());
        return !location.startsWith("mem:");
    }

    @Override
    public void awaitDurable() {
        if (durableNow()) {
            return;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        queue(() -> written.complete(null));
        try {
            written.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store was writing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the store did not write to disk within " + LIMIT, e);
        }
    }

    @Override
    public boolean durableNow() {
        return !grouped || writer == null || writeHere();
    }

    @Override
    public void afterDurable(Runnable action) {
        if (!grouped || writer == null) {
            action.run();
            return;
        }
        queue(action);
    }

    @Override
    public Signal signalWhenWrittenHere() {
        if (!grouped || writer == null) {
            return Signal.OPEN;
        }
        if (!oneAtATime) {
            return null;
        }
        Signal signal = Signal.closed();
        queue(signal::open); // whoever writes next opens it: this caller, or the writer if it took the write
        return signal;
    }

    private void queue(Runnable action) {
        waiting.add(action);
        LockSupport.unpark(writer);
    }

    /**
     * Writes in the calling thread when no write is under way and turns come one at a time: everything
     * committed so far, which covers the caller's commit and those of what waits (each was asked for
     * after its commit).
     *
     * @return false when a write is under way, or this one did not succeed: then the caller waits for
     *     the writer, which deals with failures, and what this took is given back first in line
     */
    private boolean writeHere() {
        Writes here = writes;
        if (here == null || !oneAtATime || !writing.tryLock()) {
            return false;
        }
        List<Runnable> group = new ArrayList<>();
        try {
            waiting.drainTo(group);
            if (group.contains(last)) {
                giveBack(group);
                return false;
            }
            List<AcceptedActivitiesJournal.Segment> covered = journal.beforeWrite(false);
            if (here.file().write() != StoreFileWrites.Outcome.WRITTEN) {
                journal.notWritten();
                giveBack(group);
                return false;
            }
            journal.written(covered);
            wrote(group.size() + 1);
            runAll(group);
            here.compaction().slice();
            return true;
        } finally {
            writing.unlock();
            if (!waiting.isEmpty()) {
                LockSupport.unpark(writer); // asked for during this write, or given back
            }
        }
    }

    /** A write released {@code count} callers and actions: counted, and whether turns come one at a time. */
    private void wrote(int count) {
        groups.record(count); // none: a write for the journal's records, which nobody waits for
        oneAtATime = count <= ONE_AT_A_TIME;
    }

    /** Puts what was taken back at the head of the line, in its order. */
    private void giveBack(List<Runnable> group) {
        for (int i = group.size() - 1; i >= 0; i--) {
            waiting.addFirst(group.get(i));
        }
        group.clear();
    }

    private static void runAll(List<Runnable> group) {
        for (Runnable action : group) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("after a store write: {}", e.toString());
            }
        }
    }

    /**
     * Parks the writer until something waits (an unpark may come early: the loop looks again), the
     * journal's records are due, or, every {@link #UNSAVED_LOOK_EVERY}, H2 holds commits nobody waits
     * for (once H2's own writer is stopped, {@link StoreFileWrites#writesForH2}). When it had nothing
     * to do, it then gives the caller that woke it {@link #CALLER_GRACE} to write itself: a turn hands
     * over its replies ({@link #afterDurable}) just before it waits for its commit, and the writer
     * would otherwise take the write from it, and the hand-offs with it.
     *
     * @return true when it returns for commits nobody waits for: they are to be written even if no one
     *     waits and the journal is not due
     */
    private boolean awaitWaiting(StoreFileWrites file) throws InterruptedException {
        boolean idle = false;
        long lookForUnsavedAt = System.nanoTime() + UNSAVED_LOOK_EVERY.toNanos();
        while (waiting.isEmpty()) {
            long journalDue = journal.writeDueIn();
            if (journalDue <= 0) {
                return false; // nobody waits, but the journal's records are to be covered
            }
            long wait = journalDue;
            if (file.writesForH2()) {
                long unsavedDue = lookForUnsavedAt - System.nanoTime();
                if (unsavedDue <= 0) {
                    if (file.unsaved()) {
                        return true;
                    }
                    lookForUnsavedAt = System.nanoTime() + UNSAVED_LOOK_EVERY.toNanos();
                    continue;
                }
                wait = Math.min(wait, unsavedDue);
            }
            idle = true;
            if (wait == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, wait);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        if (idle && oneAtATime) {
            LockSupport.parkNanos(this, CALLER_GRACE.toNanos());
        }
        return false;
    }

    private void writeGroups() {
        List<Runnable> group = new ArrayList<>();
        boolean closedByH2 = false; // then closing the connection fails too, and that is no news
        boolean unwritten = false; // what waits must not go on as if written: it was not, and never will be
        StoreFileWrites taken = null;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            StoreFileWrites file = StoreFileWrites.of(connection, statement);
            taken = file;
            StoreCompaction compaction = new StoreCompaction(file.store());
            writes = new Writes(file, compaction);
            boolean stopping = false;
            while (!stopping) {
                boolean unsaved = awaitWaiting(file);
                StoreFileWrites.Outcome written;
                writing.lock();
                try {
                    waiting.drainTo(group); // everything committed before these were asked is in the write below
                    if (group.isEmpty() && journal.writeDueIn() > 0 && !unsaved) {
                        continue; // a caller wrote for them
                    }
                    stopping = group.contains(last);
                    List<AcceptedActivitiesJournal.Segment> covered = journal.beforeWrite(stopping);
                    written = file.write();
                    if (written == StoreFileWrites.Outcome.WRITTEN) {
                        journal.written(covered);
                        wrote(stopping ? group.size() - 1 : group.size());
                        runAll(group);
                        group.clear();
                        if (!stopping) {
                            compaction.slice(); // after the callers went on: its pages go into the next write
                        }
                        continue;
                    }
                    journal.notWritten();
                    if (written == StoreFileWrites.Outcome.FAILED) {
                        giveBack(group); // tried again; the callers keep waiting (within their limit)
                    }
                } finally {
                    writing.unlock();
                }
                if (written == StoreFileWrites.Outcome.CLOSED || written == StoreFileWrites.Outcome.LOST) {
                    // CLOSED: H2 wrote every commit as it closed, the group's callers go on (finally).
                    // LOST: they wait out their limit and fail; new commits fail in H2, the store being closed.
                    log.info("the store was closed by H2{}", written == StoreFileWrites.Outcome.CLOSED
                            ? " at shutdown, with everything committed written" : ": the writer stops");
                    closedByH2 = true;
                    unwritten = written == StoreFileWrites.Outcome.LOST;
                    break;
                }
                unwritten = stopping; // FAILED, stopping: no try is left
                if (!stopping) {
                    Thread.sleep(AFTER_FAILURE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            if (!closedByH2) {
                log.error(STOPPED, e);
            }
        } catch (Error e) {
            log.error(STOPPED, e);
            throw e;
        } finally {
            if (taken != null) {
                taken.handBackToH2();
            }
            writes = null;
            writer = null;
            if (!unwritten) {
                writing.lock(); // a caller writing now finishes first
                try {
                    waiting.drainTo(group);
                    runAll(group); // stopping: H2 writes everything when it closes
                } finally {
                    writing.unlock();
                }
            }
        }
    }

    @Override
    public void start() {
        if (grouped) {
            Thread thread = WorkerThreads.named("certdesk-store-write").newThread(this::writeGroups);
            writer = thread;
            thread.start();
        }
    }

    @Override
    public void stop() {
        Thread thread = writer;
        if (thread != null) {
            queue(last);
            try {
                thread.join(LIMIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    /** Starts before and stops after the turn workers and the outbox (phase 0) that wait for it. */
    @Override
    public int getPhase() {
        return -100;
    }
}
