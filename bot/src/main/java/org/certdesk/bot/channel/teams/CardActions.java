package org.certdesk.bot.channel.teams;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.certdesk.dialogs.engine.UserInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What comes back from the cards this channel sends: the {@value #CHOICE} property of an
 * Action.Submit's data (or of an Action.Execute's, for Universal Actions), and the invoke responses
 * Teams expects.
 */
final class CardActions {
    /** The property of a submit's data carrying {@link org.certdesk.dialogs.engine.Message.Option#id()}. */
    static final String CHOICE = "choice";
    static final String UNIVERSAL_ACTION = "adaptiveCard/action";
    private static final JsonMapper JSON = JsonMapper.shared();

    private CardActions() {
    }

    /** A message's engine input: the choice of a card submit, else the cleaned text. */
    static UserInput messageInput(Activity activity) {
        String choice = choiceOf(activity.value());
        if (choice != null) {
            return new UserInput.Choice(choice);
        }
        return new UserInput.Text(InboundText.clean(activity.text(), activity.botMentions()));
    }

    /** The choice of an {@code adaptiveCard/action} invoke: {@code action.data.choice}, else {@code action.verb}. */
    static String universalActionChoice(JsonNode value) {
        JsonNode action = value.path("action");
        String choice = choiceOf(action.path("data"));
        if (choice == null) {
            String verb = ActivityReader.string(action.path("verb"));
            choice = verb == null || verb.isBlank() ? null : verb;
        }
        return choice;
    }

    /**
     * The choice id in submit data: {@code {"choice": id}}; Teams' messageBack may deliver that object
     * as a JSON string.
     */
    static String choiceOf(JsonNode data) {
        JsonNode node = data;
        if (node != null && node.isString()) {
            try {
                node = JSON.readTree(node.stringValue());
            } catch (JacksonException e) {
                return null;
            }
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        String choice = ActivityReader.string(node.path(CHOICE));
        return choice == null || choice.isBlank() ? null : choice;
    }

    /** The invoke response showing {@code text} to the user: HTTP 200 with this body. */
    static String invokeMessage(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("statusCode", 200);
        body.put("type", "application/vnd.microsoft.activity.message");
        body.put("value", text);
        return body.toString();
    }

    /** The invoke response reporting an error (still sent with HTTP 200). */
    static String invokeError(int statusCode, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("statusCode", statusCode);
        body.put("type", "application/vnd.microsoft.error");
        ObjectNode value = body.putObject("value");
        value.put("code", code);
        value.put("message", message);
        return body.toString();
    }

    /** An activity id for a sender that gave none: the body's hash, so a re-delivery is still recognised. */
    static String contentId(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
