package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.certdesk.bot.outbox.Delivery;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The outbox's side: a delivery is an append to the conversation's log, once. */
@WebChatTest
class WebChatDeliveryTests {
    private static final AtomicLong OUTBOX_IDS = new AtomicLong(5_000);

    @Autowired
    List<Delivery> deliveries;
    @Autowired
    DirectLineConversations conversations;
    @Autowired
    ActivityLog log;

    private final JsonMapper json = JsonMapper.builder().build();

    private Delivery webChat() {
        return deliveries.stream().filter(d -> d.channel().equals("directline")).findFirst().orElseThrow();
    }

    private static OutboxEntry entry(long id, String conversationId, Outbound payload) {
        return new OutboxEntry(id, new ChannelAddress("directline", conversationId, null, "certdesk", "certdesk",
                "dl_u1", null, null, null, null), id, payload, 0);
    }

    @Test
    void deliveringAppendsTheRenderedActivityToTheLog() {
        String conversationId = conversations.open("fr-FR", null).conversationId();
        long id = OUTBOX_IDS.incrementAndGet();
        DeliveryResult result = webChat().deliver(entry(id, conversationId,
                new Outbound.Say(new Message.Text("Bonjour !"), "fr")));
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        JsonNode activity = json.readTree(log.after(conversationId, 0, 10).get(0).json());
        assertThat(activity.get("text").stringValue()).isEqualTo("Bonjour !");
        assertThat(activity.get("id").stringValue()).isEqualTo(conversationId + "|0000001");
    }

    @Test
    void aRedeliveredEntryShowsOnce() {
        String conversationId = conversations.open("fr-FR", null).conversationId();
        OutboxEntry entry = entry(OUTBOX_IDS.incrementAndGet(), conversationId, new Outbound.Typing());
        assertThat(webChat().deliver(entry).kind()).isEqualTo(DeliveryResult.Kind.SENT);
        assertThat(webChat().deliver(entry).kind()).isEqualTo(DeliveryResult.Kind.SENT);
        assertThat(log.after(conversationId, 0, 10)).hasSize(1);
    }

    @Test
    void anUnknownConversationIsRejectedNotRetried() {
        DeliveryResult result = webChat().deliver(entry(OUTBOX_IDS.incrementAndGet(), "gone",
                new Outbound.Say(new Message.Text("?"), "fr")));
        assertThat(result).isEqualTo(DeliveryResult.rejected("no web chat conversation gone"));
    }
}
