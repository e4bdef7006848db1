package org.certdesk.bot.channel.teams;

import java.util.List;

import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ChannelAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers outbox entries of {@value TeamsController#CHANNEL} conversations: renders each as a Bot
 * Framework activity ({@link ActivityRenderer}) and posts it to the conversation's Bot Connector.
 */
@Component
class TeamsDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(TeamsDelivery.class);

    private final ConnectorClient connector;

    TeamsDelivery(ConnectorClient connector) {
        this.connector = connector;
    }

    @Override
    public String channel() {
        return TeamsController.CHANNEL;
    }

    /** One bubble per turn where the messages allow it: see {@link TurnBundle}. */
    @Override
    public List<Outbound> bundle(List<Outbound> turnReplies) {
        return TurnBundle.of(turnReplies);
    }

    @Override
    public DeliveryResult deliver(OutboxEntry entry) {
        ChannelAddress address = entry.address();
        if (address.serviceUrl() == null) {
            return DeliveryResult.rejected("the conversation has no serviceUrl");
        }
        String activity;
        try {
            activity = ActivityRenderer.render(entry.payload(), address).toString();
        } catch (RuntimeException e) {
            log.error("Cannot render outbox entry {} of {}", entry.id(), address.key(), e);
            return DeliveryResult.rejected("cannot render: " + e.getClass().getSimpleName());
        }
        return connector.send(address.serviceUrl(), address.conversationId(), activity);
    }
}
