package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.List;

import org.certdesk.dialogs.engine.ConversationState;

/**
 * The port of the script states a turn reached, for the insights dashboard's funnel. Called inside
 * the turn's transaction; the conversation package owns it so that the turn loop never imports the
 * dashboard.
 */
public interface StateLog {

    /**
     * @param conversation the conversation's number ({@code conversations.id})
     * @param states the states the turn's steps ended in, in order
     */
    void reached(long conversation, List<ConversationState> states, Instant now);
}
