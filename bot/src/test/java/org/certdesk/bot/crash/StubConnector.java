package org.certdesk.bot.crash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crash tests' Teams side: a stub Bot Connector (WireMock, every activity posted to it answered
 * 201) that journals what it received, the Teams messages posted to a bot process, and the
 * publishing of a test script through the admin API, as an admin would.
 */
final class StubConnector implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.shared();

    /** An activity the connector received, and when (as the request came in, before answering). */
    record Received(Instant at, String conversationId, String text) {}

    private final WireMockServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StubConnector() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(64)
                .jettyAcceptors(2));
        server.start();
        server.stubFor(post(urlPathMatching("/teams/v3/conversations/[^/]+/activities"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"1:reply\"}")));
    }

    /**
     * What the connector received, in the order it received it (its request journal, which records
     * each request as it comes in, before answering).
     */
    List<Received> received() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents()); // newest first
        Collections.reverse(events);
        List<Received> received = new ArrayList<>(events.size());
        for (ServeEvent event : events) {
            JsonNode activity = JSON.readTree(event.getRequest().getBodyAsString());
            received.add(new Received(event.getRequest().getLoggedDate().toInstant(),
                    activity.path("conversation").path("id").asString(), activity.path("text").asString()));
        }
        return received;
    }

    void resetRequests() {
        server.resetRequests();
    }

    /** Posts a Teams message of {@code conversationId} to the bot (local mode: no token). @return the HTTP status */
    int postMessage(BotProcess bot, String conversationId, String text) throws IOException, InterruptedException {
        String activity = "{\"type\":\"message\",\"id\":\"" + conversationId + "/" + text + "\",\"channelId\":\"msteams\","
                + "\"serviceUrl\":\"" + server.baseUrl() + "/teams/\","
                + "\"from\":{\"id\":\"29:" + conversationId + "\",\"name\":\"Crash Test\"},"
                + "\"conversation\":{\"id\":\"" + conversationId + "\",\"conversationType\":\"personal\"},"
                + "\"recipient\":{\"id\":\"28:certdesk\",\"name\":\"certdesk\"},"
                + "\"text\":\"" + text + "\",\"locale\":\"en-US\"}";
        return http.send(HttpRequest.newBuilder(bot.uri("/api/messages")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Publishes the test script {@code resource} (next to this class) as the dialog, through the admin API. */
    void publishScript(BotProcess bot, String resource) throws IOException, InterruptedException {
        byte[] script;
        try (InputStream in = StubConnector.class.getResourceAsStream(resource)) {
            script = in.readAllBytes();
        }
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(bot.uri(
                        "/api/admin/scripts/android-missing-certificate"))
                .header("Authorization", BotProcess.basicAuthorization())
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(script)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isBetween(200, 201);
    }

    @Override
    public void close() {
        server.stop();
    }
}
