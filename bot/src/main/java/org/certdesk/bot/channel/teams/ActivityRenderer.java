package org.certdesk.bot.channel.teams;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.system.Languages;
import org.certdesk.dialogs.engine.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders an {@link Outbound} as the Bot Framework activity Teams shows: a text as a Markdown message
 * (escaped), choices (a question with its buttons, one card), facts and a download as an Adaptive Card 1.5 (the newest Teams renders) with a
 * plain-text {@code summary} and {@code fallbackText}, "typing" as a typing activity. Card submits carry
 * {@code {"choice": id}}, which {@link CardActions} reads back.
 */
final class ActivityRenderer {
    static final String CARD_VERSION = "1.5";
    static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";
    private static final JsonMapper JSON = JsonMapper.shared();

    private ActivityRenderer() {
    }

    static ObjectNode render(Outbound outbound, ChannelAddress address) {
        if (outbound instanceof Outbound.Typing) {
            return envelope("typing", address);
        }
        if (outbound instanceof Outbound.Notice notice) {
            ObjectNode activity = envelope("message", address);
            notice(activity, notice);
            return activity;
        }
        Outbound.Say say = (Outbound.Say) outbound;
        ObjectNode activity = envelope("message", address);
        if (say.locale() != null) {
            activity.put("locale", say.locale());
        }
        Message message = say.message();
        String locale = say.locale();
        switch (message.kind()) {
            case TEXT -> {
                activity.put("textFormat", "markdown");
                activity.put("text", Arrays.stream(TurnBundle.parts(((Message.Text) message).text()))
                        .map(TeamsMarkup::messageText).collect(Collectors.joining("\n\n")));
            }
            case CHOICES -> choices(activity, (Message.Choices) message, locale);
            case FACTS -> facts(activity, (Message.Facts) message, locale);
            case DOWNLOAD -> download(activity, (Message.Download) message, locale);
            default -> throw new IllegalArgumentException("unknown message kind " + message.kind());
        }
        return activity;
    }

    /** A question and its buttons: one card, the question as its text, so Teams shows one bubble. */
    private static void choices(ObjectNode activity, Message.Choices choices, String locale) {
        String labels = choices.options().stream().map(Message.Option::label).collect(Collectors.joining(" | "));
        String choose = CardText.CHOOSE.format(locale, labels);
        String[] texts = choices.text() == null ? new String[0] : TurnBundle.parts(choices.text());
        ObjectNode card = card(activity, texts.length == 0 ? choose : String.join("\n", texts) + "\n" + choose, locale);
        ArrayNode body = card.putArray("body");
        for (String text : texts) { // the turn's texts before the question, then the question (TurnBundle)
            body.addObject().put("type", "TextBlock").put("text", TeamsMarkup.cardText(text)).put("wrap", true);
        }
        ArrayNode actions = card.putArray("actions");
        for (Message.Option option : choices.options()) {
            ObjectNode action = actions.addObject();
            action.put("type", "Action.Submit");
            action.put("title", option.label());
            action.putObject("data").put(CardActions.CHOICE, option.id());
        }
    }

    private static void facts(ObjectNode activity, Message.Facts facts, String locale) {
        String summary = facts.facts().stream().map(f -> f.label() + ": " + f.value()).collect(Collectors.joining("\n"));
        ObjectNode card = card(activity, summary, locale);
        card.putObject("msteams").put("width", "Full");
        factSet(card.putArray("body"), facts.facts());
    }

    private static void download(ObjectNode activity, Message.Download download, String locale) {
        ObjectNode card = card(activity, CardText.DOWNLOAD_SUMMARY.format(locale, download.fileName(), download.url()), locale);
        card.putObject("msteams").put("width", "Full");
        factSet(card.putArray("body"), List.of(
                new Message.Fact(CardText.FILE.in(locale), download.fileName()),
                new Message.Fact(CardText.FINGERPRINT.in(locale), TeamsMarkup.fingerprint(download.sha256()))));
        ObjectNode open = card.putArray("actions").addObject();
        open.put("type", "Action.OpenUrl");
        open.put("title", CardText.DOWNLOAD.in(locale));
        open.put("url", download.url());
    }

