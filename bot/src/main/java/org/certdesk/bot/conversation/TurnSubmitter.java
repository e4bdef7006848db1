package org.certdesk.bot.conversation;

import java.util.function.Supplier;

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

    /**
     * Like {@link #submit(Inbound)}, without holding the calling thread while the activity is written
     * to disk: when the write is still to come, {@code holdAnswer} is called (on this thread, before
     * this returns) and the answer it gives runs once the activity is on disk, on the store's writer
     * thread; otherwise the caller answers when this returns, as after {@link #submit(Inbound)}.
     *
     * <p>By default, {@link #submit(Inbound)}: the write is never still to come when it returns.
     *
     * @param holdAnswer called at most once; what it returns answers the channel, and must not block
     * @throws IllegalArgumentException as {@link #submit(Inbound)}
     */
    default Submission submit(Inbound inbound, Supplier<Runnable> holdAnswer) {
        return submit(inbound);
    }

    /**
     * Like {@link #submit(Inbound)}, with the channel's own record of the activity written in the same
     * transaction: both are kept or neither, so a crash between them cannot keep one without the other
     * (the web chat's echo of a message without its turn). {@code recordFirst} runs first, inside that
     * transaction (its JDBC writes on the application's data source join it), and returns the activity
     * to record: its id may come from what it wrote. What it throws rolls everything back and reaches
     * the caller. Keep it short: it runs while the transaction is open.
     *
     * @throws IllegalArgumentException as {@link #submit(Inbound)}, after taking back {@code recordFirst}'s writes
     */
    Submission submitWith(Supplier<Inbound> recordFirst);
}
