package org.certdesk.bot.outbox;

import java.util.List;

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
     * The replies of one turn as this channel sends them, before they are stored: a channel where
     * each message is a notification and a request of its own (Teams) joins them; others keep them.
     */
    default List<Outbound> bundle(List<Outbound> turnReplies) {
        return turnReplies;
    }
}
