package org.certdesk.bot.system;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread for the periodic work whose timing is loose: the retention sweeps, the sign-in server
 * watch, the sweep of expired sign-in sessions. Each had a thread of its own, parked nearly all the
 * time. A slow run (a large delete, a sign-in host that does not answer) delays the others by as
 * much, which none of them minds: each does at its next run what a late one did not.
 *
 * <p>Not for what is on a turn's or a reply's path, nor for what must keep time: the turns'
 * recovery (after a crash, acknowledged turns wait for it), the outbox's poller and its claims'
 * renewals keep threads of their own.
 */
@Component
public class Housekeeping implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    /** Null while stopped. Its thread starts with the first task; a cancelled task leaves the queue at once. */
    private volatile ScheduledThreadPoolExecutor executor;

    /**
     * Runs {@code task} now and then every {@code period} after the end of the previous run. A run
     * that throws is logged, and the next one runs as planned.
     *
     * @param name names the task in the log, e.g. {@code helpdesk-retention}
     * @return the schedule, to cancel when its owner stops
     * @throws IllegalStateException when housekeeping is stopped (its owners start after it)
     */
    public ScheduledFuture<?> every(String name, Duration period, Runnable task) {
        ScheduledThreadPoolExecutor running = executor;
        if (running == null) {
            throw new IllegalStateException("housekeeping is stopped: " + name + " not scheduled");
        }
        long millis = period.toMillis();
        return running.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed, will try again in {}: {}", name, period, e.toString());
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1,
                WorkerThreads.named("certdesk-housekeeping"));
        started.setRemoveOnCancelPolicy(true);
        executor = started;
    }

    /** After the tasks' owners (phase 0) cancelled theirs: lets a run in progress finish. */
    @Override
    public void stop() {
        ScheduledThreadPoolExecutor stopping = executor;
        executor = null;
        if (stopping != null) {
            WorkerThreads.stopGracefully(stopping);
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Starts before and stops after the tasks' owners (phase 0), and before the store's writer (phase -100). */
    @Override
    public int getPhase() {
        return -50;
    }
}
