package org.certdesk.bot.conversation;

/** An accepted activity waiting for its turn; {@code attempts} counts turns of it that failed. */
record InboxRow(long id, Inbound inbound, int attempts) {}
