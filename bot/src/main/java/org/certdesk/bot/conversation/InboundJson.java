package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.UserInput;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link Inbound} as the inbox stores it. Written by hand with an explicit {@code type} for the
 * input, so the stored form does not change when a record gains a component, and rows written by
 * an older release still read.
 */
@Component
class InboundJson {
    private final JsonMapper json;

    InboundJson(JsonMapper json) {
        this.json = json;
    }

    String write(Inbound inbound) {
        ObjectNode node = json.createObjectNode();
        node.put("activityId", inbound.activityId());
        ChannelAddress a = inbound.address();
        ObjectNode address = node.putObject("address");
        address.put("channel", a.channel());
        address.put("conversationId", a.conversationId());
        address.put("serviceUrl", a.serviceUrl());
        address.put("botId", a.botId());
        address.put("botName", a.botName());
        address.put("userId", a.userId());
        address.put("userName", a.userName());
        address.put("userAadObjectId", a.userAadObjectId());
        address.put("tenantId", a.tenantId());
        address.put("conversationType", a.conversationType());
        writeInput(inbound.input(), node.putObject("input"));
        node.put("locale", inbound.locale());
        node.put("receivedAt", inbound.receivedAt().toString());
        return json.writeValueAsString(node);
    }

    Inbound read(String text) {
        JsonNode node = json.readTree(text);
        JsonNode a = node.path("address");
        ChannelAddress address = new ChannelAddress(text(a, "channel"), text(a, "conversationId"),
                text(a, "serviceUrl"), text(a, "botId"), text(a, "botName"), text(a, "userId"),
                text(a, "userName"), text(a, "userAadObjectId"), text(a, "tenantId"), text(a, "conversationType"));
        return new Inbound(text(node, "activityId"), address, readInput(node.path("input")), text(node, "locale"),
                Instant.parse(text(node, "receivedAt")));
    }

    private static void writeInput(UserInput input, ObjectNode node) {
        if (input instanceof UserInput.Start start) {
            node.put("type", "start").put("languageTag", start.languageTag());
        } else if (input instanceof UserInput.Text t) {
            node.put("type", "text").put("text", t.text());
        } else if (input instanceof UserInput.Choice choice) {
            node.put("type", "choice").put("choiceId", choice.choiceId());
        } else if (input instanceof UserInput.SwitchLocale locale) {
            node.put("type", "switch_locale").put("languageTag", locale.languageTag());
        } else if (input instanceof UserInput.Resume resume) {
            node.put("type", "resume").put("stateId", resume.stateId());
        } else if (input instanceof UserInput.ActionResult result) {
            node.put("type", "action_result").put("requestId", result.requestId()).put("action", result.action())
                    .put("outcome", result.outcome());
            ObjectNode variables = node.putObject("variables");
            result.variables().forEach(variables::put);
        } else {
            throw new IllegalArgumentException("unknown input " + input.getClass().getName());
        }
    }

    private static UserInput readInput(JsonNode node) {
        String type = text(node, "type");
        return switch (type == null ? "" : type) {
            case "start" -> new UserInput.Start(text(node, "languageTag"));
            case "text" -> new UserInput.Text(text(node, "text"));
            case "choice" -> new UserInput.Choice(text(node, "choiceId"));
            case "switch_locale" -> new UserInput.SwitchLocale(text(node, "languageTag"));
            case "resume" -> new UserInput.Resume(text(node, "stateId"));
            case "action_result" -> {
                Map<String, String> variables = new LinkedHashMap<>();
                node.path("variables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asString()));
                yield new UserInput.ActionResult(text(node, "requestId"), text(node, "action"), text(node, "outcome"),
                        variables);
            }
            default -> throw new IllegalArgumentException("stored input of unknown type '" + type + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
