package org.certdesk.bot.channel.webhook;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of an outgoing webhook call this channel uses. Teams posts a Bot Framework message
 * activity from a team channel; {@code conversation.id} is the thread
 * ({@code 19:…@thread.tacv2;messageid=…}), so one thread is one conversation per user.
 *
 * @param id the activity id (de-duplication), or null
 * @param userId {@code from.aadObjectId}, else {@code from.id}: the same person in every thread
 * @param webhookMention the {@code <at>…</at>} text of a mention entity naming the recipient (the
 *     webhook), or null when the payload has none
 * @param locale {@code locale}, else the clientInfo entity's, else null
 */
record WebhookActivity(String type, String id, String conversationId, String userId, String userName,
        String fromId, String aadObjectId, String recipientId, String recipientName, String tenantId, String text,
        String webhookMention, String locale) {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** The body is not an activity this channel can answer; the message says what is wrong. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static WebhookActivity read(byte[] body) throws Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Unreadable("The body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new Unreadable("The body must be a JSON object (an activity).");
        }
        String type = string(root.path("type"));
        if (type == null) {
            throw new Unreadable("The activity has no type.");
        }
        String conversationId = string(root.path("conversation").path("id"));
        JsonNode from = root.path("from");
        String fromId = string(from.path("id"));
        String aadObjectId = string(from.path("aadObjectId"));
        String userId = aadObjectId != null ? aadObjectId : fromId;
        if ("message".equals(type) && (conversationId == null || userId == null)) {
            throw new Unreadable("The message has no conversation.id or no from.id.");
        }
        JsonNode recipient = root.path("recipient");
        String recipientId = string(recipient.path("id"));
        String tenantId = string(root.path("channelData").path("tenant").path("id"));
        if (tenantId == null) {
            tenantId = string(root.path("conversation").path("tenantId"));
        }
        return new WebhookActivity(type, string(root.path("id")), conversationId, userId,
                string(from.path("name")), fromId, aadObjectId, recipientId, string(recipient.path("name")), tenantId,
                string(root.path("text")), mentionOf(root.path("entities"), recipientId), locale(root));
    }

    private static String mentionOf(JsonNode entities, String recipientId) {
        if (recipientId == null) {
            return null;
        }
        for (JsonNode entity : entities) {
            if ("mention".equals(string(entity.path("type")))
                    && recipientId.equals(string(entity.path("mentioned").path("id")))) {
                return string(entity.path("text"));
            }
        }
        return null;
    }

    private static String locale(JsonNode root) {
        String locale = string(root.path("locale"));
        if (locale != null) {
            return locale;
        }
        for (JsonNode entity : root.path("entities")) {
            if ("clientInfo".equals(string(entity.path("type")))) {
                return string(entity.path("locale"));
            }
        }
        return null;
    }

    /** A non-blank string node's text, else null (Teams sends many fields as explicit nulls). */
    private static String string(JsonNode node) {
        return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }
}