    /** The helpdesk's new-case card: a bold title, the facts, and a link button (e.g. "Take case"). */
    private static void notice(ObjectNode activity, Outbound.Notice notice) {
        if (notice.locale() != null) {
            activity.put("locale", notice.locale());
        }
        ObjectNode card = card(activity, notice.title() + " " + notice.url(), notice.locale());
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", TeamsMarkup.cardText(notice.title()))
                .put("weight", "Bolder").put("size", "Medium").put("wrap", true);
        factSet(body, notice.facts());
        ObjectNode open = card.putArray("actions").addObject();
        open.put("type", "Action.OpenUrl");
        open.put("title", notice.linkTitle());
        open.put("url", notice.url());
    }

    private static void factSet(ArrayNode body, List<Message.Fact> facts) {
        ObjectNode set = body.addObject();
        set.put("type", "FactSet");
        ArrayNode list = set.putArray("facts");
        for (Message.Fact fact : facts) {
            ObjectNode item = list.addObject();
            item.put("title", TeamsMarkup.cardText(fact.label()));
            item.put("value", TeamsMarkup.cardText(fact.value()));
        }
    }

    /** Adds an Adaptive Card attachment to {@code activity} and returns the card to fill in. */
    private static ObjectNode card(ObjectNode activity, String fallback, String locale) {
        activity.put("summary", fallback);
        ObjectNode attachment = activity.putArray("attachments").addObject();
        attachment.put("contentType", ADAPTIVE_CARD);
        ObjectNode card = attachment.putObject("content");
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", CARD_VERSION);
        card.put("lang", Languages.isFrench(locale) ? "fr" : language(locale));
        card.put("fallbackText", fallback);
        return card;
    }

    /**
     * Names {@code userId} in a rendered message, as Teams mentions someone: {@code <at>Name</at>} in
     * the text and a {@code mention} entity whose text is exactly that. For the replies of one person's
     * dialog in a shared conversation (group chat, channel thread; issue 17), so everyone sees whom a
     * reply answers and that person is notified. A text message gets it before its text; a card as its
     * first TextBlock, with the entity in the card's {@code msteams.entities} (Teams reads card mentions
     * there). Typing activities, and anything without a user id or name, are left as they are.
     */
    static void mention(ObjectNode activity, String userId, String userName) {
        if (userId == null || userName == null || userName.isBlank() || !"message".equals(activity.path("type").asString())) {
            return;
        }
        JsonNode text = activity.get("text");
        if (text != null && text.isString()) {
            String at = "<at>" + TeamsMarkup.messageText(userName) + "</at>";
            activity.put("text", at + " " + text.asString());
            mentionEntity(activity.withArray("entities"), at, userId, userName);
        }
        for (JsonNode attachment : activity.path("attachments")) {
            if (ADAPTIVE_CARD.equals(attachment.path("contentType").asString())
                    && attachment.get("content") instanceof ObjectNode card) {
                String at = "<at>" + TeamsMarkup.cardText(userName) + "</at>";
                card.withArray("body").insertObject(0).put("type", "TextBlock").put("text", at).put("wrap", true);
                ObjectNode msteams = card.get("msteams") instanceof ObjectNode existing ? existing : card.putObject("msteams");
                mentionEntity(msteams.withArray("entities"), at, userId, userName);
            }
        }
    }

    private static void mentionEntity(ArrayNode entities, String at, String userId, String userName) {
        ObjectNode mention = entities.addObject();
        mention.put("type", "mention");
        mention.put("text", at);
        mention.putObject("mentioned").put("id", userId).put("name", userName);
    }

    private static ObjectNode envelope(String type, ChannelAddress address) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("type", type);
        account(activity, "from", address.botId(), address.botName());
        account(activity, "recipient", address.userId(), address.userName());
        activity.putObject("conversation").put("id", address.conversationId());
        return activity;
    }

    private static void account(ObjectNode activity, String field, String id, String name) {
        if (id == null) {
            return;
        }
        ObjectNode account = activity.putObject(field);
        account.put("id", id);
        if (name != null) {
            account.put("name", name);
        }
    }

    private static String language(String locale) {
        String language = locale == null ? "" : Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return language.isEmpty() ? "en" : language;
    }
}
