package org.certdesk.bot.outbox;

import java.util.ArrayList;
import java.util.List;

import org.certdesk.dialogs.engine.Message;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link Outbound} as the outbox stores it, with explicit type names so stored rows survive
 * changes to the records (a row written before an upgrade is delivered after it).
 */
@Component
class OutboundJson {
    private final JsonMapper json;

    OutboundJson(JsonMapper json) {
        this.json = json;
    }

    String write(Outbound outbound) {
        ObjectNode node = json.createObjectNode();
        if (outbound instanceof Outbound.Typing) {
            node.put("type", "typing");
        } else if (outbound instanceof Outbound.Say say) {
            node.put("type", "say");
            node.put("locale", say.locale());
            writeMessage(say.message(), node.putObject("message"));
        } else if (outbound instanceof Outbound.Notice notice) {
            node.put("type", "notice");
            node.put("locale", notice.locale());
            node.put("title", notice.title());
            ArrayNode facts = node.putArray("facts");
            notice.facts().forEach(f -> facts.addObject().put("label", f.label()).put("value", f.value()));
            node.put("linkTitle", notice.linkTitle());
            node.put("url", notice.url());
        } else {
            throw new IllegalArgumentException("unknown outbound " + outbound.getClass().getName());
        }
        return json.writeValueAsString(node);
    }

    Outbound read(String text) {
        JsonNode node = json.readTree(text);
        String type = node.path("type").asString("");
        return switch (type) {
            case "typing" -> new Outbound.Typing();
            case "say" -> new Outbound.Say(readMessage(node.path("message")), node.path("locale").asString(null));
            case "notice" -> {
                List<Message.Fact> facts = new ArrayList<>();
                node.path("facts").forEach(f -> facts.add(
                        new Message.Fact(f.path("label").asString(), f.path("value").asString())));
                yield new Outbound.Notice(node.path("title").asString(), facts, node.path("linkTitle").asString(),
                        node.path("url").asString(), node.path("locale").asString(null));
            }
            default -> throw new IllegalArgumentException("stored outbound of unknown type '" + type + "'");
        };
    }

    private static void writeMessage(Message message, ObjectNode node) {
        switch (message.kind()) {
            case TEXT -> node.put("kind", "text").put("text", ((Message.Text) message).text());
            case CHOICES -> {
                Message.Choices choices = (Message.Choices) message;
                if (choices.text() != null) {
                    node.put("text", choices.text());
                }
                ArrayNode options = node.put("kind", "choices").putArray("options");
                ((Message.Choices) message).options().forEach(o -> options.addObject()
                        .put("id", o.id()).put("label", o.label()));
            }
            case FACTS -> {
                ArrayNode facts = node.put("kind", "facts").putArray("facts");
                ((Message.Facts) message).facts().forEach(f -> facts.addObject()
                        .put("label", f.label()).put("value", f.value()));
            }
            case DOWNLOAD -> {
                Message.Download download = (Message.Download) message;
                node.put("kind", "download").put("url", download.url()).put("fileName", download.fileName())
                        .put("sha256", download.sha256());
            }
        }
    }

    private static Message readMessage(JsonNode node) {
        String kind = node.path("kind").asString("");
        return switch (kind) {
            case "text" -> new Message.Text(node.path("text").asString());
            case "choices" -> {
                List<Message.Option> options = new ArrayList<>();
                node.path("options").forEach(o -> options.add(
                        new Message.Option(o.path("id").asString(), o.path("label").asString())));
                yield new Message.Choices(node.path("text").asString(null), options); // no text: stored before 0.11
            }
            case "facts" -> {
                List<Message.Fact> facts = new ArrayList<>();
                node.path("facts").forEach(f -> facts.add(
                        new Message.Fact(f.path("label").asString(), f.path("value").asString())));
                yield new Message.Facts(facts);
            }
            case "download" -> new Message.Download(node.path("url").asString(), node.path("fileName").asString(),
                    node.path("sha256").asString());
            default -> throw new IllegalArgumentException("stored message of unknown kind '" + kind + "'");
        };
    }
}
