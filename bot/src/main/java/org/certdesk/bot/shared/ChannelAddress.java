package org.certdesk.bot.shared;

import java.util.Objects;

/**
 * Where a conversation lives and how to answer it: the channel, the conversation id within it, and
 * what the channel needs to reach the user again (for Teams, the Bot Connector's service URL and the
 * bot and user ids, kept from the inbound activity). Stored with the conversation, so replies and
 * proactive messages (a helpdesk agent's answer) work after a restart.
 *
 * @param channel {@code msteams}, {@code directline} (the web chat page) or {@code webhook} (Teams outgoing webhook)
 * @param serviceUrl the Bot Connector base URL for Teams; null for the other channels
 * @param conversationType {@code personal}, {@code groupChat} or {@code channel} for Teams; null otherwise
 */
public record ChannelAddress(String channel, String conversationId, String serviceUrl, String botId, String botName,
        String userId, String userName, String userAadObjectId, String tenantId, String conversationType) {

    public ChannelAddress {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    /** The key conversations are stored and ordered by: the channel and its conversation id. */
    public ConversationKey key() {
        return new ConversationKey(channel, conversationId);
    }
}
