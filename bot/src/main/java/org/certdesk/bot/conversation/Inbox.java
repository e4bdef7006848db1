package org.certdesk.bot.conversation;

import java.util.Optional;
import java.util.function.Supplier;

import org.certdesk.bot.shared.ActivityJournal;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link TurnSubmitter}: de-duplicates and records an activity in one transaction, wakes the
 * conversation's worker, and has the channel answer once the activity is on disk, so that once a
 * channel answered 200 the turn happens even if the process dies right after: in the
 * {@link ActivityJournal} before the transaction commits (H2 in a file), else once the store wrote the
 * transaction ({@link DurableWrites}). {@link #submitWith} always waits for the store: the channel's own
 * writes join its transaction, and the journal would not bring them back.
 */
@Component
class Inbox implements TurnSubmitter {
    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final int MAX_CHANNEL = 32;
    private static final int MAX_CONVERSATION_ID = 512;
    private static final int MAX_ACTIVITY_ID = 256;

    private final InboxStore store;
    private final ConversationStore conversations;
    private final TurnQueue queue;
    private final TurnProcessor processor;
    private final TransactionTemplate transaction;
    private final DurableWrites durable;
    private final ActivityJournal journal;

    Inbox(InboxStore store, ConversationStore conversations, TurnQueue queue, TurnProcessor processor,
            PlatformTransactionManager transactions, DurableWrites durable, ActivityJournal journal) {
        this.store = store;
        this.journal = journal;
        this.conversations = conversations;
        this.queue = queue;
        this.processor = processor;
        this.durable = durable;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when an id is longer than the store keeps (channel 32,
     *     conversation id 512, activity id 256 characters), or a field of the address is longer than
     *     its column: the channel should answer 400
     */
    @Override
    public Submission submit(Inbound inbound) {
        Submission submission = record(inbound);
        if (submission == Submission.ACCEPTED && !journal.keeps()) {
            durable.awaitDurable(); // the channel answers 200 next: by then the turn or its row is on disk
        }
        return submission;
    }

    @Override
    public Submission submit(Inbound inbound, Supplier<Runnable> holdAnswer) {
        Submission submission = record(inbound);
        if (submission == Submission.ACCEPTED && !journal.keeps() && !durable.durableNow()) {
            durable.afterDurable(holdAnswer.get());
        }
        return submission;
    }

    /** Runs the turn at once, or records the activity for the conversation's worker; committed and journaled. */
    private Submission record(Inbound inbound) {
        checkLimits(inbound);
        Optional<Submission> done;
        try {
            done = queue.runHere(inbound.address().key(), () -> processor.runNow(inbound))
                    .map(TurnProcessor.Direct::submission);
        } catch (RuntimeException e) {
            // The turn failed and was rolled back: recorded below instead, and its worker tries again
            // and counts the failures, as for any turn.
            log.debug("conversation {}: turn of {} failed at once, queued: {}", inbound.address().key(),
                    inbound.activityId(), e.toString());
            done = Optional.empty();
        }
        if (done.isPresent()) {
            return done.get();
        }
        Boolean accepted = transaction.execute(status -> store.acceptJournaled(number(inbound), inbound));
        return woken(inbound, accepted);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The only difference with {@link #submit(Inbound)}: {@code recordFirst} runs inside the
     * transaction that records the activity (the channel's own writes join it), and the limits are
     * checked there too, so that a refusal also takes back what {@code recordFirst} wrote.
     */
    @Override
    public Submission submitWith(Supplier<Inbound> recordFirst) {
        Inbound[] recorded = new Inbound[1];
        Boolean accepted = transaction.execute(status -> {
            Inbound inbound = recordFirst.get();
            checkLimits(inbound);
            recorded[0] = inbound;
            return accept(inbound);
        });
        Submission submission = woken(recorded[0], accepted);
        if (submission == Submission.ACCEPTED) {
            durable.awaitDurable(); // the channel answers 200 next: by then the row is on disk
        }
        return submission;
    }

    /** Records the activity under its conversation's number, creating the conversation's row first if need be. */
    private boolean accept(Inbound inbound) {
        return store.accept(number(inbound), inbound);
    }

    private long number(Inbound inbound) {
        return conversations.number(inbound.address(), inbound.receivedAt());
    }

    private Submission woken(Inbound inbound, Boolean accepted) {
        if (!Boolean.TRUE.equals(accepted)) {
            return Submission.DUPLICATE;
        }
        queue.wake(inbound.address().key()); // committed: the worker will see the row
        return Submission.ACCEPTED;
    }

    private static void checkLimits(Inbound inbound) {
        check("channel", inbound.address().channel(), MAX_CHANNEL);
        check("conversation id", inbound.address().conversationId(), MAX_CONVERSATION_ID);
        check("activity id", inbound.activityId(), MAX_ACTIVITY_ID);
        // The address is saved with the conversation by the turn: a value its column cannot hold would
        // fail every attempt of the turn, silently for the user. Refused here instead, nothing stored.
        ChannelAddress a = inbound.address();
        checkOptional("serviceUrl", a.serviceUrl(), 1024);
        checkOptional("bot id", a.botId(), 512);
        checkOptional("bot name", a.botName(), 512);
        checkOptional("user id", a.userId(), 512);
        checkOptional("user name", a.userName(), 512);
        checkOptional("user aadObjectId", a.userAadObjectId(), 64);
        checkOptional("tenant id", a.tenantId(), 64);
        checkOptional("conversation type", a.conversationType(), 32);
    }

    private static void checkOptional(String what, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(what + " must have at most " + max + " characters, has " + value.length());
        }
    }

    private static void check(String what, String value, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(what + " must have 1 to " + max + " characters, has " + value.length());
        }
    }
}
