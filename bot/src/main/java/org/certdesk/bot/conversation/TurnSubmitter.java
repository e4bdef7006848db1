package org.certdesk.bot.conversation;

/**
 * Where channels hand what users do. Returns at once: the turn runs afterwards, in order with the
 * other turns of its conversation (also across bot instances), and its replies leave through the
 * outbox. Channels answer the inbound HTTP request right after {@link #submit} returns.
 */
public interface TurnSubmitter {
    enum Submission {
        /** Recorded; it will run. */
        ACCEPTED,
        /** The same activity id was already recorded for this conversation: nothing more happens. */
        DUPLICATE
    }

    /**
     * Records {@code inbound} durably and schedules its turn.
     *
     * @return whether it was new; never null
     */
    Submission submit(Inbound inbound);
}
