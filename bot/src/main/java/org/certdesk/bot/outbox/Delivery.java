package org.certdesk.bot.outbox;

/**
 * Sends outbox entries of one channel. Called by the outbox dispatcher, one entry of a conversation
 * at a time, never concurrently for the same conversation. Must not throw for what the remote end
 * does: answer {@link DeliveryResult}.
 */
public interface Delivery {
    /** The {@link org.certdesk.bot.shared.ChannelAddress#channel()} this delivery serves. */
    String channel();

    DeliveryResult deliver(OutboxEntry entry);
}
