package org.certdesk.bot.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;

import com.sun.net.httpserver.HttpServer;

import org.certdesk.analyzer.testing.TestPki;
import org.certdesk.analyzer.CertificateFacts;

/**
 * A company's sign-in server on loopback, for the real analyzer: a TLS server whose presented chain
 * tests switch between scenarios, an HTTP server answering the certificates' caIssuers URLs (AIA),
 * and the company root as a PEM file for {@code certdesk.analyzer.trusted-roots}. One per JVM.
 */
public final class LoopbackPki {
    private static final String ORGANIZATION = "Certdesk Bot Test";
    private static LoopbackPki instance;

    private final HttpServer aia;
    private final SSLServerSocket tls;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicReference<Presented> presented = new AtomicReference<>();
    private final TestPki.Held root;
    private final TestPki.Held issuing1;
    private final TestPki.Held issuing2;
    private final TestPki.Held leaf;
    private final TestPki.Held deepLeaf;
    private final Path rootPem;

    private record Presented(PrivateKey key, X509Certificate[] chain) {}

    /** The shared instance, started on first use. */
    public static synchronized LoopbackPki get() {
        if (instance == null) {
            instance = new LoopbackPki();
        }
        return instance;
    }

    private LoopbackPki() {
        try {
            aia = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            aia.createContext("/", exchange -> {
                byte[] body = served.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "application/pkix-cert");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                exchange.close();
            });
            aia.setExecutor(Executors.newCachedThreadPool(daemon()));
            aia.start();
            root = ca("Certdesk Bot Test Root", null, null);
            issuing1 = ca("Contoso Issuing CA 1", root, url("/root.crt"));
            issuing2 = ca("Contoso Issuing CA 2", issuing1, url("/issuing1.crt"));
            leaf = localhost(issuing1, url("/issuing1.crt"));
            deepLeaf = localhost(issuing2, url("/issuing2.crt"));
            served.put("/root.crt", CertificateFacts.der(root.certificate()));
            served.put("/issuing1.crt", CertificateFacts.der(issuing1.certificate()));
            served.put("/issuing2.crt", CertificateFacts.der(issuing2.certificate()));
            rootPem = Files.createTempFile("certdesk-test-root", ".pem");
            rootPem.toFile().deleteOnExit();
            Files.writeString(rootPem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(CertificateFacts.der(root.certificate()))
                    + "\n-----END CERTIFICATE-----\n");
            tls = startTls();
            oneMissing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestPki.Held ca(String name, TestPki.Held issuer, String caIssuersUrl) {
        // A null issuer self-signs (the root); a null URL leaves out the AIA extension.
        return TestPki.certificate(name).organization(ORGANIZATION).ca(3).signedBy(issuer).caIssuers(caIssuersUrl)
                .build();
    }

    private static TestPki.Held localhost(TestPki.Held issuer, String caIssuersUrl) {
        return TestPki.certificate("localhost").organization(ORGANIZATION).dnsNames("localhost").signedBy(issuer)
                .caIssuers(caIssuersUrl).build();
    }

    /** The server omits its intermediate "Contoso Issuing CA 1": one certificate missing. */
    public void oneMissing() {
        presented.set(new Presented(leaf.keyPair().getPrivate(), new X509Certificate[] {leaf.certificate()}));
    }

    /** The server omits both intermediates: two certificates missing, the "second certificate" case. */
    public void twoMissing() {
        presented.set(new Presented(deepLeaf.keyPair().getPrivate(), new X509Certificate[] {deepLeaf.certificate()}));
    }

    /** The server sends its full chain: nothing missing. */
    public void complete() {
        presented.set(new Presented(leaf.keyPair().getPrivate(),
                new X509Certificate[] {leaf.certificate(), issuing1.certificate()}));
    }

    /** {@code localhost:port}, for {@code certdesk.analyzer.hosts}. */
    public String host() {
        return "localhost:" + tls.getLocalPort();
    }

    public Path rootPem() {
        return rootPem;
    }

    public X509Certificate issuing1() {
        return issuing1.certificate();
    }

    public X509Certificate issuing2() {
        return issuing2.certificate();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + aia.getAddress().getPort() + path;
    }

    private SSLServerSocket startTls() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new SwitchableKeyManager()}, null, null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            var pool = Executors.newCachedThreadPool(daemon());
            pool.execute(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        pool.execute(() -> handshake((SSLSocket) client));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return socket;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void handshake(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        } catch (IOException e) {
            // the analyzer hangs up once it has the chain
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "loopback-pki");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Presents whatever chain the current scenario set. */
    private final class SwitchableKeyManager implements X509KeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"server"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyType.startsWith("EC") ? "server" : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return presented.get().chain().clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return presented.get().key();
        }
    }

    /** For assertions on what was issued. */
    public List<X509Certificate> intermediates() {
        return List.of(issuing1.certificate(), issuing2.certificate());
    }
}
