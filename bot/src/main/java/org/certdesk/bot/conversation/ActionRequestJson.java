package org.certdesk.bot.conversation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.certdesk.dialogs.engine.ActionRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A pending action request as the conversations table keeps it: {@code {"requestId", "name", "arguments"}}. */
final class ActionRequestJson {
    private ActionRequestJson() {}

    static String write(JsonMapper json, ActionRequest request) {
        ObjectNode node = json.createObjectNode();
        node.put("requestId", request.requestId());
        node.put("name", request.name());
        ObjectNode arguments = node.putObject("arguments");
        request.arguments().forEach(arguments::put);
        return json.writeValueAsString(node);
    }

    static ActionRequest read(JsonMapper json, String text) {
        JsonNode node = json.readTree(text);
        Map<String, String> arguments = new LinkedHashMap<>();
        node.path("arguments").properties().forEach(e -> arguments.put(e.getKey(), e.getValue().asString()));
        return new ActionRequest(node.path("requestId").asString(), node.path("name").asString(), arguments);
    }
}
