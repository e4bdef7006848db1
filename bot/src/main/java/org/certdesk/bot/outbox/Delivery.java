package org.certdesk.bot.outbox;

import java.util.List;

import org.certdesk.bot.shared.DurableWrites;

/**
 * Sends outbox entries of one channel. Called by the outbox dispatcher, one entry of a conversation
 * at a time, never concurrently for the same conversation. Must not throw for what the remote end
 * does: answer {@link DeliveryResult}.
 */
public interface Delivery {
    /** The {@link org.certdesk.bot.shared.ChannelAddress#channel()} this delivery serves. */
    String channel();

    DeliveryResult deliver(OutboxEntry entry);

    /**
     * Delivers {@code entry} of a turn whose write to disk may still be under way: nothing of it may
     * leave before {@code written} opens (a reply the employee read must not come from a turn a crash
     * undoes). A channel that can get ready first (render, take a connection) does so meanwhile; this
     * default waits, then delivers.
     */
    default DeliveryResult deliver(OutboxEntry entry, DurableWrites.Signal written) {
        if (!written.await(DurableWrites.LIMIT)) {
            return notWritten();
        }
        return deliver(entry);
    }

    /** Not sent, and tried again later: its turn's write did not reach the disk within {@link DurableWrites#LIMIT}. */
    static DeliveryResult notWritten() {
        return DeliveryResult.retry(null, "not sent: its turn was not on disk within " + DurableWrites.LIMIT);
    }

    /**
     * The replies of one turn as this channel sends them, before they are stored: a channel where
     * each message is a notification and a request of its own (Teams) joins them; others keep them.
     */
    default List<Outbound> bundle(List<Outbound> turnReplies) {
        return turnReplies;
    }
}
