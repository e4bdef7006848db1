package org.certdesk.bot.channel.teams;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The fields of an inbound Bot Framework activity this channel uses, nothing more. Read by
 * {@link ActivityReader}; {@code type}, {@code conversationId} and {@code serviceUrl} are never null.
 *
 * @param id the activity id (de-duplication), or null if the sender gave none
 * @param value the card submit data ({@code message}) or the invoke payload ({@code invoke}); a missing node if absent
 * @param name the invoke name, e.g. {@code adaptiveCard/action}
 * @param action the installationUpdate action, e.g. {@code add}
 * @param membersAdded ids of the members a conversationUpdate adds
 * @param botMentions the {@code <at>…</at>} texts of mention entities naming the bot (the recipient)
 */
record Activity(String type, String id, String channelId, String serviceUrl, String locale,
        Account from, Account recipient, String conversationId, String conversationType, String tenantId,
        String text, JsonNode value, String name, String action, List<String> membersAdded, List<String> botMentions) {

    /** A user or the bot; any field may be null. */
    record Account(String id, String name, String aadObjectId) {
        static final Account NONE = new Account(null, null, null);
    }

    boolean addsBot() {
        return recipient.id() != null && membersAdded.contains(recipient.id());
    }
}
