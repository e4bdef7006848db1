package org.certdesk.bot.system;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.springframework.context.SmartLifecycle;

/**
 * A clean-up that runs once at start (a service that restarts more often than its period still
 * sweeps) and then every {@code period}, on the {@link Housekeeping} thread, so that a slow delete
 * never holds up turns or deliveries. A failed sweep is logged and tried again at the next one. The
 * retention sweeps of the features extend it.
 */
public abstract class PeriodicSweep implements SmartLifecycle {
    private final String name;
    private final Duration period;
    private final Housekeeping housekeeping;
    private volatile ScheduledFuture<?> sweeps;

    /** @param name names the log lines, e.g. {@code helpdesk-retention} */
    protected PeriodicSweep(String name, Duration period, Housekeeping housekeeping) {
        this.name = name;
        this.period = period;
        this.housekeeping = housekeeping;
    }

    /** One sweep; may throw, the next one tries again. */
    protected abstract void sweepOnce();

    @Override
    public void start() {
        sweeps = housekeeping.every(name + " sweep", period, this::sweepOnce);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> scheduled = sweeps;
        sweeps = null;
        if (scheduled != null) {
            scheduled.cancel(false); // a sweep under way finishes: Housekeeping waits for it
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
