package org.certdesk.bot.outbox;

import org.certdesk.bot.shared.ConversationKey;

/**
 * The per-conversation counter that numbers outbox entries. It lives on the conversation's state row
 * (so the appending transaction locks the conversation and concurrent appends queue behind it), which
 * only the conversation store writes: the outbox owns this port, the conversation store implements it.
 */
public interface OutboxSequences {

    /**
     * Advances the conversation's counter by {@code count}; the row stays locked until the current
     * transaction ends.
     *
     * @return the conversation's number and the counter's new value
     * @throws org.springframework.dao.DataIntegrityViolationException if the conversation is not stored
     */
    Reserved reserve(ConversationKey key, int count);

    /**
     * Sequence numbers reserved.
     *
     * @param conversation the conversation's number, the key its outbox entries are stored under
     * @param last the counter's new value: the entries get the {@code count} numbers up to it
     */
    record Reserved(long conversation, long last) {}
}
