package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.Handoff;
import org.certdesk.dialogs.engine.UserInput;

/**
 * The escalation port: where a turn meets the helpdesk, inside the turn's transaction. The
 * conversation package owns it so that the turn loop never imports the helpdesk; the helpdesk
 * implements it.
 */
public interface Escalations {

    /**
     * Opens the case of an escalation (the conversation's state is already saved in this transaction).
     *
     * @return what to tell the employee, empty when this turn already opened the case
     */
    List<Outbound> escalated(ConversationKey key, String turnRef, Handoff handoff, ConversationState state, Instant now);

    /**
     * Takes the employee's input when their conversation has a case in progress.
     *
     * @param name the employee's name as the channel gives it, or null
     * @return empty when no case is in progress (the bot steps the input as usual); else what to tell
     *     the employee, often nothing
     */
    Optional<List<Outbound>> divert(ConversationKey key, UserInput input, String name, String locale, Instant now);
}
