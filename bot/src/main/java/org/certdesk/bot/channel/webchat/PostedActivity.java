package org.certdesk.bot.channel.webchat;

import java.time.Instant;
import java.util.regex.Pattern;

import org.certdesk.dialogs.engine.UserInput;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message a browser posted, checked and reduced to what the bot uses: the engine input, and the
 * echo that goes back into the log. The echo keeps the client's {@code channelData} (Web Chat
 * counts a message as sent when its {@code clientActivityID} comes back) but nothing else the
 * client made up: the server sets the id, time, channel, conversation and roles.
 *
 * @param choiceId the id a button carried (messageBack/postBack {@code value}), or null for typed text
 * @param locale a well-formed language tag, or null
 */
record PostedActivity(String text, String choiceId, String userId, String userName, String locale,
        ObjectNode channelData) {

    static final int MAX_TEXT = 4000;
    private static final int MAX_ID = 256;
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");

    /** @throws DirectLineException 400 naming what is wrong */
    static PostedActivity read(ObjectNode body) {
        JsonNode type = body.get("type");
        if (type == null || !type.isString()) {
            throw DirectLineException.badRequest(DirectLineTexts.NO_TYPE);
        }
        if (!"message".equals(type.stringValue())) {
            throw DirectLineException.badRequest(DirectLineTexts.WRONG_TYPE, abbreviate(type.stringValue()));
        }
        String text = optionalString(body, "text", MAX_TEXT);
        String choiceId = choice(body.get("value"));
        if (choiceId == null && (text == null || text.isBlank())) {
            throw DirectLineException.badRequest(DirectLineTexts.NO_TEXT_NOR_CHOICE);
        }
        JsonNode from = body.get("from");
        String userId = from instanceof ObjectNode ? optionalString(from, "id", MAX_ID) : null;
        String userName = from instanceof ObjectNode ? optionalString(from, "name", MAX_ID) : null;
        String tag = languageTag(body.get("locale"));
        ObjectNode channelData = body.get("channelData") instanceof ObjectNode data ? data : null;
        return new PostedActivity(text, choiceId, userId != null && !userId.isBlank() ? userId : "user", userName,
                tag, channelData);
    }

    /** The same message from {@code user}: the sign-in's identity replaces whatever the browser put in "from". */
    PostedActivity from(SignedInUser user) {
        return user == null ? this : new PostedActivity(text, choiceId, user.id(), user.name(), locale, channelData);
    }

    /** What the engine gets: the button's choice, else the typed text (the engine also matches labels). */
    UserInput input() {
        return choiceId != null ? new UserInput.Choice(choiceId) : new UserInput.Text(text);
    }

    ObjectNode echo(String conversationId, long seq, Instant timestamp) {
        ObjectNode activity = Envelope.of("message", conversationId, seq, timestamp);
        ObjectNode from = activity.putObject("from").put("id", userId);
        if (userName != null) {
            from.put("name", userName);
        }
        from.put("role", "user");
        activity.set("recipient", Envelope.bot());
        if (locale != null) {
            activity.put("locale", locale);
        }
        if (text != null) {
            activity.put("text", text);
        }
        if (choiceId != null) {
            activity.put("value", choiceId);
        }
        if (channelData != null) {
            activity.set("channelData", channelData.deepCopy());
        }
        Envelope.sequence(activity, seq);
        return activity;
    }

    /** A well-formed BCP 47 language tag such as {@code fr-FR}, else null (the locale is only a hint). */
    static String languageTag(JsonNode locale) {
        return locale != null && locale.isString() && LANGUAGE_TAG.matcher(locale.stringValue()).matches()
                ? locale.stringValue() : null;
    }

    /** A non-blank string of at most 256 characters at {@code field} of {@code object}, else null. */
    static String shortString(JsonNode object, String field) {
        JsonNode node = object != null ? object.get(field) : null;
        return node != null && node.isString() && !node.stringValue().isBlank() && node.stringValue().length() <= MAX_ID
                ? node.stringValue() : null;
    }

    /** A messageBack/postBack value: the choice id as a string, or {"choice": id} from a card. */
    private static String choice(JsonNode value) {
        JsonNode id = value != null && value.isObject() ? value.get("choice") : value;
        if (id == null || !id.isString() || id.stringValue().isBlank()) {
            return null;
        }
        if (id.stringValue().length() > MAX_ID) {
            throw DirectLineException.badRequest(DirectLineTexts.CHOICE_TOO_LONG, MAX_ID);
        }
        return id.stringValue();
    }

    private static String optionalString(JsonNode object, String field, int max) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw DirectLineException.badRequest(DirectLineTexts.NOT_A_STRING, field);
        }
        if (node.stringValue().length() > max) {
            throw DirectLineException.badRequest(DirectLineTexts.FIELD_TOO_LONG, field, max);
        }
        return node.stringValue();
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
