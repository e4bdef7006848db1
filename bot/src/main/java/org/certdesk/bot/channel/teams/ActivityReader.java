package org.certdesk.bot.channel.teams;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the fields {@link Activity} keeps from a request body, with a JSON tree walk. */
final class ActivityReader {
    private static final JsonMapper JSON = JsonMapper.shared();

    private ActivityReader() {
    }

    /**
     * @throws BadActivity if the body is not a JSON object, or lacks {@code type}, {@code conversation.id}
     *     or an absolute http(s) {@code serviceUrl}
     */
    static Activity read(byte[] body) throws BadActivity {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadActivity("malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadActivity("the body must be a JSON object (an activity)");
        }
        String type = required(root, "type");
        String conversationId = required(root.path("conversation"), "conversation.id", "id");
        String serviceUrl = required(root, "serviceUrl");
        if (!isHttpUrl(serviceUrl)) {
            throw new BadActivity("serviceUrl must be an absolute http(s) URL");
        }
        JsonNode conversation = root.path("conversation");
        Activity.Account recipient = account(root.path("recipient"));
        String tenantId = string(conversation.path("tenantId"));
        if (tenantId == null) {
            tenantId = string(root.path("channelData").path("tenant").path("id"));
        }
        return new Activity(type, string(root.path("id")), string(root.path("channelId")), serviceUrl,
                locale(root), account(root.path("from")), recipient, conversationId,
                string(conversation.path("conversationType")), tenantId, string(root.path("text")),
                root.path("value"), string(root.path("name")), string(root.path("action")),
                memberIds(root.path("membersAdded")), botMentions(root.path("entities"), recipient.id()));
    }

    private static String required(JsonNode node, String field) throws BadActivity {
        return required(node, field, field);
    }

    private static String required(JsonNode node, String label, String field) throws BadActivity {
        String value = string(node.path(field));
        if (value == null || value.isBlank()) {
            throw new BadActivity("missing " + label);
        }
        return value;
    }

    /** The text of a string node, or null for anything else. */
    static String string(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Activity.Account account(JsonNode node) {
        if (!node.isObject()) {
            return Activity.Account.NONE;
        }
        return new Activity.Account(string(node.path("id")), string(node.path("name")), string(node.path("aadObjectId")));
    }

    /** The activity's locale, else the one Teams puts in its clientInfo entity. */
    private static String locale(JsonNode root) {
        String locale = string(root.path("locale"));
        if (locale != null && !locale.isBlank()) {
            return locale;
        }
        for (JsonNode entity : root.path("entities")) {
            if ("clientInfo".equals(string(entity.path("type")))) {
                String fromClient = string(entity.path("locale"));
                if (fromClient != null && !fromClient.isBlank()) {
                    return fromClient;
                }
            }
        }
        return null;
    }

    private static List<String> memberIds(JsonNode members) {
        List<String> ids = new ArrayList<>();
        for (JsonNode member : members) {
            String id = string(member.path("id"));
            if (id != null) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private static List<String> botMentions(JsonNode entities, String botId) {
        List<String> mentions = new ArrayList<>();
        for (JsonNode entity : entities) {
            String text = string(entity.path("text"));
            if ("mention".equals(string(entity.path("type"))) && text != null && botId != null
                    && botId.equals(string(entity.path("mentioned").path("id")))) {
                mentions.add(text);
            }
        }
        return List.copyOf(mentions);
    }
}
