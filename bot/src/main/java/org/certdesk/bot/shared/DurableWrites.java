package org.certdesk.bot.shared;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When committed writes are on disk. On PostgreSQL a commit returns once it is durable. The embedded
 * H2 store keeps commits in memory and writes them in groups (one disk write for all the turns
 * that committed meanwhile, instead of one per commit): whatever the world is told about (an
 * HTTP answer, a reply posted to a channel) waits for the group its commit is in.
 */
public interface DurableWrites {
    /** How long a commit may wait for its write: a store that cannot write is an error, not a hang. */
    Duration LIMIT = Duration.ofSeconds(10);

    /**
     * Blocks until every transaction committed before this call is on disk.
     *
     * @throws IllegalStateException when the store cannot write within {@link #LIMIT}
     */
    void awaitDurable();

    /**
     * Whether every transaction committed before this call is on disk without waiting for another
     * thread: the store needs no wait, or this thread just wrote it (no write was under way). When
     * false, {@link #afterDurable} says when it is.
     */
    boolean durableNow();

    /**
     * Runs {@code action} (on another thread, or at once) once every transaction committed before
     * this call is on disk.
     */
    void afterDurable(Runnable action);

    /**
     * A signal that opens once every transaction committed before this call is on disk, when that write
     * comes at once: turns come one at a time, and the caller of {@link #awaitDurable} is about to write
     * it itself. Another thread can then get ready to send meanwhile (render a reply, take a connection)
     * and send the moment the signal opens, instead of starting only then. Null when the write may come
     * later (under load the writer gathers a group first): then {@link #afterDurable} is the way, and a
     * thread woken early would only wait.
     */
    Signal signalWhenWrittenHere();

    /** Opens once a write is on disk; see {@link #signalWhenWrittenHere}. */
    final class Signal {
        /** For what is on disk already. */
        public static final Signal OPEN = new Signal(0);

        private final CountDownLatch latch;

        private Signal(int count) {
            this.latch = new CountDownLatch(count);
        }

        /** A signal still closed, for a store to open from its write's {@link #afterDurable} actions. */
        public static Signal closed() {
            return new Signal(1);
        }

        public void open() {
            latch.countDown();
        }

        /** @return whether it opened within {@code limit} (else nothing may be sent) */
        public boolean await(Duration limit) {
            try {
                return latch.await(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
