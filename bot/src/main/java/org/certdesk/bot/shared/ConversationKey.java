package org.certdesk.bot.shared;

import java.util.Objects;

/** Identifies one conversation across channels: ids are only unique within a channel. */
public record ConversationKey(String channel, String conversationId) {
    public ConversationKey {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    @Override
    public String toString() {
        return channel + ":" + conversationId;
    }
}
