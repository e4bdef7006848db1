package org.certdesk.analyzer.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.testing.TestPki.Held;
import org.certdesk.analyzer.testing.TestPki;
import org.certdesk.analyzer.testing.TestTlsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract that scripts and the helpdesk rely on: arguments, output shapes and exit codes. */
class AnalyzerCommandTests {
    private static WireMockServer aia;
    private static Held root;
    private static Held issuing;
    private static Held leaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        aia = new WireMockServer(options().dynamicPort());
        aia.start();
        root = TestPki.certificate("Contoso Private Root").ca(1).build();
        issuing = TestPki.certificate("Contoso Issuing CA").ca(0).signedBy(root).build();
        leaf = TestPki.certificate("localhost").dnsNames("localhost").signedBy(issuing)
                .caIssuers("http://127.0.0.1:" + aia.port() + "/issuing.crt").build();
        aia.stubFor(get("/issuing.crt").willReturn(aResponse().withBody(CertificateFacts.der(issuing.certificate()))));
    }

    @AfterAll
    static void stop() {
        aia.stop();
    }

    @Test
    void jsonNamesTheMissingCertificateAndExitsOne() throws Exception {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate())) {
            Result result = run("--allow-private", "--trust", pem(root).toString(), "--android", "30", "--json",
                    "localhost:" + server.port());

            assertThat(result.code).isEqualTo(1);
            assertThat(result.out).contains("\"host\": \"localhost\"", "\"verdict\": \"INCOMPLETE_CHAIN\"",
                    "\"apiLevel\": 30", "\"presented\": [", "\"name\": \"Contoso Issuing CA\"",
                    "\"sha256\": \"" + CertificateFacts.sha256(issuing.certificate()) + "\"",
                    "\"url\": \"http://127.0.0.1:" + aia.port() + "/issuing.crt\"", "\"obtained\": true",
                    "\"lackingApiLevels\": [", "-----BEGIN CERTIFICATE-----");
            assertThat(result.out.trim()).startsWith("{").endsWith("}");
            assertThat(result.err).contains("Checking localhost:" + server.port(), "Android 11 (API 30)");
        }
    }

    @Test
    void readableReportTellsTheHelpdeskWhatToDo() throws Exception {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate())) {
            Result english = run("--allow-private", "--trust", pem(root).toString(), "localhost:" + server.port());
            Result french = run("--allow-private", "--trust", pem(root).toString(), "--lang", "fr", "localhost:" + server.port());

            assertThat(english.code).isEqualTo(1);
            assertThat(english.out).contains("INCOMPLETE_CHAIN", "Missing on the phone (1)", "Contoso Issuing CA",
                    CertificateFacts.sha256(issuing.certificate()), "/issuing.crt", "Employee:", "Server:");
            assertThat(french.out).contains("Manquant sur le téléphone (1)", "Employé :", "Installez le certificat « Contoso Issuing CA »");
        }
    }

    @Test
    void completeChainExitsZero() throws Exception {
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), issuing.certificate())) {
            Result result = run("--allow-private", "--trust", pem(root).toString(), "localhost:" + server.port());

            assertThat(result.code).isZero();
            assertThat(result.out).contains(": OK");
        }
    }

    @Test
    void severalHostsGiveAnOverallVerdictAndAHostsArray() throws Exception {
        try (TestTlsServer good = TestTlsServer.tls(leaf, leaf.certificate(), issuing.certificate());
                TestTlsServer bad = TestTlsServer.tls(leaf, leaf.certificate())) {
            Result result = run("--allow-private", "--trust", pem(root).toString(), "--json",
                    "localhost:" + good.port(), "localhost:" + bad.port());

            assertThat(result.code).isEqualTo(1);
            assertThat(result.out).startsWith("{\n  \"verdict\": \"INCOMPLETE_CHAIN\"").contains("\"hosts\": [");
        }
    }

    @Test
    void unreachableHostExitsTwo() throws Exception {
        try (TestTlsServer plain = TestTlsServer.of(TestTlsServer.Mode.PLAIN_HTTP)) {
            Result result = run("--allow-private", "--json", "localhost:" + plain.port());

            assertThat(result.code).isEqualTo(2);
            assertThat(result.out).contains("\"verdict\": \"NOT_TLS\"", "\"cause\": ");
        }
    }

    @Test
    void savedChainIsAnalysedOffline() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, "pasted from a browser\n" + pemText(leaf) + pemText(issuing));

        Result result = run("--trust", pem(root).toString(), "--chain", chain.toString(), "--host", "localhost", "--json");

        assertThat(result.code).isZero();
        assertThat(result.out).contains("\"verdict\": \"OK\"", "\"address\": null");
    }

    @Test
    void badUsageExitsTwoWithAClearMessage() throws Exception {
        assertThat(run().code).isEqualTo(2);
        assertThat(run().err).contains("give either HOST[:PORT]... or --chain FILE --host NAME");
        assertThat(run("--android", "5", "example.com").err).contains("--android: unknown Android release: 5");
        assertThat(run("--chain", dir.resolve("nope.pem").toString(), "--host", "x").err).contains("cannot read");
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello");
        assertThat(run("--trust", junk.toString(), "example.com").err).contains("holds no usable certificate");
        assertThat(run("https://example.com/").err).contains("not a HOST[:PORT]");
    }

    private Path pem(Held held) throws Exception {
        Path file = dir.resolve(CertificateFacts.sha256(held.certificate()) + ".pem");
        Files.writeString(file, pemText(held));
        return file;
    }

    private static String pemText(Held held) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(CertificateFacts.der(held.certificate()))
                + "\n-----END CERTIFICATE-----\n";
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AnalyzerCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {}
}
