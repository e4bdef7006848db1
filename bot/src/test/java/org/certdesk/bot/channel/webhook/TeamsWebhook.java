package org.certdesk.bot.channel.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Teams' side of an outgoing webhook, for one user in one new channel thread: message activities
 * shaped as Teams posts them, signed as Teams signs them (computed here with the JDK's Mac, not with
 * the code under test), sent over real HTTP.
 */
final class TeamsWebhook {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String locale;
    final String thread = "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.tacv2;messageid="
            + IDS.incrementAndGet();
    final String aadObjectId = UUID.randomUUID().toString();

    TeamsWebhook(String baseUrl, String locale) {
        this.baseUrl = baseUrl;
        this.locale = locale;
    }

    /** The conversation id the bot keys this user in this thread by. */
    String conversationId() {
        return thread + "|" + aadObjectId;
    }

    /** A message mentioning the webhook ({@code <at>certdesk</at>}) followed by {@code typed}, as Teams' HTML. */
    byte[] mention(String typed) {
        return message(IDS.incrementAndGet() + "", "<at>certdesk</at>"
                + (typed.isEmpty() ? "" : "&nbsp;" + typed.replace("&", "&amp;").replace("<", "&lt;")) + "\n");
    }

    byte[] message(String activityId, String html) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("type", "message");
        activity.put("id", activityId);
        activity.put("timestamp", "2026-11-02T08:00:00.000Z");
        activity.put("serviceUrl", "https://smba.trafficmanager.net/emea/");
        activity.put("channelId", "msteams");
        ObjectNode from = activity.putObject("from");
        from.put("id", "29:1" + aadObjectId.replace("-", ""));
        from.put("name", "Camille Martin");
        from.put("aadObjectId", aadObjectId);
        ObjectNode conversation = activity.putObject("conversation");
        conversation.put("isGroup", true);
        conversation.put("id", thread);
        conversation.putNull("name");
        activity.putNull("recipient");
        activity.put("textFormat", "plain");
        activity.putNull("locale");
        activity.put("text", html);
        ObjectNode client = activity.putArray("entities").addObject();
        client.put("type", "clientInfo");
        client.put("locale", locale);
        client.put("country", "FR");
        client.put("platform", "Web");
        ObjectNode channelData = activity.putObject("channelData");
        channelData.put("teamsChannelId", thread.substring(0, thread.indexOf(';')));
        channelData.putObject("tenant").put("id", "8d9ee2f1-6a1e-4b1e-9a4c-1f4a5e0d2b7c");
        return JSON.writeValueAsBytes(activity);
    }

    /** {@code HMAC <base64>} of {@code body} under the base64 secret {@code secret}. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
            return "HMAC " + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code body} signed with the test secret; the answer must be 200. */
    Answer post(byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(body, sign(WebhookBotTest.SECRET, body));
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return new Answer(JSON.readTree(response.body()), response.headers().firstValue("Content-Type").orElse(""));
    }

    /** Mentions the webhook with {@code typed} and returns the answer's text. */
    String say(String typed) throws IOException, InterruptedException {
        return post(mention(typed)).text();
    }

    HttpResponse<String> send(byte[] body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + WebhookController.PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    record Answer(JsonNode json, String contentType) {
        String text() {
            return json.path("text").asString();
        }
    }
}
