package org.certdesk.bot.channel.webchat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link TurnSubmitter} that only remembers what it got, or fails when told to. Like the real one,
 * it runs the channel's own writes of {@link #submitWith} in its transaction: a failure takes
 * them back.
 */
class RecordingTurns implements TurnSubmitter {
    private final List<Inbound> submitted = new CopyOnWriteArrayList<>();
    private final TransactionTemplate transaction;
    private volatile boolean failing;

    RecordingTurns(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Submission submitWith(Supplier<Inbound> recordFirst) {
        return transaction.execute(status -> submit(recordFirst.get()));
    }

    @Override
    public Submission submit(Inbound inbound) {
        if (failing) {
            throw new IllegalStateException("the inbox is down (test)");
        }
        boolean seen = submitted.stream().anyMatch(earlier -> earlier.activityId().equals(inbound.activityId())
                && earlier.address().key().equals(inbound.address().key()));
        submitted.add(inbound);
        return seen ? Submission.DUPLICATE : Submission.ACCEPTED;
    }

    List<Inbound> submitted() {
        return List.copyOf(submitted);
    }

    List<Inbound> of(String conversationId) {
        return submitted.stream().filter(i -> i.address().conversationId().equals(conversationId)).toList();
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    void clear() {
        submitted.clear();
        failing = false;
    }
}
