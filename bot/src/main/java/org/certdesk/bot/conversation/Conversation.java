package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.Objects;

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
 * @param stored the address and pending action as the row holds them: a save writes them only when
 *     they changed
 */
record Conversation(long id, ChannelAddress address, ConversationState state, ActionRequest pendingAction,
        Instant actionLeaseUntil, int actionAttempts, Integer androidApiLevel, long version, Stored stored) {

    /**
     * What of a conversation its turns write outside its state, as stored. A turn writes them only when
     * it changed them: it does not lock their row, and a worker renewing its action's lease writes
     * there meanwhile (an unchanged lease written back would undo the renewal).
     */
    record Stored(ChannelAddress address, ActionRequest pendingAction, Instant actionLeaseUntil, int actionAttempts) {

        boolean sameAddress(Conversation conversation) {
            return address.equals(conversation.address());
        }

        boolean samePendingAction(Conversation conversation) {
            return Objects.equals(pendingAction, conversation.pendingAction())
                    && Objects.equals(actionLeaseUntil, conversation.actionLeaseUntil())
                    && actionAttempts == conversation.actionAttempts();
        }
    }

    ConversationKey key() {
        return address.key();
    }

    Conversation withAddress(ChannelAddress newAddress) {
        return new Conversation(id, newAddress, state, pendingAction, actionLeaseUntil, actionAttempts,
                androidApiLevel, version, stored);
    }

    Conversation withState(ConversationState newState) {
        return new Conversation(id, address, newState, pendingAction, actionLeaseUntil, actionAttempts,
                androidApiLevel, version, stored);
    }

    /** As a save leaves it: at {@code newVersion}, with what it holds now as stored. */
    Conversation saved(long newVersion) {
        return new Conversation(id, address, state, pendingAction, actionLeaseUntil, actionAttempts, androidApiLevel,
                newVersion, new Stored(address, pendingAction, actionLeaseUntil, actionAttempts));
    }

    /** With {@code action} pending (null: none) under a lease until {@code leaseUntil}. */
    Conversation withPendingAction(ActionRequest action, Instant leaseUntil, int attempts) {
        return new Conversation(id, address, state, action, leaseUntil, attempts, androidApiLevel, version, stored);
    }
}
