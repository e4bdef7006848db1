package org.certdesk.bot.conversation;

import org.certdesk.dialogs.engine.ConversationState;

/**
 * A hook on the stored state just before the engine steps it, for what the service learned outside
 * the dialog (the phone's own Android version, from its certificate download). The turn loop stays
 * general; the actions implement it.
 */
public interface StateBeforeStep {

    /**
     * @param androidApiLevel the API level the phone reported, or null
     * @return the state to step, {@code state} itself when nothing changes
     */
    ConversationState adjusted(ConversationState state, Integer androidApiLevel);
}
