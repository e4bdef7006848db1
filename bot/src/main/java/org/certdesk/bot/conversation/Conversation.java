package org.certdesk.bot.conversation;

import java.time.Instant;

import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;

/**
 * A stored conversation as one turn sees it.
 *
 * @param id a surrogate number, for references that must stay short (download links)
 * @param state the dialog state; null when the row was just created and no turn ran yet
 * @param pendingAction a slow action requested and not answered yet, or null
 * @param actionLeaseUntil until when the worker running {@code pendingAction} is presumed alive
 * @param actionAttempts how many times {@code pendingAction} was started
 * @param androidApiLevel the phone's API level from its User-Agent, or null
 * @param version the optimistic-lock version read; a save expects it unchanged
 */
record Conversation(long id, ChannelAddress address, ConversationState state, ActionRequest pendingAction,
        Instant actionLeaseUntil, int actionAttempts, Integer androidApiLevel, long version) {

    ConversationKey key() {
        return address.key();
    }

    Conversation withAddress(ChannelAddress newAddress) {
        return new Conversation(id, newAddress, state, pendingAction, actionLeaseUntil, actionAttempts,
                androidApiLevel, version);
    }

    Conversation withState(ConversationState newState) {
        return new Conversation(id, address, newState, pendingAction, actionLeaseUntil, actionAttempts,
                androidApiLevel, version);
    }

    /** With {@code action} pending (null: none) under a lease until {@code leaseUntil}. */
    Conversation withPendingAction(ActionRequest action, Instant leaseUntil, int attempts) {
        return new Conversation(id, address, state, action, leaseUntil, attempts, androidApiLevel, version);
    }
}
