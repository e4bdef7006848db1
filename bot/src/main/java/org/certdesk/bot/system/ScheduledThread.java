package org.certdesk.bot.system;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One named thread that runs the tasks of several features on their schedules: a thread each would be
 * parked nearly all the time. {@link Housekeeping} and {@link Timers} are the two, told apart by how
 * long their tasks take and how much a late run matters.
 */
public abstract class ScheduledThread implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ScheduledThread.class);

    private final String threadName;
    /** Null while stopped. Its thread starts with the first task; a cancelled task leaves the queue at once. */
    private volatile ScheduledThreadPoolExecutor executor;

    protected ScheduledThread(String threadName) {
        this.threadName = threadName;
    }

    /** {@link #every(String, Duration, Duration, Runnable)} with its first run now. */
    public ScheduledFuture<?> every(String name, Duration period, Runnable task) {
        return every(name, Duration.ZERO, period, task);
    }

    /**
     * Runs {@code task} after {@code firstIn} and then every {@code period} after the end of the
     * previous run. A run that throws is logged, and the next one runs as planned.
     *
     * @param name names the task in the log, e.g. {@code helpdesk-retention}
     * @return the schedule, to cancel when its owner stops
     * @throws IllegalStateException when this thread is stopped (its owners start after it)
     */
    public ScheduledFuture<?> every(String name, Duration firstIn, Duration period, Runnable task) {
        ScheduledThreadPoolExecutor running = executor;
        if (running == null) {
            throw new IllegalStateException(threadName + " is stopped: " + name + " not scheduled");
        }
        return running.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed, will try again in {}: {}", name, period, e.toString());
            }
        }, firstIn.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} once, as soon as the thread is free (after the run under way, before the
     * scheduled runs that are not due yet).
     *
     * @return false when this thread is stopped or stopping: the task will not run
     */
    public boolean soon(Runnable task) {
        ScheduledThreadPoolExecutor running = executor;
        if (running == null) {
            return false;
        }
        try {
            running.execute(task);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, WorkerThreads.named(threadName));
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
