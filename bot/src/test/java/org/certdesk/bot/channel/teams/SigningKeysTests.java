package org.certdesk.bot.channel.teams;

import java.time.Duration;
import java.time.Instant;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTests {
    private static WireMockServer server;
    private MutableClock clock;
    private SigningKeys keys;

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
        TestKeys.serve(server, List.of("msteams", "skype"), TestKeys.first());
        clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        TeamsProperties properties = TestProperties.of(server.baseUrl());
        keys = new SigningKeys(properties, new TeamsHttp(properties), clock, Runnable::run);
    }

    private int keyFetches() {
        return server.findAll(getRequestedFor(urlEqualTo(TestKeys.KEYS_PATH))).size();
    }

    @Test
    void fetchesOnceAndServesFromTheCache() throws Exception {
        assertThat(keys.find("key-1")).isNotNull();
        assertThat(keys.find("key-1").endorsements()).containsExactly("msteams", "skype");
        assertThat(keys.find("key-1").key().toRSAPublicKey()).isNotNull();
        assertThat(keyFetches()).isEqualTo(1);
    }

    @Test
    void anUnknownKidRefreshesOnceThenIsRateLimited() {
        keys.find("key-1");
        clock.advance(Duration.ofMinutes(10));

        assertThat(keys.find("nobody")).isNull();
        assertThat(keys.find("nobody")).isNull();
        assertThat(keys.find("other")).isNull();

        assertThat(keyFetches()).isEqualTo(2);
    }

    @Test
    void anUnknownKidRightAfterAFetchDoesNotFetchAgain() {
        keys.find("key-1");
        assertThat(keys.find("nobody")).isNull();
        assertThat(keyFetches()).isEqualTo(1);
    }

    @Test
    void aRotatedKeyIsFoundAfterTheRefresh() {
        keys.find("key-1");
        TestKeys.serve(server, List.of("msteams"), TestKeys.first(), TestKeys.second());
        clock.advance(Duration.ofMinutes(6));

        assertThat(keys.find("key-2")).isNotNull();
        assertThat(keys.find("key-2")).isNotNull();
        assertThat(keyFetches()).isEqualTo(2);
    }

    @Test
    void concurrentUnknownKidsShareOneRefresh() throws Exception {
        keys.find("key-1");
        TestKeys.serve(server, List.of("msteams"), TestKeys.first(), TestKeys.second());
        clock.advance(Duration.ofMinutes(6));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SigningKeys.SigningKey>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return keys.find("key-2");
                }));
            }
            go.countDown();
            for (Future<SigningKeys.SigningKey> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(keyFetches()).isEqualTo(2);
    }

    @Test
    void refreshesAtLeastDaily() {
        keys.find("key-1");
        clock.advance(Duration.ofHours(25));
        keys.find("key-1");
        assertThat(keyFetches()).isEqualTo(2);
    }

    @Test
    void aFailedRefreshKeepsThePreviousKeys() {
        keys.find("key-1");
        server.stubFor(get(urlEqualTo(TestKeys.KEYS_PATH)).willReturn(aResponse().withStatus(500)));
        clock.advance(Duration.ofMinutes(10));

        assertThat(keys.find("nobody")).isNull();
        assertThat(keys.find("key-1")).isNotNull();
        clock.advance(Duration.ofHours(25));
        assertThat(keys.find("key-1")).isNotNull();
    }

    @Test
    void duringAnOutageFetchesAreTriedAtMostOncePerInterval() {
        keys.find("key-1");
        server.stubFor(get(urlEqualTo(TestKeys.METADATA_PATH)).willReturn(aResponse().withStatus(503)));
        clock.advance(Duration.ofHours(25));
        server.resetRequests();

        for (int i = 0; i < 5; i++) {
            assertThat(keys.find("key-1")).isNotNull();
            assertThat(keys.find("unknown-" + i)).isNull();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(metadataFetches()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        keys.find("key-1");
        assertThat(metadataFetches()).isEqualTo(2);
    }

    private int metadataFetches() {
        return server.findAll(getRequestedFor(urlEqualTo(TestKeys.METADATA_PATH))).size();
    }

    @Test
    void noKeysAtAllIsReportedAsUnavailable() {
        server.stubFor(get(urlEqualTo(TestKeys.METADATA_PATH)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> keys.find("key-1")).isInstanceOf(SigningKeys.KeysUnavailable.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void skipsKeysThatAreNotRsaSigningKeys() {
        server.stubFor(get(urlEqualTo(TestKeys.KEYS_PATH)).willReturn(aResponse().withBody("""
                {"keys":[{"kty":"oct","kid":"hmac","k":"c2VjcmV0"},
                         {"kty":"RSA","kid":"enc","use":"enc","n":"%s","e":"AQAB"},
                         {"kty":"RSA","kid":"broken","n":"!!"}]}""".formatted(TestKeys.first().getModulus()))));
        assertThat(keys.find("hmac")).isNull();
        assertThat(keys.find("enc")).isNull();
        assertThat(keys.find("broken")).isNull();
    }
}
