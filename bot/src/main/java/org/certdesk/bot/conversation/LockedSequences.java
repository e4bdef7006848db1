package org.certdesk.bot.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.certdesk.bot.outbox.OutboxSequences.Reserved;
import org.certdesk.bot.shared.ConversationKey;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox counters of the conversations the current transaction row-locked, as read with the lock
 * and advanced by the transaction itself. While the lock is held nobody else can change a counter, so
 * the turn's reservation needs no statement to read it back; and when the turn's save advanced it for
 * the replies to come ({@link #prepaid}), their reservation needs no statement at all.
 */
final class LockedSequences {

    /**
     * A counter as this transaction left it, and how many of its last numbers await their entries;
     * with the conversation's number, which the entries are stored under.
     */
    private static final class Counter {
        final long conversation;
        long value;
        int prepaid;

        Counter(long conversation, long value) {
            this.conversation = conversation;
            this.value = value;
        }

        Reserved reserved() {
            return new Reserved(conversation, value);
        }
    }

    /** Remembers {@code sequence}, read by a statement that row-locked the conversation numbered {@code conversation}. */
    void locked(ConversationKey key, long conversation, long sequence) {
        Map<ConversationKey, Counter> known = known(true);
        if (known != null) {
            known.put(key, new Counter(conversation, sequence));
        }
    }

    /** Whether this transaction row-locked the conversation and knows its counter. */
    boolean knows(ConversationKey key) {
        Map<ConversationKey, Counter> known = known(false);
        return known != null && known.containsKey(key);
    }

    /**
     * The transaction's save advanced the counter by {@code count} in the table, for entries its
     * appending reserves next ({@link #takePrepaid}).
     */
    void prepaid(ConversationKey key, int count) {
        Counter counter = known(false).get(key);
        counter.value += count;
        counter.prepaid = count;
    }

    /**
     * The numbers the save advanced the counter by, if they are {@code count}: taken, nothing else to
     * write. Otherwise they stay unused (a gap in the numbering, which only orders entries).
     *
     * @return the counter's value, the last of the {@code count} numbers; empty when the caller
     *     must advance the counter itself
     */
    Optional<Reserved> takePrepaid(ConversationKey key, int count) {
        Map<ConversationKey, Counter> known = known(false);
        Counter counter = known == null ? null : known.get(key);
        if (counter == null || counter.prepaid == 0) {
            return Optional.empty();
        }
        boolean matches = counter.prepaid == count;
        counter.prepaid = 0;
        return matches ? Optional.of(counter.reserved()) : Optional.empty();
    }

    /**
     * Advances a remembered counter by {@code count}, after the transaction's own UPDATE did so in the
     * table.
     *
     * @return the new value, or empty when this transaction did not lock the conversation
     */
    Optional<Reserved> advanced(ConversationKey key, int count) {
        Map<ConversationKey, Counter> known = known(false);
        Counter counter = known == null ? null : known.get(key);
        if (counter == null) {
            return Optional.empty();
        }
        counter.value += count;
        return Optional.of(counter.reserved());
    }

    /** The current transaction's counters; null outside a transaction (nothing is locked for long). */
    @SuppressWarnings("unchecked")
    private Map<ConversationKey, Counter> known(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<ConversationKey, Counter> known =
                (Map<ConversationKey, Counter>) TransactionSynchronizationManager.getResource(this);
        if (known == null && create) {
            Map<ConversationKey, Counter> fresh = new HashMap<>();
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
