package org.certdesk.bot.channel.teams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One employee in a chat with the bot (a personal chat unless told otherwise), doing what Teams does on their behalf: it posts
 * activities to {@code /api/messages} over real HTTP with a Bot Framework token ({@link BotFrameworkStub}),
 * and reads the bot's replies where Teams would, at the stubbed Bot Connector.
 */
final class TeamsUser {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong ACTIVITY_IDS = new AtomicLong(System.currentTimeMillis());

    private final BotFrameworkStub teams;
    private final String locale;
    private final String conversationId;
    private final String conversationType;
    private final String name;
    private final String userId = "29:1" + UUID.randomUUID().toString().replace("-", "");
    private final URI endpoint;
    private int read;

    /** @param bot the bot's base URL, e.g. {@code http://localhost:PORT} */
    TeamsUser(BotFrameworkStub teams, String bot, String locale) {
        this(teams, bot, locale, "a:1" + UUID.randomUUID().toString().replace("-", ""), "personal", "Alice Martin");
    }

    /** A member of a shared conversation ({@code groupChat}, {@code channel}) or of a personal chat. */
    TeamsUser(BotFrameworkStub teams, String bot, String locale, String conversationId, String conversationType,
            String name) {
        this.teams = teams;
        this.locale = locale;
        this.conversationId = conversationId;
        this.conversationType = conversationType;
        this.name = name;
        this.endpoint = URI.create(bot + "/api/messages");
    }

    /** The Teams conversation: where the bot's replies to this user are posted. */
    String conversationId() {
        return conversationId;
    }

    String userId() {
        return userId;
    }

    // ---- what the user does, as Teams delivers it -----------------------------------------------

    /** Opens the chat with the bot: Teams' {@code conversationUpdate} adding the bot. */
    HttpResponse<String> addBot() {
        ObjectNode activity = activity("conversationUpdate");
        activity.putArray("membersAdded").addObject().put("id", "28:" + TestKeys.APP_ID);
        activity.putObject("channelData").put("eventType", "conversationUpdate")
                .putObject("tenant").put("id", BotFrameworkStub.TENANT_ID);
        return send(activity);
    }

    /** Installs the app for themselves: Teams' {@code installationUpdate} {@code add}. */
    HttpResponse<String> install() {
        ObjectNode activity = activity("installationUpdate");
        activity.put("action", "add");
        activity.putObject("channelData").putObject("tenant").put("id", BotFrameworkStub.TENANT_ID);
        return send(activity);
    }

    /** Clicks a card button: the Action.Submit's data comes back as the message's {@code value}. */
    HttpResponse<String> click(String choice) {
        ObjectNode activity = activity("message");
        activity.putObject("value").put(CardActions.CHOICE, choice);
        activity.put("replyToId", "1:reply");
        activity.putObject("channelData").putObject("tenant").put("id", BotFrameworkStub.TENANT_ID);
        return send(activity);
    }

    /** Types a message. */
    HttpResponse<String> type(String text) {
        ObjectNode activity = activity("message");
        activity.put("text", text);
        activity.put("textFormat", "plain");
        activity.putObject("channelData").putObject("tenant").put("id", BotFrameworkStub.TENANT_ID);
        return send(activity);
    }

    /** A message activity as Teams builds it, with a fresh id; {@code changes} may alter it. */
    ObjectNode message(String text, Consumer<ObjectNode> changes) {
        ObjectNode activity = activity("message");
        activity.put("text", text);
        changes.accept(activity);
        return activity;
    }

    private HttpResponse<String> send(ObjectNode activity) {
        return post(activity, teams.token(claims -> { }));
    }

    /** Posts {@code activity} with {@code token} as the bearer token (none when null). */
    HttpResponse<String> post(ObjectNode activity, String token) {
        return post(token, HttpRequest.BodyPublishers.ofString(activity.toString()));
    }

