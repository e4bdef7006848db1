package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.List;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.UserInput;

/**
 * The transcript port: what the employee and the bot said, kept for the helpdesk (which implements
 * it) so that an agent taking a case reads the conversation. Called inside the turn's transaction.
 */
public interface TranscriptLog {

    /**
     * What a turn said, in one write: the employee's input, then the bot's replies.
     *
     * @param conversation the conversation's number ({@code conversations.id})
     * @param input what the employee did, or null for a turn nobody started (an action's result)
     * @param name the employee's name as the channel gives it, or null
     */
    void turn(long conversation, UserInput input, String name, List<Outbound> replies, Instant now);

    default void bot(long conversation, List<Outbound> replies, Instant now) {
        turn(conversation, null, null, replies, now);
    }
}
