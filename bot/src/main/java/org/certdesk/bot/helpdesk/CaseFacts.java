package org.certdesk.bot.helpdesk;

import java.util.List;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.Message;

/**
 * Facts another feature adds to the helpdesk's announcement of a case, about the case's
 * conversation (the server findings its employee met, for one). Called in the escalating turn's
 * transaction.
 */
public interface CaseFacts {
    /** @param locale the helpdesk's language */
    List<Message.Fact> of(ConversationKey conversation, String locale);
}
