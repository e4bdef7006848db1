package org.certdesk.bot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.certdesk.bot.shared.ActivityJournal;
import org.certdesk.bot.shared.DurableWrites;
import org.certdesk.bot.system.CertdeskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, gives the inbox back what the last run journaled ({@link ActivityJournal}) and the store's
 * file does not hold: a run that died acknowledged those activities, and maybe posted their replies,
 * before H2 wrote their turns. Each is accepted again as a redelivery would be: one the store knows is a
 * duplicate and dropped, one it lost is queued and run by the recovery of {@link TurnQueue}, which starts
 * after this; their replies are posted again. Then the file is written and the journal's old records go.
 */
@Component
class JournalReplay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);
    private static final int ATTEMPTS = 3; // as a turn is redone (TurnProcessor)

    private final ActivityJournal journal;
    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final DurableWrites durable;
    private final TransactionTemplate transaction;
    /** How long activity ids are remembered: an activity older than that would run as a new one. */
    private final Duration retention;
    private final Clock clock;
    private volatile boolean running;

    @Autowired
    JournalReplay(ActivityJournal journal, InboxStore inbox, ConversationStore conversations, DurableWrites durable,
            PlatformTransactionManager transactions, CertdeskProperties properties, Clock clock) {
        this(journal, inbox, conversations, durable, transactions, properties.turns().dedupeRetention(), clock);
    }

    JournalReplay(ActivityJournal journal, InboxStore inbox, ConversationStore conversations, DurableWrites durable,
            PlatformTransactionManager transactions, Duration retention, Clock clock) {
        this.journal = journal;
        this.inbox = inbox;
        this.conversations = conversations;
        this.durable = durable;
        this.transaction = new TransactionTemplate(transactions);
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        if (journal.leftByLastRun().isEmpty()) {
            return;
        }
        List<Inbound> journaled = inbox.journaledByLastRun();
        int queued = 0;
        List<Inbound> failed = new ArrayList<>();
        Instant forgotten = clock.instant().minus(retention);
        for (Inbound inbound : journaled) {
            if (inbound.receivedAt().isBefore(forgotten)) {
                // Its id may be forgotten (the sweep of ids past the retention ran meanwhile): it would run as
                // a new turn, a week late. Kept by starts that could not queue it, or the bot was down as long.
                log.error("journaled activity {} of {}, received {}, is older than the {} activity ids are remembered:"
                        + " not queued again", inbound.activityId(), inbound.address().key(), inbound.receivedAt(),
                        retention);
                continue;
            }
            switch (accepted(inbound)) {
                case QUEUED -> queued++;
                case FAILED -> failed.add(inbound);
                case KNOWN -> { }
            }
        }
        durable.awaitDurable();
        if (failed.isEmpty()) {
            journal.replayed();
        } else {
            // The journal is what is left of these acknowledged activities: it stays, and the next start
            // tries them again (those queued meanwhile are known by then, and dropped as duplicates), until
            // they are older than the activity ids are remembered.
            log.error("{} of {} activities the last run acknowledged could not be queued again ({}): its journal is"
                    + " kept, and the next start tries them again", failed.size(), journaled.size(),
                    failed.stream().map(inbound -> inbound.address().key() + "/" + inbound.activityId()).toList());
        }
        if (queued > 0) {
            log.info("{} activities acknowledged by the last run were not in the store's file: queued again, their"
                    + " replies will be posted again ({} journaled in all)", queued, journaled.size());
        }
    }

    private enum Replayed { QUEUED, KNOWN, FAILED }

    /**
     * Accepts one journaled activity again. A transaction that meets another on the same rows is redone, as
     * a turn's is; one that still fails is logged with what it was, and the start goes on: one activity
     * must not keep the bot from starting. Its journal is kept for the next start.
     */
    private Replayed accepted(Inbound inbound) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Boolean.TRUE.equals(transaction.execute(status -> inbox.accept(
                        conversations.number(inbound.address(), inbound.receivedAt()), inbound)))
                        ? Replayed.QUEUED : Replayed.KNOWN;
            } catch (RuntimeException e) {
                if (e instanceof TransientDataAccessException && attempt < ATTEMPTS) {
                    log.debug("journaled activity {} of {}: redone after {}", inbound.activityId(),
                            inbound.address().key(), e.toString());
                    continue;
                }
                log.error("journaled activity {} of {} could not be queued again: {}", inbound.activityId(),
                        inbound.address().key(), e.toString());
                return Replayed.FAILED;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the store's writer (phase -100), before the turns' recovery (phase 0), which runs what this queues. */
    @Override
    public int getPhase() {
        return -10;
    }
}
