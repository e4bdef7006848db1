package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.util.List;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxDispatcher;
import org.certdesk.bot.shared.ConversationKey;
import org.springframework.stereotype.Component;

/**
 * Sends what the helpdesk says through the outbox, in the current transaction, so a message exists
 * exactly when the change of the case that produced it commits (and is delivered once, in order with
 * the bot's replies). Wakes the outbox after the commit.
 */
@Component
class EmployeeReplies {
    private final OutboxDispatcher dispatcher;

    EmployeeReplies(OutboxDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void send(ConversationKey key, List<Outbound> messages, Instant now) {
        dispatcher.append(key, messages, now); // the same path as the turns' own replies
    }
}
