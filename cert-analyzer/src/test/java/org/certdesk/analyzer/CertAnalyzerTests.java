package org.certdesk.analyzer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.certdesk.analyzer.testing.TestPki.Held;
import org.certdesk.analyzer.testing.TestPki;
import org.certdesk.analyzer.testing.TestTlsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyzer against real TLS servers on loopback, with issuers served over HTTP by WireMock: each
 * test is one way a sign-in host breaks Android, and asserts what the helpdesk would read.
 */
class CertAnalyzerTests {
    private static WireMockServer aia;
    private static Held root;
    private static Held issuing1;
    private static Held issuing2;
    private static Held leaf;
    private static Held deepLeaf;

    @BeforeAll
    static void pki() {
        aia = new WireMockServer(options().dynamicPort());
        aia.start();
        root = TestPki.certificate("Certdesk Test Root").ca(3).build();
        issuing1 = TestPki.certificate("Certdesk Issuing CA 1").ca(1).signedBy(root).caIssuers(aiaUrl("/root.crt")).build();
        issuing2 = TestPki.certificate("Certdesk Issuing CA 2").ca(0).signedBy(issuing1).caIssuers(aiaUrl("/issuing1.crt")).build();
        leaf = TestPki.certificate("localhost").dnsNames("localhost").signedBy(issuing1).caIssuers(aiaUrl("/issuing1.crt")).build();
        deepLeaf = TestPki.certificate("localhost").dnsNames("localhost").signedBy(issuing2).caIssuers(aiaUrl("/issuing2.crt")).build();
        serve("/root.crt", root);
        serve("/issuing1.crt", issuing1);
        serve("/issuing2.crt", issuing2);
    }

    @AfterAll
    static void stop() {
        aia.stop();
    }

