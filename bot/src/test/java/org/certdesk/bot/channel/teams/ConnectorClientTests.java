package org.certdesk.bot.channel.teams;

import static org.certdesk.bot.shared.DurableWrites.Signal.OPEN;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.certdesk.bot.outbox.DeliveryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectorClientTests {
    static final String CONVERSATION = "a:1conv;messageid=7@x";
    static final String ACTIVITIES = "/teams/v3/conversations/a%3A1conv%3Bmessageid%3D7%40x/activities";

    private static WireMockServer server;
    private MutableClock clock;
    private ConnectorClient client;
    private String serviceUrl;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(aResponse().withBody("{\"expires_in\":3600,\"access_token\":\"token-1\"}")));
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withBody("{\"expires_in\":3600,\"access_token\":\"token-2\"}")));
        clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        TeamsProperties properties = TestProperties.of(server.baseUrl());
        TeamsHttp http = new TeamsHttp(properties);
        client = new ConnectorClient(http, new ConnectorTokens(properties, http, clock), clock);
        serviceUrl = server.baseUrl() + "/teams/";
    }

    private void connectorAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(ACTIVITIES)).willReturn(response));
    }

    private DeliveryResult send() {
        return client.send(serviceUrl, CONVERSATION, "{\"type\":\"message\",\"text\":\"hi\"}", OPEN);
    }

    @Test
    void twoHundredIsSentWithTheBearerTokenToTheEncodedConversation() {
        connectorAnswers(aResponse().withStatus(200).withBody("{\"id\":\"1:abc\"}"));
        assertThat(send()).isEqualTo(DeliveryResult.sent());
        server.verify(postRequestedFor(urlEqualTo(ACTIVITIES))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withRequestBody(equalToJson("{\"type\":\"message\",\"text\":\"hi\"}")));
    }

    @Test
    void aServiceUrlWithoutTrailingSlashWorksToo() {
        connectorAnswers(aResponse().withStatus(201));
        assertThat(client.send(server.baseUrl() + "/teams", CONVERSATION, "{}", OPEN).kind())
                .isEqualTo(DeliveryResult.Kind.SENT);
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterSeconds() {
        connectorAnswers(aResponse().withStatus(429).withHeader("Retry-After", "7"));
        assertThat(send()).isEqualTo(DeliveryResult.retry(Duration.ofSeconds(7), "HTTP 429"));
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
        connectorAnswers(aResponse().withStatus(429).withHeader("Retry-After", date));
        DeliveryResult.Retry retry = (DeliveryResult.Retry) send();
        assertThat(retry.after()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterLeavesTheDelayToTheDispatcher() {
        connectorAnswers(aResponse().withStatus(429));
        assertThat(((DeliveryResult.Retry) send()).after()).isNull();
    }

    @Test
    void serviceUnavailableIsRetried() {
        connectorAnswers(aResponse().withStatus(503).withBody("{\"error\":{\"code\":\"ServiceError\",\"message\":\"x\"}}"));
        assertThat(send()).isEqualTo(DeliveryResult.retry(null, "HTTP 503 (ServiceError)"));
    }

    @Test
    void unauthorizedFetchesANewTokenAndTriesOnceMore() {
        server.stubFor(post(urlEqualTo(ACTIVITIES)).withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(post(urlEqualTo(ACTIVITIES)).withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(aResponse().withStatus(200)));
        assertThat(send()).isEqualTo(DeliveryResult.sent());
        assertThat(server.findAll(postRequestedFor(urlEqualTo(TestProperties.TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void unauthorizedTwiceIsRetriedLaterNotLost() {
        connectorAnswers(aResponse().withStatus(401));
        assertThat(send().kind()).isEqualTo(DeliveryResult.Kind.RETRY);
        assertThat(server.findAll(postRequestedFor(urlEqualTo(ACTIVITIES)))).hasSize(2);
    }

    @Test
    void badRequestIsRejected() {
        connectorAnswers(aResponse().withStatus(400).withBody("{\"error\":{\"code\":\"BadArgument\",\"message\":\"no\"}}"));
        assertThat(send()).isEqualTo(DeliveryResult.rejected("HTTP 400 (BadArgument)"));
    }

    @Test
    void blockedBotIsRejected() {
        connectorAnswers(aResponse().withStatus(403).withBody("{\"error\":{\"code\":\"MessageWritesBlocked\"}}"));
        assertThat(send()).isEqualTo(DeliveryResult.rejected("HTTP 403 (MessageWritesBlocked)"));
    }

    @Test
    void aBrokenConnectionIsRetried() {
        connectorAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(send().kind()).isEqualTo(DeliveryResult.Kind.RETRY);
    }

    @Test
    void aSlowConnectorTimesOutAndIsRetried() {
        connectorAnswers(aResponse().withStatus(200).withFixedDelay(2_500));
        assertThat(send().kind()).isEqualTo(DeliveryResult.Kind.RETRY);
    }

    @Test
    void noTokenServiceMeansRetry() {
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH)).willReturn(aResponse().withStatus(500)));
        DeliveryResult result = send();
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.RETRY);
        assertThat(server.findAll(postRequestedFor(urlPathMatching("/teams/.*")))).isEmpty();
    }

    @Test
    void withoutAppIdNoAuthorizationIsSent() {
        TeamsProperties properties = TestProperties.of(server.baseUrl(), null);
        TeamsHttp http = new TeamsHttp(properties);
        ConnectorClient local = new ConnectorClient(http, new ConnectorTokens(properties, http, clock), clock);
        connectorAnswers(aResponse().withStatus(200));
        assertThat(local.send(serviceUrl, CONVERSATION, "{}", OPEN)).isEqualTo(DeliveryResult.sent());
        assertThat(server.findAll(postRequestedFor(urlEqualTo(ACTIVITIES))).get(0).containsHeader("Authorization")).isFalse();
    }

    @Test
    void aBadServiceUrlIsRejected() {
        assertThat(client.send("file:///etc/", CONVERSATION, "{}", OPEN).kind())
                .isEqualTo(DeliveryResult.Kind.REJECTED);
        assertThat(client.send("not a url", CONVERSATION, "{}", OPEN).kind()).isEqualTo(DeliveryResult.Kind.REJECTED);
    }
}
