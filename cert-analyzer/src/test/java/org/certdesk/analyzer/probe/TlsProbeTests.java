package org.certdesk.analyzer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.certdesk.analyzer.net.AddressPolicy;
import org.certdesk.analyzer.probe.ProbeResult.Status;
import org.certdesk.analyzer.testing.TestPki;
import org.certdesk.analyzer.testing.TestTlsServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsProbeTests {
    private static final String LOOPBACK = "127.0.0.1";

    private static TestPki.Chain pki;

    private final TlsProbe probe = new TlsProbe(AddressPolicy.allowingPrivate(), Duration.ofSeconds(5), Duration.ofSeconds(5));

    @BeforeAll
    static void buildPki() {
        pki = TestPki.simpleChain("localhost");
    }

    @Test
    void capturesTheChainInTheServersOrderOverTls13() {
        try (TestTlsServer server = TestTlsServer.tls(pki.leaf(), pki.leaf().certificate(),
                pki.intermediate().certificate(), pki.root().certificate())) {
            ProbeResult result = probe.probe(LOOPBACK, server.port());

            assertThat(result.status()).isEqualTo(Status.CAPTURED);
            assertThat(result.chain()).containsExactly(pki.leaf().certificate(), pki.intermediate().certificate(),
                    pki.root().certificate());
            assertThat(result.protocol()).isEqualTo("TLSv1.3");
            assertThat(result.cipherSuite()).startsWith("TLS_");
            assertThat(result.address()).isEqualTo(LOOPBACK);
            assertThat(result.host()).isEqualTo(LOOPBACK);
            assertThat(result.port()).isEqualTo(server.port());
            assertThat(result.cause()).isNull();
        }
    }

    @Test
    void keepsAWrongOrderAsSent() {
        try (TestTlsServer server = TestTlsServer.tls(pki.leaf(), pki.leaf().certificate(),
                pki.root().certificate(), pki.intermediate().certificate())) {
            ProbeResult result = probe.probe(LOOPBACK, server.port());

            assertThat(result.chain()).containsExactly(pki.leaf().certificate(), pki.root().certificate(),
                    pki.intermediate().certificate());
        }
    }

    @Test
    void sendsSniForANameAndNoneForAnIpLiteral() {
        try (TestTlsServer server = TestTlsServer.tls(pki.leaf(), pki.leaf().certificate())) {
            assertThat(probe.probe("localhost", server.port()).status()).isEqualTo(Status.CAPTURED);
            assertThat(server.lastServerNames()).containsExactly("localhost");

            assertThat(probe.probe(LOOPBACK, server.port()).status()).isEqualTo(Status.CAPTURED);
            assertThat(server.lastServerNames()).isEmpty();
        }
    }

    @Test
    void capturesWhatAVerifyingClientWouldRejectWrongHostAndSha1() {
        TestPki.Held root = TestPki.certificate("Old Root").ca(1).rsa().build();
        TestPki.Held sha1Ca = TestPki.certificate("SHA-1 CA").ca(0).rsa().signatureAlgorithm("SHA1withRSA")
                .signedBy(root).build();
        TestPki.Held leaf = TestPki.certificate("other.example").dnsNames("other.example").signedBy(sha1Ca).build();
        try (TestTlsServer server = TestTlsServer.tls(leaf, leaf.certificate(), sha1Ca.certificate())) {
            ProbeResult result = probe.probe("localhost", server.port());

            assertThat(result.status()).isEqualTo(Status.CAPTURED);
            assertThat(result.chain()).containsExactly(leaf.certificate(), sha1Ca.certificate());
        }
    }

    @Test
    void keepsTheChainWhenTheHandshakeFailsAfterIt() {
        // The server signs with a key that is not the leaf's: TLS 1.3 fails at CertificateVerify, after the chain.
        try (TestTlsServer server = TestTlsServer.tls(pki.root().keyPair().getPrivate(), pki.leaf().certificate(),
                pki.intermediate().certificate())) {
            ProbeResult result = probe.probe(LOOPBACK, server.port());

            assertThat(result.status()).isEqualTo(Status.CAPTURED);
            assertThat(result.chain()).containsExactly(pki.leaf().certificate(), pki.intermediate().certificate());
            assertThat(result.protocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void speaksTls12ToAServerThatDemandsAClientCertificate() throws Exception {
        try (Tls12Server server = new Tls12Server(pki)) {
            ProbeResult result = probe.probe("localhost", server.port());

            assertThat(result.status()).isEqualTo(Status.CAPTURED);
            assertThat(result.protocol()).isEqualTo("TLSv1.2");
            assertThat(result.chain()).containsExactly(pki.leaf().certificate(), pki.intermediate().certificate());
        }
    }

    @Test
    void plainHttpIsNotTls() {
        try (TestTlsServer server = TestTlsServer.of(TestTlsServer.Mode.PLAIN_HTTP)) {
            ProbeResult result = probe.probe(LOOPBACK, server.port());

            assertThat(result.status()).isEqualTo(Status.NOT_TLS);
            assertThat(result.cause()).isEqualTo("127.0.0.1:" + server.port()
                    + " answered in plain HTTP (\"HTTP/1.1 400 Bad Request\"), not TLS");
            assertThat(result.chain()).isEmpty();
            assertThat(result.address()).isEqualTo(LOOPBACK);
        }
    }

    @Test
    void garbageIsNotTls() {
        try (TestTlsServer server = TestTlsServer.of(TestTlsServer.Mode.GARBAGE)) {
            ProbeResult result = probe.probe(LOOPBACK, server.port());

            assertThat(result.status()).isEqualTo(Status.NOT_TLS);
            assertThat(result.cause()).startsWith("127.0.0.1:" + server.port() + " answered with ");
        }
    }

    @Test
    void aClosedPortIsUnreachableAtOnce() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();

        ProbeResult result = probe.probe(LOOPBACK, port);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.status()).isEqualTo(Status.UNREACHABLE);
        assertThat(result.cause()).isEqualTo("connection refused by 127.0.0.1:" + port + ": nothing listens on port " + port);
        assertThat(result.address()).isNull();
    }

    @Test
    void aSilentServerIsUnreachableWithinTheHandshakeTimeout() {
        TlsProbe impatient = new TlsProbe(AddressPolicy.allowingPrivate(), Duration.ofSeconds(5), Duration.ofMillis(500));
        try (TestTlsServer server = TestTlsServer.of(TestTlsServer.Mode.SILENT)) {
            long start = System.nanoTime();

            ProbeResult result = impatient.probe(LOOPBACK, server.port());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(result.status()).isEqualTo(Status.UNREACHABLE);
            assertThat(result.cause()).isEqualTo("no TLS answer from 127.0.0.1:" + server.port() + " within 500 ms");
            assertThat(result.elapsedMillis()).isGreaterThanOrEqualTo(450);
        }
    }

    @Test
    void aServerDrippingBytesCannotStretchTheDeadline() throws Exception {
        TlsProbe impatient = new TlsProbe(AddressPolicy.allowingPrivate(), Duration.ofSeconds(5), Duration.ofMillis(500));
        try (Dripper dripper = new Dripper()) {
            long start = System.nanoTime();

            ProbeResult result = impatient.probe(LOOPBACK, dripper.port());

            // Each byte comes well within the read timeout, so only a hard deadline stops the probe.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.status()).isEqualTo(Status.UNREACHABLE);
            assertThat(result.cause()).isEqualTo("TLS handshake with 127.0.0.1:" + dripper.port()
                    + " did not finish within 500 ms");
        }
    }

    @Test
    void refusesLoopbackByDefaultWithoutConnecting() {
        try (TestTlsServer server = TestTlsServer.tls(pki.leaf(), pki.leaf().certificate())) {
            ProbeResult result = new TlsProbe(AddressPolicy.publicOnly(), Duration.ofSeconds(5), Duration.ofSeconds(5))
                    .probe(LOOPBACK, server.port());

            assertThat(result.status()).isEqualTo(Status.REFUSED);
            assertThat(result.cause()).isEqualTo(
                    "refused to connect to 127.0.0.1: loopback address; use --allow-private for internal servers");
            assertThat(result.address()).isNull();
            assertThat(server.connections()).isZero();

            assertThat(probe.probe(LOOPBACK, server.port()).status()).isEqualTo(Status.CAPTURED);
            assertThat(server.connections()).isEqualTo(1); // the counter works: the refusal really sent nothing
        }
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertThatThrownBy(() -> probe.probe("localhost", 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> probe.probe("", 443)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlsProbe(AddressPolicy.publicOnly(), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("connectTimeout must be positive, got PT0S");
    }

    @Test
    void resultsKeepTheirInvariants() {
        assertThatThrownBy(() -> ProbeResult.failed(Status.UNREACHABLE, "h", 443, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProbeResult.captured("h", 443, "192.0.2.1", java.util.List.of(), "TLSv1.3", "x", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A TLS 1.2-only server that requires a client certificate, which the probe does not have. */
    private static final class Tls12Server implements AutoCloseable {
        private final SSLServerSocket server;

        Tls12Server(TestPki.Chain pki) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", pki.leaf().keyPair().getPrivate(), new char[0],
                    new Certificate[] {pki.leaf().certificate(), pki.intermediate().certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            server.setNeedClientAuth(true);
            Thread thread = new Thread(this::serve, "tls12-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(5_000);
                    socket.startHandshake();
                } catch (IOException e) {
                    // the probe has no client certificate: expected
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Accepts one connection and sends a TLS record header one byte every 100 ms, forever. */
    private static final class Dripper implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        Dripper() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::drip, "dripper");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void drip() {
            try (Socket socket = server.accept()) {
                OutputStream out = socket.getOutputStream();
                byte[] header = {0x16, 0x03, 0x03, 0x40, 0x00}; // a handshake record of 16 KiB, never delivered
                for (int i = 0; ; i++) {
                    out.write(i < header.length ? header[i] : 0);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the probe gave up, as it should
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            thread.interrupt();
        }
    }
}
