package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.util.List;

import org.certdesk.bot.conversation.ConversationKey;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxDispatcher;
import org.certdesk.bot.outbox.OutboxStore;
import org.certdesk.bot.system.AfterCommit;
import org.springframework.stereotype.Component;

/**
 * Sends what the helpdesk says through the outbox, in the current transaction, so a message exists
 * exactly when the change of the case that produced it commits (and is delivered once, in order with
 * the bot's replies). Wakes the outbox after the commit.
 */
@Component
class EmployeeReplies {
    private final OutboxStore outbox;
    private final OutboxDispatcher dispatcher;

    EmployeeReplies(OutboxStore outbox, OutboxDispatcher dispatcher) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
    }

    void send(ConversationKey key, List<Outbound> messages, Instant now) {
        if (messages.isEmpty()) {
            return;
        }
        outbox.append(key, messages, now);
        AfterCommit.run(dispatcher::wake);
    }
}
