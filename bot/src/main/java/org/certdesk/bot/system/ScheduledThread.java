package org.certdesk.bot.system;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * One named thread that runs the tasks of several features on their schedules: a thread each would be
 * parked nearly all the time. {@link Housekeeping} and {@link Timers} are the two, told apart by how
 * long their tasks take and how much a late run matters.
 */
public abstract class ScheduledThread implements SmartLifecycle, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ScheduledThread.class);

    private final String threadName;
    private final boolean keptUntilDestroyed;
    /**
     * Null until made (by {@link #start}, or earlier by {@link #executor}) and once shut down. Its thread
     * starts with the first task; a cancelled task leaves the queue at once.
     */
    private volatile ScheduledThreadPoolExecutor executor;
    /** Between {@link #start} and {@link #stop}: the features' tasks may be scheduled. */
    private volatile boolean running;

    /**
     * @param keptUntilDestroyed the thread stays after {@link #stop}, until the bean is destroyed, for a
     *     library's tasks ({@link #executor}); otherwise {@link #stop} ends it
     */
    protected ScheduledThread(String threadName, boolean keptUntilDestroyed) {
        this.threadName = threadName;
        this.keptUntilDestroyed = keptUntilDestroyed;
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
        ScheduledThreadPoolExecutor started = executor;
        if (!running || started == null) {
            throw new IllegalStateException(threadName + " is stopped: " + name + " not scheduled");
        }
        return started.scheduleWithFixedDelay(() -> {
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
        ScheduledThreadPoolExecutor started = executor;
        if (!running || started == null) {
            return false;
        }
        try {
            started.execute(task);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /**
     * The thread's executor, made now if need be, for a library that schedules its own upkeep on it
     * (only where the thread is kept until destroyed): such a library is made before the context starts
     * and closed after it stopped.
     */
    protected synchronized ScheduledExecutorService executor() {
        ScheduledThreadPoolExecutor made = executor;
        if (made == null) {
            made = new ScheduledThreadPoolExecutor(1, WorkerThreads.named(threadName));
            made.setRemoveOnCancelPolicy(true);
            made.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a stop waits for a run under way, not for the next
            executor = made;
        }
        return made;
    }

    @Override
    public void start() {
        executor();
        running = true;
    }

    /** After the tasks' owners (phase 0) cancelled theirs: lets a run in progress finish. */
    @Override
    public void stop() {
        running = false;
        if (!keptUntilDestroyed) {
            shutDown();
        }
    }

    /** Ends the thread, if {@link #stop} did not; a run in progress finishes first. */
    @Override
    public void destroy() {
        running = false;
        shutDown();
    }

    private synchronized void shutDown() {
        ScheduledThreadPoolExecutor stopping = executor;
        executor = null;
        if (stopping != null) {
            WorkerThreads.stopGracefully(stopping);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the tasks' owners (phase 0), and before the store's writer (phase -100). */
    @Override
    public int getPhase() {
        return -50;
    }
}
