package org.certdesk.analyzer.aia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.certdesk.analyzer.net.AddressPolicy;
import org.certdesk.analyzer.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The body framings WireMock does not let a test choose, served byte for byte by a canned server. */
class HttpExchangeTests {
    private static byte[] der;

    private final AiaFetcher fetcher = AiaFetcher.builder().policy(AddressPolicy.allowingPrivate()).build();

    @BeforeAll
    static void buildCertificate() throws Exception {
        der = TestPki.certificate("Canned CA").ca(0).build().certificate().getEncoded();
    }

    @Test
    void readsAChunkedBody() throws Exception {
        byte[] response = concat(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
                ascii(Integer.toHexString(100) + ";name=value\r\n"), slice(der, 0, 100), ascii("\r\n"),
                ascii(Integer.toHexString(der.length - 100) + "\r\n"), slice(der, 100, der.length), ascii("\r\n"),
                ascii("0\r\nX-Trailer: yes\r\n\r\n"));
        try (Canned server = new Canned(response)) {
            assertThat(fetcher.fetch(server.url()).certificates()).hasSize(1);
        }
    }

    @Test
    void readsABodyThatEndsWhenTheServerCloses() throws Exception {
        try (Canned server = new Canned(concat(ascii("HTTP/1.0 200 OK\r\n\r\n"), der))) {
            assertThat(fetcher.fetch(server.url()).ok()).isTrue();
        }
    }

    @Test
    void skipsAnInterimAnswer() throws Exception {
        byte[] response = concat(ascii("HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: "
                + der.length + "\r\n\r\n"), der);
        try (Canned server = new Canned(response)) {
            assertThat(fetcher.fetch(server.url()).ok()).isTrue();
        }
    }

    @Test
    void stopsAnOversizedChunkedBody() throws Exception {
        byte[] chunk = new byte[40 * 1024];
        byte[] response = concat(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
                ascii("a000\r\n"), chunk, ascii("\r\n"), ascii("a000\r\n"), chunk, ascii("\r\n0\r\n\r\n"));
        try (Canned server = new Canned(response)) {
            assertThat(fetcher.fetch(server.url()).failure()).isEqualTo("response from " + server.url() + " exceeds 64 KiB");
        }
    }

    @Test
    void stopsAnOversizedBodyWithoutALength() throws Exception {
        try (Canned server = new Canned(concat(ascii("HTTP/1.1 200 OK\r\n\r\n"), new byte[65 * 1024]))) {
            assertThat(fetcher.fetch(server.url()).failure()).isEqualTo("response from " + server.url() + " exceeds 64 KiB");
        }
    }

    @Test
    void reportsATruncatedBody() throws Exception {
        try (Canned server = new Canned(concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"), der))) {
            assertThat(fetcher.fetch(server.url()).failure())
                    .isEqualTo("answer from " + server.url() + " ended early: " + der.length + " of 5000 bytes");
        }
    }

    @Test
    void reportsAnAnswerThatIsNotHttp() throws Exception {
        try (Canned server = new Canned(ascii("SSH-2.0-OpenSSH_9.6\r\n"))) {
            assertThat(fetcher.fetch(server.url()).failure()).isEqualTo("not an HTTP answer from " + server.url());
        }
    }

    @Test
    void reportsARedirectWithoutLocation() throws Exception {
        try (Canned server = new Canned(ascii("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n"))) {
            assertThat(fetcher.fetch(server.url()).failure())
                    .isEqualTo("HTTP 302 from " + server.url() + " without a Location header");
        }
    }

    @Test
    void sendsAMinimalRequest() throws Exception {
        try (Canned server = new Canned(concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + der.length + "\r\n\r\n"), der))) {
            fetcher.fetch(server.url() + "?x=1#fragment");

            assertThat(server.request.get()).isEqualTo("GET /ca.crt?x=1 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Accept: application/pkix-cert, application/pkcs7-mime, */*\r\n"
                    + "User-Agent: " + HttpExchange.USER_AGENT + "\r\n"
                    + "Connection: close\r\n\r\n");
        }
        assertThat(HttpExchange.request(URI.create("http://[2001:db8::1]:80"))).startsWith("GET / HTTP/1.1\r\nHost: [2001:db8::1]\r\n");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Answers every connection with the same bytes, then closes it; keeps the last request head. */
    private static final class Canned implements AutoCloseable {
        private final ServerSocket server;
        private final byte[] response;
        final AtomicReference<String> request = new AtomicReference<>();

        Canned(byte[] response) throws IOException {
            this.response = response;
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(this::serve, "canned-http");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        String url() {
            return "http://127.0.0.1:" + port() + "/ca.crt";
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    request.set(readHead(socket.getInputStream()));
                    socket.getOutputStream().write(response);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // closed by the test, or the client hung up early: both expected
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