    @Test
    void completeChainIsOk() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 30);

            assertThat(report.verdict()).isEqualTo(ProblemCode.OK);
            assertThat(report.problems()).isEmpty();
            assertThat(report.missing()).isEmpty();
            assertThat(report.presented()).extracting(CertificateInfo::name).containsExactly("localhost", "Certdesk Issuing CA 1");
            assertThat(report.path()).extracting(CertificateInfo::name)
                    .containsExactly("localhost", "Certdesk Issuing CA 1", "Certdesk Test Root");
            assertThat(report.trustedFrom()).isEqualTo("7.0");
            assertThat(report.protocol()).isEqualTo("TLSv1.3");
            assertThat(report.address()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void leafOnlyNamesTheOmittedIntermediateFetchedThroughAia() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 30);

            assertThat(report.verdict()).isEqualTo(ProblemCode.INCOMPLETE_CHAIN);
            assertThat(report.missing()).singleElement().satisfies(missing -> {
                assertThat(missing.name()).isEqualTo("Certdesk Issuing CA 1");
                assertThat(missing.sha256()).isEqualTo(CertificateFacts.sha256(issuing1.certificate())).matches("[0-9a-f]{64}");
                assertThat(missing.sha1()).matches("[0-9a-f]{40}");
                assertThat(missing.url()).isEqualTo(aiaUrl("/issuing1.crt"));
                assertThat(missing.obtained()).isTrue();
                assertThat(missing.source()).isEqualTo("aia");
                assertThat(missing.role()).isEqualTo("intermediate");
                assertThat(missing.lackingApiLevels()).hasSize(13);
                assertThat(missing.certificate()).isEqualTo(issuing1.certificate());
            });
            Problem problem = report.problems().get(0);
            assertThat(problem.summary().en()).contains("localhost", "«Certdesk Issuing CA 1»");
            assertThat(problem.summary().fr()).contains("n’envoie pas le certificat intermédiaire « Certdesk Issuing CA 1 »");
            assertThat(problem.advice().admin().en()).contains("AD FS");
            assertThat(report.trustedFrom()).isNull();
        }
    }

    @Test
    void twoOmittedIntermediatesAreBothMissingLeafSideFirst() {
        try (TestTlsServer server = TestTlsServer.tls(deepLeaf, deepLeaf.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.INCOMPLETE_CHAIN);
            assertThat(report.missing()).extracting(MissingCertificate::name)
                    .containsExactly("Certdesk Issuing CA 2", "Certdesk Issuing CA 1");
            assertThat(report.missing()).extracting(MissingCertificate::url)
                    .containsExactly(aiaUrl("/issuing2.crt"), aiaUrl("/issuing1.crt"));
        }
    }

    @Test
    void wrongOrderIsOnlyAWarning() {
        try (TestTlsServer server = TestTlsServer.tls(deepLeaf, deepLeaf.certificate(), issuing1.certificate(), issuing2.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.OK);
            assertThat(report.missing()).isEmpty();
            assertThat(report.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.WRONG_ORDER);
                assertThat(problem.severity()).isEqualTo(Severity.WARNING);
            });
        }
    }

    @Test
    void unrelatedCertificatesAreReportedAsExtra() {
        Held stranger = TestPki.certificate("Somebody Else CA").ca(0).build();
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate(), stranger.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.OK);
            assertThat(report.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXTRA_CERTIFICATES);
                assertThat(problem.detail()).contains("Somebody Else CA");
            });
        }
    }

    @Test
    void sendingTheRootItselfIsOnlyANote() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate(), root.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.OK);
            assertThat(report.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.EXTRA_CERTIFICATES);
                assertThat(problem.severity()).isEqualTo(Severity.INFO);
                assertThat(problem.certificate()).isEqualTo("Certdesk Test Root");
            });
        }
    }

    @Test
    void expiredLeafIsAServerProblem() {
        Held expired = TestPki.certificate("localhost").dnsNames("localhost").signedBy(issuing1)
                .validity(Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(35))).build();
        try (TestTlsServer server = TestTlsServer.tls(expired, expired.certificate(), issuing1.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.EXPIRED);
            assertThat(report.missing()).isEmpty();
            assertThat(report.problems().get(0).advice().employee().en()).contains("Nothing to install");
            assertThat(report.androidLevels()).allSatisfy(level -> assertThat(level.verdict()).isEqualTo(ProblemCode.EXPIRED));
        }
    }

    @Test
    void leafForAnotherNameIsAHostnameMismatch() {
        Held other = TestPki.certificate("portal.example.org").dnsNames("portal.example.org", "*.example.org")
                .signedBy(issuing1).build();
        try (TestTlsServer server = TestTlsServer.tls(other, other.certificate(), issuing1.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.HOSTNAME_MISMATCH);
            assertThat(report.problems().get(0).detail()).contains("portal.example.org", "*.example.org");
        }
    }

    @Test
    void sha1IntermediateIsRefusedFromAndroid10Only() {
        Held rsaRoot = TestPki.certificate("Certdesk RSA Root").rsa().ca(2).build();
        Held sha1Issuing = TestPki.certificate("Certdesk SHA-1 CA").rsa().ca(0).signedBy(rsaRoot)
                .signatureAlgorithm("SHA1withRSA").build();
        Held sha1Leaf = TestPki.certificate("localhost").dnsNames("localhost").signedBy(sha1Issuing).build();
        try (TestTlsServer server = TestTlsServer.tls(sha1Leaf, sha1Leaf.certificate(), sha1Issuing.certificate());
                CertAnalyzer analyzer = analyzer(storesWith(rsaRoot, 24))) {
            HostReport android10 = analyzer.analyze(localhost(server), 29);
            HostReport android9 = analyzer.analyze(localhost(server), 28);

            assertThat(android10.verdict()).isEqualTo(ProblemCode.WEAK_SIGNATURE);
            assertThat(android10.problems().get(0).certificate()).isEqualTo("Certdesk SHA-1 CA");
            assertThat(android10.problems().get(0).detail()).isEqualTo("SHA1withRSA");
            assertThat(android9.verdict()).isEqualTo(ProblemCode.OK);
            assertThat(android9.problems()).singleElement().extracting(Problem::severity).isEqualTo(Severity.WARNING);
            assertThat(android9.trustedFrom()).isNull();
            assertThat(android9.androidLevels()).filteredOn(level -> level.apiLevel() <= 28)
                    .allSatisfy(level -> assertThat(level.verdict()).isEqualTo(ProblemCode.OK));
        }
    }

    @Test
    void privateRootIsUntrustedAndNamed() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate(), root.certificate());
                CertAnalyzer analyzer = analyzer(storesWith(null, 24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.UNTRUSTED_ROOT);
            assertThat(report.missing()).singleElement().satisfies(missing -> {
                assertThat(missing.name()).isEqualTo("Certdesk Test Root");
                assertThat(missing.role()).isEqualTo("root");
                assertThat(missing.source()).isEqualTo("server");
            });
            assertThat(report.problems().get(0).advice().employee().en()).contains("Android 7");
            assertThat(report.problems().get(0).advice().admin().en()).contains("publicly trusted");
            assertThat(report.desktopTrusted()).isFalse();
        }
    }

    @Test
    void configuredCompanyRootIsTrusted() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate());
                CertAnalyzer analyzer = CertAnalyzer.builder().allowPrivate(true).androidStores(storesWith(null, 24))
                        .trustedRoots(List.of(root.certificate())).build()) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.OK);
            assertThat(report.desktopTrusted()).isTrue();
        }
    }

    @Test
    void rootOnlyOnNewerAndroidIsMissingOnOlderOnes() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(30))) {
            HostReport old = analyzer.analyze(localhost(server), 29);
            HostReport recent = analyzer.analyze(localhost(server), 30);

            assertThat(old.verdict()).isEqualTo(ProblemCode.ROOT_MISSING_ON_THIS_ANDROID);
            assertThat(old.missing()).singleElement().satisfies(missing -> {
                assertThat(missing.name()).isEqualTo("Certdesk Test Root");
                assertThat(missing.source()).isEqualTo("android-store");
                assertThat(missing.obtained()).isTrue();
                assertThat(missing.lackingApiLevels()).containsExactlyInAnyOrder(24, 25, 26, 27, 28, 29);
            });
            assertThat(old.problems().get(0).summary().en()).contains("Android 10");
            assertThat(old.trustedFrom()).isEqualTo("11");
            assertThat(recent.verdict()).isEqualTo(ProblemCode.OK);
        }
    }

    @Test
    void unavailableIssuerIsNamedButNotObtained() {
        Held orphan = TestPki.certificate("localhost").dnsNames("localhost").signedBy(issuing1)
                .caIssuers(aiaUrl("/gone.crt")).build();
        aia.stubFor(get("/gone.crt").willReturn(aResponse().withStatus(404)));
        try (TestTlsServer server = TestTlsServer.tls(orphan, orphan.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.INCOMPLETE_CHAIN);
            assertThat(report.missing()).singleElement().satisfies(missing -> {
                assertThat(missing.name()).isEqualTo("Certdesk Issuing CA 1");
                assertThat(missing.obtained()).isFalse();
                assertThat(missing.sha256()).isNull();
            });
            assertThat(report.aiaFailures()).singleElement().asString().contains("/gone.crt", "404");
        }
    }

    @Test
    void forgedIssuerFromAiaIsNotAccepted() {
        // Same name as the real issuer, different key: it did not sign the leaf, so it must not be handed out.
        Held forged = TestPki.certificate("Certdesk Issuing CA 1").ca(0).build();
        Held victim = TestPki.certificate("localhost").dnsNames("localhost").signedBy(issuing1)
                .caIssuers(aiaUrl("/forged.crt")).build();
        serve("/forged.crt", forged);
        try (TestTlsServer server = TestTlsServer.tls(victim, victim.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.missing()).singleElement().satisfies(missing -> {
                assertThat(missing.obtained()).isFalse();
                assertThat(missing.certificate()).isNull();
            });
        }
    }

    @Test
    void notTlsAndSilentServersAreReportedWithTheirCause() {
        try (TestTlsServer plain = TestTlsServer.of(TestTlsServer.Mode.PLAIN_HTTP);
                TestTlsServer silent = TestTlsServer.of(TestTlsServer.Mode.SILENT);
                CertAnalyzer analyzer = CertAnalyzer.builder().allowPrivate(true).androidStores(rootFrom(24))
                        .handshakeTimeout(Duration.ofMillis(700)).build()) {
            HostReport notTls = analyzer.analyze(localhost(plain), 36);
            HostReport unreachable = analyzer.analyze(localhost(silent), 36);

            assertThat(notTls.verdict()).isEqualTo(ProblemCode.NOT_TLS);
            assertThat(notTls.cause()).isNotBlank();
            assertThat(unreachable.verdict()).isEqualTo(ProblemCode.UNREACHABLE);
            assertThat(unreachable.cause()).contains("127.0.0.1");
            assertThat(unreachable.problems().get(0).advice().admin().en()).contains(unreachable.cause());
        }
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate());
                CertAnalyzer analyzer = CertAnalyzer.builder().androidStores(rootFrom(24)).build()) {
            HostReport report = analyzer.analyze(localhost(server), 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.REFUSED_ADDRESS);
            assertThat(report.cause()).contains("loopback");
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void repeatedQuestionIsAnsweredFromTheCacheWithoutNetwork() {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport first = analyzer.analyze(localhost(server), 31);
            int connections = server.connections();
            int fetches = aia.findAll(getRequestedFor(urlEqualTo("/issuing1.crt"))).size();

            HostReport second = analyzer.analyze(localhost(server), 31);

            assertThat(second).isSameAs(first);
            assertThat(server.connections()).isEqualTo(connections);
            assertThat(aia.findAll(getRequestedFor(urlEqualTo("/issuing1.crt")))).hasSize(fetches);
        }
    }

    @Test
    void severalHostsReportWhichOneFails() {
        try (TestTlsServer good = TestTlsServer.tls(leaf, leaf.certificate(), issuing1.certificate());
                TestTlsServer adfs = TestTlsServer.tls(leaf, leaf.certificate());
                CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            Report report = analyzer.analyze(List.of(localhost(good), localhost(adfs)), 33);

            assertThat(report.verdict()).isEqualTo(ProblemCode.INCOMPLETE_CHAIN);
            assertThat(report.hosts()).extracting(HostReport::verdict).containsExactly(ProblemCode.OK, ProblemCode.INCOMPLETE_CHAIN);
            assertThat(report.failing()).extracting(HostReport::port).containsExactly(adfs.port());
        }
    }

    @Test
    void offlineChainIsDiagnosedForTheGivenHost() {
        try (CertAnalyzer analyzer = analyzer(rootFrom(24))) {
            HostReport report = analyzer.analyzeChain(List.of(leaf.certificate()), "localhost", 36);
            HostReport wrongHost = analyzer.analyzeChain(List.of(leaf.certificate(), issuing1.certificate()), "sts.example.com", 36);

            assertThat(report.verdict()).isEqualTo(ProblemCode.INCOMPLETE_CHAIN);
            assertThat(report.missing()).extracting(MissingCertificate::name).containsExactly("Certdesk Issuing CA 1");
            assertThat(wrongHost.verdict()).isEqualTo(ProblemCode.HOSTNAME_MISMATCH);
        }
    }

    static CertAnalyzer analyzer(AndroidTrustStores stores) {
        return CertAnalyzer.builder().allowPrivate(true).androidStores(stores)
                .handshakeTimeout(Duration.ofSeconds(3)).aiaTimeout(Duration.ofSeconds(3)).build();
    }

    static Target localhost(TestTlsServer server) {
        return new Target("localhost", server.port());
    }

    /** Android stores 24-36 where the test root is an anchor from {@code firstApi} on. */
    static AndroidTrustStores rootFrom(int firstApi) {
        return storesWith(root, firstApi);
    }

    static AndroidTrustStores storesWith(Held anchor, int firstApi) {
        Map<Integer, List<X509Certificate>> levels = new TreeMap<>();
        IntStream.rangeClosed(24, 36).forEach(api -> levels.put(api,
                anchor != null && api >= firstApi ? List.of(anchor.certificate()) : List.of()));
        return AndroidTrustStores.of(levels);
    }

    static String aiaUrl(String path) {
        return "http://127.0.0.1:" + aia.port() + path;
    }

    private static void serve(String path, Held certificate) {
        aia.stubFor(get(path).willReturn(aResponse().withHeader("Content-Type", "application/pkix-cert")
                .withBody(CertificateFacts.der(certificate.certificate()))));
    }
}