    /** Posts {@code activity} as a chunked body, without a Content-Length, with a genuine token. */
    HttpResponse<String> postInChunks(ObjectNode activity) {
        byte[] body = activity.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return post(teams.token(claims -> { }),
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
    }

    private HttpResponse<String> post(String token, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode activity(String type) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("type", type);
        activity.put("id", "f:" + ACTIVITY_IDS.incrementAndGet());
        activity.put("timestamp", Instant.now().toString());
        activity.put("localTimestamp", Instant.now().toString());
        activity.put("channelId", "msteams");
        activity.put("serviceUrl", teams.serviceUrl());
        ObjectNode from = activity.putObject("from");
        from.put("id", userId);
        from.put("name", name);
        from.put("aadObjectId", "6f1b3f4e-8c2a-4e7b-9a51-0d3c2b1a9e88");
        ObjectNode conversation = activity.putObject("conversation");
        conversation.put("conversationType", conversationType);
        if (!"personal".equals(conversationType)) {
            conversation.put("isGroup", true);
        }
        conversation.put("tenantId", BotFrameworkStub.TENANT_ID);
        conversation.put("id", conversationId);
        ObjectNode recipient = activity.putObject("recipient");
        recipient.put("id", "28:" + TestKeys.APP_ID);
        recipient.put("name", "CertDesk");
        ObjectNode clientInfo = activity.putArray("entities").addObject();
        clientInfo.put("type", "clientInfo");
        clientInfo.put("locale", locale);
        clientInfo.put("platform", "Android");
        clientInfo.put("timezone", "Europe/Paris");
        activity.put("locale", locale);
        activity.put("localTimezone", "Europe/Paris");
        return activity;
    }

    // ---- what Teams shows -----------------------------------------------------------------------

    /** Waits until the activities shown since the last call satisfy {@code done}, and returns them. */
    List<JsonNode> replies(Predicate<List<JsonNode>> done) {
        List<JsonNode> fresh = new ArrayList<>();
        teams.awaitAttempts(conversationId, attempts -> {
            List<JsonNode> shown = attempts.stream().filter(BotFrameworkStub.Attempt::accepted)
                    .map(BotFrameworkStub.Attempt::activity).toList();
            fresh.clear();
            fresh.addAll(shown.subList(Math.min(read, shown.size()), shown.size()));
            return done.test(fresh);
        });
        read += fresh.size();
        return List.copyOf(fresh);
    }

    /** Waits for the next question: the replies up to and including a card with buttons. */
    List<JsonNode> untilButtons() {
        return replies(replies -> replies.stream().anyMatch(r -> !submitButtons(r).isEmpty()));
    }

    /** Waits for a message whose text contains {@code text}. */
    List<JsonNode> untilText(String text) {
        return replies(replies -> texts(replies).stream().anyMatch(t -> t.contains(text)));
    }

    /** The texts of the plain messages among {@code activities}. */
    static List<String> texts(List<JsonNode> activities) {
        return activities.stream().filter(a -> "message".equals(string(a.path("type"))) && a.has("text"))
                .map(a -> string(a.path("text"))).toList();
    }

    /**
     * Everything the employee reads, in order: each message's text and each card's TextBlocks. A turn's
     * texts before its question are in the question's card (one bubble per turn).
     */
    static List<String> said(List<JsonNode> activities) {
        List<String> said = new ArrayList<>();
        for (JsonNode activity : activities) {
            if ("message".equals(string(activity.path("type"))) && activity.has("text")) {
                said.add(string(activity.path("text")));
            }
            cards(List.of(activity)).forEach(card -> said.addAll(cardTexts(card)));
        }
        return said;
    }

    /** The texts of a card's body (its TextBlocks), e.g. the question of a question card. */
    static List<String> cardTexts(JsonNode card) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : card.path("body")) {
            if ("TextBlock".equals(string(block.path("type")))) {
                texts.add(string(block.path("text")));
            }
        }
        return texts;
    }

    /** The Adaptive Cards among {@code activities}. */
    static List<JsonNode> cards(List<JsonNode> activities) {
        List<JsonNode> cards = new ArrayList<>();
        for (JsonNode activity : activities) {
            for (JsonNode attachment : activity.path("attachments")) {
                if (ActivityRenderer.ADAPTIVE_CARD.equals(string(attachment.path("contentType")))) {
                    cards.add(attachment.path("content"));
                }
            }
        }
        return cards;
    }

    /** The titles of the Action.Submit buttons of an activity's cards. */
    static List<String> submitButtons(JsonNode activity) {
        List<String> titles = new ArrayList<>();
        for (JsonNode card : cards(List.of(activity))) {
            for (JsonNode action : card.path("actions")) {
                if ("Action.Submit".equals(string(action.path("type")))) {
                    titles.add(string(action.path("title")));
                }
            }
        }
        return titles;
    }

    /** The card among {@code activities} with an Action.OpenUrl button: the download. */
    static JsonNode downloadCard(List<JsonNode> activities) {
        return cards(activities).stream()
                .filter(card -> "Action.OpenUrl".equals(string(card.at("/actions/0/type"))))
                .findFirst().orElseThrow(() -> new AssertionError("no download card in " + activities));
    }

    /** The facts of a card's first FactSet, as "title: value". */
    static List<String> facts(JsonNode card) {
        List<String> facts = new ArrayList<>();
        for (JsonNode fact : card.at("/body/0/facts")) {
            facts.add(string(fact.path("title")) + ": " + string(fact.path("value")));
        }
        return facts;
    }

    /** The text of a string node, else null (a missing field). */
    static String string(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
