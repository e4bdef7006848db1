package org.certdesk.analyzer.aia;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.temporaryRedirect;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.certdesk.analyzer.FetchResult;
import org.certdesk.analyzer.net.AddressPolicy;
import org.certdesk.analyzer.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class AiaFetcherTests {
    @RegisterExtension
    static final WireMockExtension WIREMOCK = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort())
            .build();

    private static TestPki.Chain pki;
    private static byte[] intermediateDer;
    private static byte[] rootDer;

    private final FakeTicker ticker = new FakeTicker();
    private final AiaFetcher fetcher = AiaFetcher.builder().policy(AddressPolicy.allowingPrivate()).ticker(ticker).build();

    @BeforeAll
    static void buildPki() throws Exception {
        pki = TestPki.simpleChain("login.example");
        intermediateDer = pki.intermediate().certificate().getEncoded();
        rootDer = pki.root().certificate().getEncoded();
    }

    @Test
    void fetchesDer() {
        WIREMOCK.stubFor(get("/ca.crt").willReturn(ok().withHeader("Content-Type", "application/pkix-cert")
                .withBody(intermediateDer)));

        FetchResult result = fetcher.fetch(url("/ca.crt"));

        assertThat(result.ok()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.certificates()).containsExactly(pki.intermediate().certificate());
        assertThat(result.url()).isEqualTo(url("/ca.crt"));
        assertThat(result.fromCache()).isFalse();
        WIREMOCK.verify(getRequestedFor(urlEqualTo("/ca.crt"))
                .withHeader("Accept", equalTo("application/pkix-cert, application/pkcs7-mime, */*"))
                .withHeader("User-Agent", equalTo(HttpExchange.USER_AGENT))
                .withHeader("Host", equalTo("127.0.0.1:" + WIREMOCK.getPort())));
    }

    @Test
    void fetchesPemWithSeveralCertificatesInOrder() {
        String pem = pem(intermediateDer) + "\n" + pem(rootDer);
        WIREMOCK.stubFor(get("/bundle.pem").willReturn(ok(pem)));

        FetchResult result = fetcher.fetch(url("/bundle.pem"));

        assertThat(result.certificates()).containsExactly(pki.intermediate().certificate(), pki.root().certificate());
    }

    @Test
    void fetchesPkcs7() throws Exception {
        byte[] p7c = CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(pki.intermediate().certificate(), pki.root().certificate())).getEncoded("PKCS7");
        WIREMOCK.stubFor(get("/ca.p7c").willReturn(ok().withHeader("Content-Type", "application/pkcs7-mime").withBody(p7c)));

        FetchResult result = fetcher.fetch(url("/ca.p7c"));

        assertThat(result.certificates())
                .containsExactlyInAnyOrder(pki.intermediate().certificate(), pki.root().certificate());
    }

    @Test
    void fetchesOverHttpsWithoutJudgingTheServer() {
        WIREMOCK.stubFor(get("/ca.crt").willReturn(ok().withBody(intermediateDer)));

        FetchResult result = fetcher.fetch("https://localhost:" + WIREMOCK.getHttpsPort() + "/ca.crt");

        assertThat(result.certificates()).containsExactly(pki.intermediate().certificate());
    }

    @Test
    void reportsHttpErrors() {
        WIREMOCK.stubFor(get("/missing.crt").willReturn(notFound()));

        FetchResult result = fetcher.fetch(url("/missing.crt"));

        assertThat(result.ok()).isFalse();
        assertThat(result.certificates()).isEmpty();
        assertThat(result.failure()).isEqualTo("HTTP 404 from " + url("/missing.crt"));
    }

    @Test
    void givesUpOnASlowServerAtTheDeadline() {
        WIREMOCK.stubFor(get("/slow.crt").willReturn(ok().withBody(intermediateDer).withFixedDelay(2_000)));
        AiaFetcher impatient = AiaFetcher.builder().policy(AddressPolicy.allowingPrivate())
                .timeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();

        FetchResult result = impatient.fetch(url("/slow.crt"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.failure()).isEqualTo("no complete answer from " + url("/slow.crt") + " within 300 ms");
    }

    @Test
    void refusesAnOversizedAnswer() {
        WIREMOCK.stubFor(get("/huge.crt").willReturn(ok().withBody(new byte[70 * 1024])));

        FetchResult result = fetcher.fetch(url("/huge.crt"));

        assertThat(result.failure()).isEqualTo("response from " + url("/huge.crt") + " exceeds 64 KiB");
    }

    @Test
    void reportsABodyThatIsNoCertificate() {
        WIREMOCK.stubFor(get("/page.html").willReturn(ok("<html>Moved to our new portal</html>")));

        FetchResult result = fetcher.fetch(url("/page.html"));

        assertThat(result.failure()).startsWith("not a certificate: ").contains(url("/page.html"));
    }

    @Test
    void followsRedirects() {
        WIREMOCK.stubFor(get("/old.crt").willReturn(temporaryRedirect("/new.crt")));
        WIREMOCK.stubFor(get("/new.crt").willReturn(aResponse().withStatus(301).withHeader("Location", url("/ca.crt"))));
        WIREMOCK.stubFor(get("/ca.crt").willReturn(ok().withBody(intermediateDer)));

        FetchResult result = fetcher.fetch(url("/old.crt"));

        assertThat(result.certificates()).containsExactly(pki.intermediate().certificate());
        assertThat(result.url()).isEqualTo(url("/old.crt"));
    }

    @Test
    void stopsAfterTheRedirectLimit() {
        WIREMOCK.stubFor(get("/loop.crt").willReturn(temporaryRedirect("/loop.crt")));

        FetchResult result = fetcher.fetch(url("/loop.crt"));

        assertThat(result.failure()).isEqualTo("more than 3 redirects from " + url("/loop.crt"));
        WIREMOCK.verify(4, getRequestedFor(urlEqualTo("/loop.crt")));
    }

    @Test
    void refusesARedirectToAPrivateAddress() {
        // 203.0.113.10 is public to the policy; the dialer takes it to WireMock on loopback.
        Dialer toLoopback = (address, timeout) -> Dialer.DIRECT.connect(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort()), timeout);
        AiaFetcher publicOnly = AiaFetcher.builder().policy(AddressPolicy.publicOnly()).dialer(toLoopback).build();
        WIREMOCK.stubFor(get("/moved.crt").willReturn(temporaryRedirect(url("/ca.crt"))));
        WIREMOCK.stubFor(get("/ca.crt").willReturn(ok().withBody(intermediateDer)));

        FetchResult result = publicOnly.fetch("http://203.0.113.10:" + WIREMOCK.getPort() + "/moved.crt");

        assertThat(result.failure())
                .isEqualTo("refused to connect to 127.0.0.1: loopback address; use --allow-private for internal servers");
        WIREMOCK.verify(1, getRequestedFor(urlEqualTo("/moved.crt")));
        WIREMOCK.verify(0, getRequestedFor(urlEqualTo("/ca.crt")));
    }

    @Test
    void refusesAPrivateAddressOnTheFirstHop() {
        FetchResult result = AiaFetcher.builder().build().fetch(url("/ca.crt"));

        assertThat(result.failure()).startsWith("refused to connect to 127.0.0.1: loopback address");
        WIREMOCK.verify(0, getRequestedFor(urlEqualTo("/ca.crt")));
    }

    @Test
    void answersACacheHitWithoutTheNetwork() {
        WIREMOCK.stubFor(get("/ca.crt").willReturn(ok().withBody(intermediateDer)));
        fetcher.fetch(url("/ca.crt"));

        ticker.advance(Duration.ofMinutes(59));
        FetchResult again = fetcher.fetch(url("/ca.crt"));

        assertThat(again.fromCache()).isTrue();
        assertThat(again.certificates()).containsExactly(pki.intermediate().certificate());
        assertThat(fetcher.networkFetches()).isEqualTo(1);
        WIREMOCK.verify(1, getRequestedFor(urlEqualTo("/ca.crt")));

        ticker.advance(Duration.ofMinutes(2)); // past the hour
        assertThat(fetcher.fetch(url("/ca.crt")).fromCache()).isFalse();
        WIREMOCK.verify(2, getRequestedFor(urlEqualTo("/ca.crt")));
    }

    @Test
    void cachesAFailureOnlyBriefly() {
        WIREMOCK.stubFor(get("/flaky.crt").willReturn(notFound()));
        fetcher.fetch(url("/flaky.crt"));

        FetchResult cached = fetcher.fetch(url("/flaky.crt"));
        assertThat(cached.fromCache()).isTrue();
        assertThat(cached.failure()).isEqualTo("HTTP 404 from " + url("/flaky.crt"));
        WIREMOCK.verify(1, getRequestedFor(urlEqualTo("/flaky.crt")));

        WIREMOCK.stubFor(get("/flaky.crt").willReturn(ok().withBody(intermediateDer)));
        ticker.advance(Duration.ofSeconds(61));
        FetchResult retried = fetcher.fetch(url("/flaky.crt"));

        assertThat(retried.ok()).isTrue();
        assertThat(retried.fromCache()).isFalse();
        assertThat(fetcher.networkFetches()).isEqualTo(2);
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        FetchResult result = fetcher.fetch("ldap://ldap.example/cn=CA?cACertificate");

        assertThat(result.failure()).isEqualTo("not a valid http or https URL: ldap://ldap.example/cn=CA?cACertificate");
        assertThat(fetcher.networkFetches()).isZero();
    }

    @Test
    void refusesARedirectToAnotherScheme() {
        WIREMOCK.stubFor(get("/ldap.crt").willReturn(temporaryRedirect("ldap://ldap.example/cn=CA")));

        assertThat(fetcher.fetch(url("/ldap.crt")).failure())
                .isEqualTo("redirect from " + url("/ldap.crt") + " to a non-HTTP URL: ldap://ldap.example/cn=CA");
    }

    @Test
    void reportsAConnectionRefused() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThat(fetcher.fetch("http://127.0.0.1:" + port + "/ca.crt").failure())
                .isEqualTo("cannot fetch http://127.0.0.1:" + port + "/ca.crt: connection refused");
    }

    @Test
    void keepsUserInfoOutOfMessages() {
        assertThat(AiaFetcher.display("http://user:secret@pki.example/ca.crt")).isEqualTo("http://pki.example/ca.crt");
        assertThat(AiaFetcher.display("http://pki.example/a@b.crt")).isEqualTo("http://pki.example/a@b.crt");
    }

    @Test
    void checksItsSettings() {
        assertThatThrownBy(() -> AiaFetcher.builder().maxBytes(0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> AiaFetcher.builder().maxRedirects(-1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> AiaFetcher.builder().timeout(Duration.ZERO)).hasMessageContaining("got PT0S");
        assertThatThrownBy(() -> FetchResult.success("http://x/", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + WIREMOCK.getPort() + path;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** Caffeine's clock, moved by hand. */
    static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }
}
