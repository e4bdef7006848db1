package org.certdesk.bot.channel.webchat;

import java.time.Clock;

import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.OutboxEntry;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox's replies to the web chat: "sending" is appending the rendered activity to the
 * conversation's log, which the browser polls. Appending the same outbox entry twice keeps one copy,
 * so a redelivery after a crash shows nothing twice.
 */
@Component
class WebChatDelivery implements Delivery {
    private final ActivityLog log;
    private final Clock clock;

    WebChatDelivery(ActivityLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return Envelope.CHANNEL;
    }

    @Override
    public DeliveryResult deliver(OutboxEntry entry) {
        String conversationId = entry.address().conversationId();
        try {
            boolean appended = log.append(conversationId, entry.id(), seq -> ActivityRenderer
                    .render(entry.payload(), conversationId, seq, clock.instant()).toString()).isPresent();
            return appended ? DeliveryResult.sent()
                    : DeliveryResult.rejected("no web chat conversation " + conversationId);
        } catch (DataAccessException e) {
            // The database, not the browser, failed: the dispatcher tries again with its backoff.
            return DeliveryResult.retry(null, "web chat activity log: " + e.getMostSpecificCause().getMessage());
        }
    }
}
