package org.certdesk.bot.channel.webchat;

import java.time.Instant;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.Message;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what the bot says into Web Chat activities: a text as a plain-text message (the engine's
 * texts are plain, and Markdown would make links of what a certificate name contains), choices as
 * suggested actions, facts and downloads as Adaptive Cards, typing as a typing activity.
 */
final class ActivityRenderer {

    private ActivityRenderer() {
    }

    static ObjectNode render(Outbound outbound, String conversationId, long seq, Instant timestamp) {
        if (outbound.kind() == Outbound.Kind.TYPING) {
            ObjectNode typing = start("typing", conversationId, seq, timestamp);
            Envelope.sequence(typing, seq);
            return typing;
        }
        Outbound.Say say = (Outbound.Say) outbound;
        ObjectNode activity = start("message", conversationId, seq, timestamp);
        if (say.locale() != null) {
            activity.put("locale", say.locale());
        }
        Message message = say.message();
        switch (message.kind()) {
            case TEXT -> activity.put("text", ((Message.Text) message).text()).put("textFormat", "plain");
            case CHOICES -> choices(activity, (Message.Choices) message);
            case FACTS -> attach(activity, AdaptiveCards.facts(((Message.Facts) message).facts()));
            case DOWNLOAD -> attach(activity, AdaptiveCards.download((Message.Download) message, say.locale()));
            default -> throw new IllegalArgumentException("no web chat rendering for " + message.kind());
        }
        Envelope.sequence(activity, seq);
        return activity;
    }

    /**
     * Buttons above the send box. messageBack posts the choice id as {@code value} (what the engine
     * needs) and shows the label as the user's message (what the person clicked); Web Chat removes
     * the buttons once anything is sent. A message without text is not drawn as a bubble.
     */
    private static void choices(ObjectNode activity, Message.Choices choices) {
        if (choices.text() != null) {
            activity.put("text", choices.text()).put("textFormat", "plain"); // the question and its buttons: one bubble
        }
        ArrayNode actions = activity.putObject("suggestedActions").putArray("actions");
        for (Message.Option option : choices.options()) {
            actions.addObject().put("type", "messageBack").put("title", option.label()).put("text", option.label())
                    .put("displayText", option.label()).put("value", option.id());
        }
    }

    private static void attach(ObjectNode activity, ObjectNode card) {
        activity.putArray("attachments").addObject().put("contentType", AdaptiveCards.CONTENT_TYPE)
                .set("content", card);
    }

    private static ObjectNode start(String type, String conversationId, long seq, Instant timestamp) {
        ObjectNode activity = Envelope.of(type, conversationId, seq, timestamp);
        activity.set("from", Envelope.bot());
        return activity;
    }
}
