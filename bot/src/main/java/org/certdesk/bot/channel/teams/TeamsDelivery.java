package org.certdesk.bot.channel.teams;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.DurableWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers outbox entries of {@value MessagingEndpoint#CHANNEL} conversations: renders each as a Bot
 * Framework activity ({@link ActivityRenderer}) and posts it to the conversation's Bot Connector,
 * within Teams' rate limits ({@link ConnectorPace}): when the conversation has sent all it may for
 * now, the entry is not posted but retried when it may be (the outbox keeps the later replies behind
 * it). A person's dialog in a shared conversation is answered in that conversation, naming them
 * ({@link PersonalDialogs}).
 */
@Component
class TeamsDelivery implements Delivery {
    private static final Logger log = LoggerFactory.getLogger(TeamsDelivery.class);

    private final ConnectorClient connector;
    private final ConnectorPace pace;
    private final Clock clock;

    @Autowired
    TeamsDelivery(ConnectorClient connector, ObjectProvider<Clock> clock, ObjectProvider<PaceProperties> pace) {
        this(connector, clock.getIfUnique(Clock::systemUTC), pace.getIfAvailable(() -> PaceProperties.DEFAULTS));
    }

    TeamsDelivery(ConnectorClient connector, Clock clock, PaceProperties pace) {
        this.connector = connector;
        this.clock = clock;
        this.pace = pace.enabled() ? new ConnectorPace(clock) : null;
        if (!pace.enabled()) {
            log.warn("certdesk.bot.pace.enabled=false: replies are not paced within Teams' rate limits (a 429 is"
                    + " still honoured); only for a connector without limits");
        }
    }

    @Override
    public String channel() {
        return MessagingEndpoint.CHANNEL;
    }

    /** One bubble per turn where the messages allow it: see {@link TurnBundle}. */
    @Override
    public List<Outbound> bundle(List<Outbound> turnReplies) {
        return TurnBundle.of(turnReplies);
    }

    @Override
    public DeliveryResult deliver(OutboxEntry entry) {
        return deliver(entry, DurableWrites.Signal.OPEN);
    }

    /** Renders the reply and takes the connection while its turn's write is under way. */
    @Override
    public DeliveryResult deliver(OutboxEntry entry, DurableWrites.Signal written) {
        ChannelAddress dialog = entry.address();
        if (dialog.serviceUrl() == null) {
            return DeliveryResult.rejected("the conversation has no serviceUrl");
        }
        ChannelAddress address = PersonalDialogs.teamsConversation(dialog);
        String activity;
        try {
            ObjectNode rendered = ActivityRenderer.render(entry.payload(), address);
            if (PersonalDialogs.ofOnePerson(dialog)) {
                ActivityRenderer.mention(rendered, address.userId(), address.userName());
            }
            activity = rendered.toString();
        } catch (RuntimeException e) {
            log.error("Cannot render outbox entry {} of {}", entry.id(), dialog.key(), e);
            return DeliveryResult.rejected("cannot render: " + e.getClass().getSimpleName());
        }
        if (pace == null) {
            return connector.send(address.serviceUrl(), address.conversationId(), activity, written);
        }
        ConnectorPace.Decision decision = pace.tryAcquire(address.conversationId(), address.tenantId());
        if (decision.permit() == null) {
            // Not a failure: the entry was not posted. The outbox honours the delay as it would a Retry-After.
            Duration wait = Duration.between(clock.instant(), decision.retryAt());
            return DeliveryResult.retry(wait.isNegative() ? Duration.ZERO : wait,
                    "paced: Teams' rate limit for the conversation, not sent");
        }
        try {
            return connector.send(address.serviceUrl(), address.conversationId(), activity, written);
        } finally {
            decision.permit().sent();
        }
    }
}
