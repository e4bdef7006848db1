package org.certdesk.bot.system;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread pools' shared habits: named daemon threads, and a stop that lets work in flight finish. */
public final class WorkerThreads {
    private static final int STOP_WAIT_SECONDS = 20;
    /** How long a pool's thread waits for work before it ends (a burst's threads do not stay). */
    private static final long IDLE_SECONDS = 60;

    private WorkerThreads() {}

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}…, so thread dumps say whose they are. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops taking work and waits up to 20 s for what is running (a turn commits or rolls back, a
     * delivery records its result), then interrupts the rest.
     */
    public static void stopGracefully(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A pool of at most {@code max} threads named {@code prefix-n} that starts a thread only when none
     * is free, and ends one that waited {@link #IDLE_SECONDS} for work. A fixed pool starts a new thread
     * for each task until it has {@code max}, free ones or not: all the outbox's lanes ran after its
     * first few replies, even where the connector answers at once and few are ever busy together.
     * Beyond {@code max} busy threads, tasks wait in order ({@link GrowingPool}).
     */
    public static ExecutorService growing(String prefix, int max) {
        return new GrowingPool(prefix, max, IDLE_SECONDS, TimeUnit.SECONDS, named(prefix));
    }
}
