package org.certdesk.bot.channel.webchat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;

/** A {@link TurnSubmitter} that only remembers what it got, or fails when told to. */
class RecordingTurns implements TurnSubmitter {
    private final List<Inbound> submitted = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

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
