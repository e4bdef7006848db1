package org.certdesk.bot.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.certdesk.bot.shared.ConversationKey;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox counters of the conversations the current transaction row-locked, as read with the lock
 * and advanced by the transaction itself. While the lock is held nobody else can change a counter, so
 * the turn's reservation needs no statement to read it back.
 */
final class LockedSequences {

    /** Remembers {@code sequence}, read by a statement that row-locked the conversation. */
    void locked(ConversationKey key, long sequence) {
        Map<ConversationKey, Long> known = known(true);
        if (known != null) {
            known.put(key, sequence);
        }
    }

    /**
     * Advances a remembered counter by {@code count}, after the transaction's own UPDATE did so in the
     * table.
     *
     * @return the new value, or empty when this transaction did not lock the conversation
     */
    OptionalLong advanced(ConversationKey key, int count) {
        Map<ConversationKey, Long> known = known(false);
        Long sequence = known == null ? null : known.get(key);
        if (sequence == null) {
            return OptionalLong.empty();
        }
        known.put(key, sequence + count);
        return OptionalLong.of(sequence + count);
    }

    /** The current transaction's counters; null outside a transaction (nothing is locked for long). */
    @SuppressWarnings("unchecked")
    private Map<ConversationKey, Long> known(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<ConversationKey, Long> known = (Map<ConversationKey, Long>) TransactionSynchronizationManager.getResource(this);
        if (known == null && create) {
            Map<ConversationKey, Long> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LockedSequences.this);
                }
            });
            known = fresh;
        }
        return known;
    }
}
