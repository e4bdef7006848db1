package org.certdesk.bot.conversation;

import org.certdesk.bot.shared.ConversationKey;
import org.springframework.dao.OptimisticLockingFailureException;

/** A save found another version than the one it read: someone saved in between; redo the turn. */
class StaleConversationException extends OptimisticLockingFailureException {
    StaleConversationException(ConversationKey key, long expectedVersion) {
        super("conversation " + key + " is no longer at version " + expectedVersion);
    }
}
