package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.List;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.UserInput;

/**
 * The transcript port: what the employee and the bot said, kept for the helpdesk (which implements
 * it) so that an agent taking a case reads the conversation. Called inside the turn's transaction.
 */
public interface TranscriptLog {

    /** @param name the employee's name as the channel gives it, or null */
    void employee(ConversationKey key, UserInput input, String name, Instant now);

    void bot(ConversationKey key, List<Outbound> replies, Instant now);
}
