package org.certdesk.bot.channel.teams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorTokensTests {
    private static WireMockServer server;
    private MutableClock clock;
    private ConnectorTokens tokens;

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
        stubToken("token-1", 3600);
        clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        TeamsProperties properties = TestProperties.of(server.baseUrl());
        tokens = new ConnectorTokens(properties, new TeamsHttp(properties), clock);
    }

    private static void stubToken(String token, long expiresIn) {
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn
                        + ",\"access_token\":\"" + token + "\"}")));
    }

    private static int tokenRequests() {
        return server.findAll(postRequestedFor(urlEqualTo(TestProperties.TOKEN_PATH))).size();
    }

    @Test
    void postsTheClientCredentialsForm() throws Exception {
        assertThat(tokens.token()).isEqualTo("token-1");
        server.verify(postRequestedFor(urlEqualTo(TestProperties.TOKEN_PATH))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=" + TestKeys.APP_ID))
                .withRequestBody(containing("client_secret=s3cret%26%3D"))
                .withRequestBody(containing("scope=https%3A%2F%2Fapi.botframework.com%2F.default")));
    }

    @Test
    void oneRequestServesManySends() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.token()).isEqualTo("token-1");
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void renewsFiveMinutesBeforeExpiry() throws Exception {
        tokens.token();
        stubToken("token-2", 3600);
        clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        assertThat(tokens.token()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token()).isEqualTo("token-2");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void aShortLivedTokenIsKeptForHalfItsLife() throws Exception {
        stubToken("short", 300);
        tokens.token();
        clock.advance(Duration.ofSeconds(149));
        tokens.token();
        assertThat(tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        tokens.token();
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void concurrentCallersShareOneRequest() throws Exception {
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH)).willReturn(aResponse().withFixedDelay(300)
                .withBody("{\"expires_in\":3600,\"access_token\":\"slow\"}")));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return tokens.token();
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void invalidateForcesANewToken() throws Exception {
        tokens.token();
        stubToken("token-2", 3600);
        tokens.invalidate("some-older-token");
        assertThat(tokens.token()).isEqualTo("token-1");
        tokens.invalidate("token-1");
        assertThat(tokens.token()).isEqualTo("token-2");
    }

    @Test
    void refusedCredentialsAreReportedWithoutTheSecret() {
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret\"}")));
        assertThatThrownBy(tokens::token).isInstanceOf(ConnectorTokens.TokenUnavailable.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("invalid_client")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        TeamsProperties properties = TestProperties.of("http://127.0.0.1:1");
        ConnectorTokens unreachable = new ConnectorTokens(properties, new TeamsHttp(properties), clock);
        assertThatThrownBy(unreachable::token).isInstanceOf(ConnectorTokens.TokenUnavailable.class);
    }

    @Test
    void noAppIdMeansNoToken() throws Exception {
        TeamsProperties properties = TestProperties.of(server.baseUrl(), null);
        assertThat(new ConnectorTokens(properties, new TeamsHttp(properties), clock).token()).isNull();
        assertThat(tokenRequests()).isZero();
    }
}
