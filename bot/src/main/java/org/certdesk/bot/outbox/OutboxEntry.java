package org.certdesk.bot.outbox;

import org.certdesk.bot.shared.ChannelAddress;

/**
 * One reply waiting in the outbox. Entries of one conversation are delivered in {@code sequence}
 * order, each only after the one before it was acknowledged.
 *
 * @param id unique across the outbox; channels use it to make deliveries idempotent where they can
 * @param attempts deliveries tried so far (0 on the first)
 */
public record OutboxEntry(long id, ChannelAddress address, long sequence, Outbound payload, int attempts) {}
