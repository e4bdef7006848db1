package org.certdesk.bot.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A clean-up that runs once at start (a service that restarts more often than its period still
 * sweeps) and then every {@code period}, on a thread of its own so that a slow delete never holds up
 * turns or deliveries. A failed sweep is logged and tried again at the next one. The retention
 * sweeps of the features extend it.
 */
public abstract class PeriodicSweep implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

    private final String name;
    private final Duration period;
    private volatile ScheduledExecutorService sweeps;

    /** @param name names the thread and the log lines, e.g. {@code helpdesk-retention} */
    protected PeriodicSweep(String name, Duration period) {
        this.name = name;
        this.period = period;
    }

    /** One sweep; may throw, the next one tries again. */
    protected abstract void sweepOnce();

    private void sweepQuietly() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            // The next sweep deletes what this one could not; the thread must survive to run it.
            log.warn("{} sweep failed, will try again: {}", name, e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                WorkerThreads.named("certdesk-" + name));
        executor.execute(this::sweepQuietly);
        executor.scheduleWithFixedDelay(this::sweepQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        sweeps = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = sweeps;
        sweeps = null;
        if (executor != null) {
            WorkerThreads.stopGracefully(executor);
        }
    }

    @Override
    public boolean isRunning() {
        return sweeps != null;
    }

    /** Like the turns' recovery sweep: runs while the database is there, before and after the web server. */
    @Override
    public int getPhase() {
        return 0;
    }
}
