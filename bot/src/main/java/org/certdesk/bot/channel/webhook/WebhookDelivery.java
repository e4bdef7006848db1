package org.certdesk.bot.channel.webhook;

import java.time.Clock;

import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox's replies of {@value WebhookController#CHANNEL} conversations. An outgoing
 * webhook cannot call Teams, so "sending" is rendering the reply and putting it in the
 * conversation's {@link Mailbox}, where the answer to a mention picks it up. Typing indicators are
 * dropped: the webhook answers once, with text.
 */
@Component
class WebhookDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final Mailbox mailbox;
    private final Clock clock;

    WebhookDelivery(Mailbox mailbox, Clock clock) {
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return WebhookController.CHANNEL;
    }

    @Override
    public DeliveryResult deliver(OutboxEntry entry) {
        if (!(entry.payload() instanceof Outbound.Say say)) {
            return DeliveryResult.sent();
        }
        String text;
        try {
            String name = entry.address().botName() != null ? entry.address().botName() : WebhookController.DEFAULT_NAME;
            text = WebhookMarkdown.render(say.message(), say.locale(), name);
        } catch (RuntimeException e) {
            log.error("Cannot render outbox entry {} of {}", entry.id(), entry.address().key(), e);
            return DeliveryResult.rejected("cannot render: " + e.getClass().getSimpleName());
        }
        try {
            mailbox.put(entry.address().conversationId(), entry.id(), entry.sequence(), text, clock.instant());
            return DeliveryResult.sent();
        } catch (DataAccessException e) {
            // The database, not Teams, failed: the dispatcher tries again with its backoff.
            return DeliveryResult.retry(null, "webhook mailbox: " + e.getMostSpecificCause().getMessage());
        }
    }
}
