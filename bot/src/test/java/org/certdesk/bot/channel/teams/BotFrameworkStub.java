package org.certdesk.bot.channel.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft's side of Teams on one WireMock server: the Bot Framework's OpenID metadata and signing
 * keys ({@link TestKeys}), the Entra token service, and the Bot Connector of the conversations, whose
 * request journal is what Teams would show. The connector answers 201 unless a test scripts failures
 * with the {@value #CONNECTOR} scenario.
 *
 * <p>A test class holds one in a static field with {@code @RegisterExtension}: it stops after the
 * class's tests (and before a context marked {@code @DirtiesContext} closes).
 */
final class BotFrameworkStub implements AutoCloseable, AfterAllCallback {
    /** The WireMock scenario of the connector's answers; its states are the constants below. */
    static final String CONNECTOR = "connector";
    /** Accepts every activity (the scenario's start). */
    static final String ACCEPTING = Scenario.STARTED;
    /** Answers the next activity 503, then goes to {@link #THROTTLING}. */
    static final String FAILING = "failing";
    /** Answers 429 with {@code Retry-After: 1} until a test moves the scenario on. */
    static final String THROTTLING = "throttling";
    /** Answers the next activity late ({@link #slowOnce}), then goes to {@link #RECOVERED}. */
    static final String SLOW = "slow";
    /** Accepts every activity again. */
    static final String RECOVERED = "recovered";

    static final String CONNECTOR_TOKEN = "connector-token-1";
    static final String APP_PASSWORD = "s3cret&=";
    static final String TENANT_ID = "tenant-1";
    private static final JsonMapper JSON = JsonMapper.shared();

    /** One POST of an activity to the connector, and how the connector answered it. */
    record Attempt(int status, String body, Instant at, String authorization) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }

        JsonNode activity() {
            return JSON.readTree(body);
        }
    }

    private final WireMockServer server;

    BotFrameworkStub() {
        this(false);
    }

    /**
     * @param rateLimited the connector answers 429 (Retry-After: 1), as Teams does, to an activity that
     *     would exceed 7 in a second or 8 in 2 seconds in its conversation ({@link TeamsRateLimits})
     */
    BotFrameworkStub(boolean rateLimited) {
        WireMockConfiguration options = WireMockConfiguration.options().dynamicPort();
        server = new WireMockServer(rateLimited ? options.extensions(new TeamsRateLimits()) : options);
        server.start();
        TestKeys.serve(server, List.of("msteams"), TestKeys.first());
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH)).willReturn(json(200,
                "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,\"access_token\":\""
                        + CONNECTOR_TOKEN + "\"}")));
        connectorAnswers(ACCEPTING, accepted(), null);
        connectorAnswers(FAILING, json(503, "{\"error\":{\"code\":\"ServiceError\"}}"), THROTTLING);
        connectorAnswers(THROTTLING, json(429, "{\"error\":{\"code\":\"Throttled\"}}").withHeader("Retry-After", "1"), null);
        connectorAnswers(RECOVERED, accepted(), null);
    }

    private void connectorAnswers(String state, ResponseDefinitionBuilder response, String next) {
        var stub = post(urlPathMatching("/teams/v3/conversations/[^/]+/activities"))
                .inScenario(CONNECTOR).whenScenarioStateIs(state).willReturn(response);
        server.stubFor(next == null ? stub : stub.willSetStateTo(next));
    }

    private static ResponseDefinitionBuilder accepted() {
        return json(201, "{\"id\":\"1:reply\"}");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** Answers the next activity 201 only after {@code delay} (a slow connector), then every one at once. */
    void slowOnce(Duration delay) {
        server.stubFor(post(urlPathMatching("/teams/v3/conversations/[^/]+/activities"))
                .inScenario(CONNECTOR).whenScenarioStateIs(SLOW)
                .willReturn(accepted().withFixedDelay((int) delay.toMillis())).willSetStateTo(RECOVERED));
        connector(SLOW);
    }

    /** Moves the connector to one of the scenario's states. */
    void connector(String state) {
        server.setScenarioState(CONNECTOR, state);
    }

    /** The Bot Connector base URL that activities carry and tokens are issued for. */
    String serviceUrl() {
        return server.baseUrl() + "/teams/";
    }

    /** A base URL on this server that no token is ever issued for, to see whether replies leak there. */
    String attackerUrl() {
        return server.baseUrl() + "/attacker/";
    }

    /** The {@code certdesk.bot.*} settings pointing at this server, authentication on. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("certdesk.bot.app-id", TestKeys.APP_ID);
        settings.put("certdesk.bot.app-password", APP_PASSWORD);
        settings.put("certdesk.bot.tenant-id", TENANT_ID);
        settings.put("certdesk.bot.openid-metadata-url", server.baseUrl() + TestKeys.METADATA_PATH);
        settings.put("certdesk.bot.token-url", server.baseUrl() + TestProperties.TOKEN_PATH);
        // The test settings cap bodies at 1 KB for the size tests; real Teams activities are 1 to 4 KB.
        settings.put("certdesk.limits.max-request-body", "256KB");
        return settings;
    }

    /** A token as the Bot Framework signs it for this service URL; {@code changes} may alter its claims. */
    String token(Consumer<JWTClaimsSet.Builder> changes) {
        return TestKeys.sign(TestKeys.first(), claims(changes));
    }

    /** Valid claims for this service URL, now; {@code changes} may alter them. */
    JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> changes) {
        return TestKeys.claims(Instant.now(), claims -> {
            claims.claim("serviceurl", serviceUrl());
            changes.accept(claims);
        });
    }

    /** Every activity posted to the connector for {@code conversationId}, oldest first. */
    List<Attempt> attempts(String conversationId) {
        return requests(ConnectorClient.activitiesUri(serviceUrl(), conversationId).getRawPath());
    }

    /** Every request made to {@code path} on this server, oldest first. */
    List<Attempt> requests(String path) {
        List<Attempt> attempts = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) { // newest first
            if (event.getRequest().getUrl().equals(path)) {
                attempts.add(new Attempt(event.getResponse().getStatus(), event.getRequest().getBodyAsString(),
                        event.getRequest().getLoggedDate().toInstant(), event.getRequest().getHeader("Authorization")));
            }
        }
        Collections.reverse(attempts);
        return attempts;
    }

    /** The activities the connector accepted for {@code conversationId}: what Teams shows, in order. */
    List<JsonNode> shown(String conversationId) {
        return attempts(conversationId).stream().filter(Attempt::accepted).map(Attempt::activity).toList();
    }

    /** Waits, with a generous deadline, until the attempts for {@code conversationId} satisfy {@code done}. */
    List<Attempt> awaitAttempts(String conversationId, Predicate<List<Attempt>> done) {
        List<List<Attempt>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25)).until(() -> {
            last.set(0, attempts(conversationId));
            return done.test(last.get(0));
        });
        return last.get(0);
    }

    /** The token requests this server answered, as their form bodies. */
    List<String> tokenRequests() {
        return requests(TestProperties.TOKEN_PATH).stream().map(Attempt::body).toList();
    }

    /** Every request made to this server, to check that some never happened. */
    List<String> requestedUrls() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
