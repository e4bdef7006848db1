package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The outbox side: a reply goes to the mailbox rendered, typing nowhere, a database failure is retried. */
class WebhookDeliveryTests {
    private static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");
    private static final ChannelAddress ADDRESS = new ChannelAddress("webhook", "19:t@thread.tacv2;messageid=1|u-1",
            null, null, "Support PC", "29:1", "Camille", "u-1", "tenant", "channel");

    private final Mailbox mailbox = mock(Mailbox.class);
    private final WebhookDelivery delivery = new WebhookDelivery(mailbox, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void servesTheWebhookChannel() {
        assertThat(delivery.channel()).isEqualTo("webhook");
    }

    @Test
    void aReplyIsRenderedIntoTheMailbox() {
        Outbound say = new Outbound.Say(new Message.Choices(List.of(new Message.Option("a", "Oui"))), "fr");

        assertThat(delivery.deliver(new OutboxEntry(41, ADDRESS, 3, say, 0)).kind()).isEqualTo(DeliveryResult.Kind.SENT);

        verify(mailbox).put(ADDRESS.conversationId(), 41, 3,
                "Répondez en mentionnant @Support PC, suivi de l’une de ces réponses :<br>• Oui", NOW);
    }

    @Test
    void typingIsDropped() {
        assertThat(delivery.deliver(new OutboxEntry(42, ADDRESS, 4, new Outbound.Typing(), 0)).kind())
                .isEqualTo(DeliveryResult.Kind.SENT);

        verifyNoInteractions(mailbox);
    }

    @Test
    void aDatabaseFailureIsRetried() {
        doThrow(new DataAccessResourceFailureException("connection refused"))
                .when(mailbox).put(anyString(), anyLong(), anyLong(), anyString(), any());

        DeliveryResult result = delivery.deliver(new OutboxEntry(43, ADDRESS, 5,
                new Outbound.Say(new Message.Text("Bonjour"), "fr"), 0));

        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.RETRY);
    }
}
