package org.certdesk.bot.system;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread pools' shared habits: named daemon threads, and a stop that lets work in flight finish. */
public final class WorkerThreads {
    private static final int STOP_WAIT_SECONDS = 20;

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
}
