package org.certdesk.bot.helpdesk;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.certdesk.bot.system.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes closed cases past {@code certdesk.helpdesk.retention}, with what was said in them: case
 * data is personal data, kept no longer than the helpdesk needs it. Once at start (a service that
 * restarts more often than hourly still sweeps) and then every hour, on a thread of its own so a slow
 * delete never holds up turns or deliveries.
 */
@Component
class HelpdeskRetention implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HelpdeskRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final CaseStore cases;
    private final TransactionTemplate transaction;
    private final Duration retention;
    private final Clock clock;
    private volatile ScheduledExecutorService sweeps;

    HelpdeskRetention(CaseStore cases, PlatformTransactionManager transactions, HelpdeskProperties properties,
            Clock clock) {
        this.cases = cases;
        this.transaction = new TransactionTemplate(transactions);
        this.retention = properties.retention();
        this.clock = clock;
    }

    /** @return how many cases were deleted */
    int sweep() {
        // One transaction: a case is never left without its lines, nor lines without their case.
        Integer deleted = transaction.execute(status -> cases.deleteClosedBefore(clock.instant().minus(retention)));
        if (deleted != null && deleted > 0) {
            log.info("helpdesk: deleted {} case(s) closed more than {} ago", deleted, retention);
        }
        return deleted == null ? 0 : deleted;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // The next sweep deletes what this one could not; the thread must survive to run it.
            log.warn("helpdesk retention sweep failed, will try again: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                WorkerThreads.named("certdesk-helpdesk-retention"));
        executor.execute(this::sweepQuietly);
        executor.scheduleWithFixedDelay(this::sweepQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
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
