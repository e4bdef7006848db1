package org.certdesk.bot.helpdesk;

import java.time.Clock;
import java.time.Duration;

import org.certdesk.bot.system.Housekeeping;
import org.certdesk.bot.system.PeriodicSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what the helpdesk keeps of people once it no longer needs it: closed cases past
 * {@code certdesk.helpdesk.retention}, with what was said in them, and the transcript lines of
 * conversations that have no case (never escalated, or their cases deleted) past
 * {@code certdesk.helpdesk.transcript-retention}. Case data and transcripts are personal data. Once
 * at start and then every hour ({@link PeriodicSweep}).
 */
@Component
class HelpdeskRetention extends PeriodicSweep {
    private static final Logger log = LoggerFactory.getLogger(HelpdeskRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final CaseStore cases;
    private final Transcript transcript;
    private final TransactionTemplate transaction;
    private final Duration retention;
    private final Duration transcriptRetention;
    private final Clock clock;

    HelpdeskRetention(CaseStore cases, Transcript transcript, PlatformTransactionManager transactions,
            HelpdeskProperties properties, Clock clock, Housekeeping housekeeping) {
        super("helpdesk-retention", EVERY, housekeeping);
        this.cases = cases;
        this.transcript = transcript;
        this.transaction = new TransactionTemplate(transactions);
        this.retention = properties.retention();
        this.transcriptRetention = properties.transcriptRetention();
        this.clock = clock;
    }

    @Override
    protected void sweepOnce() {
        sweep();
        sweepTranscripts();
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

    /** @return how many transcript lines of conversations without a case were deleted */
    int sweepTranscripts() {
        int deleted = transcript.deleteWithoutCaseBefore(clock.instant().minus(transcriptRetention));
        if (deleted > 0) {
            log.info("helpdesk: deleted {} transcript line(s) of conversations without a case, older than {}",
                    deleted, transcriptRetention);
        }
        return deleted;
    }
}
