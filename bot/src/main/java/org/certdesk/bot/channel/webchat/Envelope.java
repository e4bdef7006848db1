package org.certdesk.bot.channel.webchat;

import java.time.Instant;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields every activity of the log carries, whoever wrote it. The sequence number goes into
 * {@code channelData["webchat:sequence-id"]}, which Web Chat sorts its transcript by, so the
 * transcript shows the log's order even when two activities share a timestamp.
 */
final class Envelope {
    static final String CHANNEL = "directline";
    static final String BOT_ID = "certdesk";
    static final String BOT_NAME = "certdesk";

    private Envelope() {
    }

    /** Activity ids as the Direct Line service shapes them: the conversation, a bar, a counter. */
    static String activityId(String conversationId, long seq) {
        return String.format("%s|%07d", conversationId, seq);
    }

    static ObjectNode of(String type, String conversationId, long seq, Instant timestamp) {
        ObjectNode activity = JsonNodeFactory.instance.objectNode();
        activity.put("type", type);
        activity.put("id", activityId(conversationId, seq));
        activity.put("timestamp", timestamp.toString());
        activity.put("channelId", CHANNEL);
        activity.putObject("conversation").put("id", conversationId);
        return activity;
    }

    static ObjectNode bot() {
        ObjectNode from = JsonNodeFactory.instance.objectNode();
        return from.put("id", BOT_ID).put("name", BOT_NAME).put("role", "bot");
    }

    /** Sets the sequence Web Chat orders by, keeping whatever else {@code channelData} holds. */
    static void sequence(ObjectNode activity, long seq) {
        ObjectNode channelData = activity.get("channelData") instanceof ObjectNode existing
                ? existing : activity.putObject("channelData");
        channelData.put("webchat:sequence-id", seq);
    }
}
