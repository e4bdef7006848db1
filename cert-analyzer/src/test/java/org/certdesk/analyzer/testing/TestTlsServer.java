package org.certdesk.analyzer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;

/**
 * A real server on loopback for analyzer tests. In TLS mode it presents exactly the chain it is given,
 * in the given order (a key manager that returns the array as is), so tests can omit intermediates,
 * reverse them or add strangers. The other modes imitate what breaks probes in the field.
 */
public final class TestTlsServer implements AutoCloseable {
    public enum Mode {
        /** Completes TLS handshakes with the given chain, answers one HTTP line, closes. */
        TLS,
        /** Speaks plain HTTP: answers the ClientHello with a 400 response, like a web server on the wrong port. */
        PLAIN_HTTP,
        /** Accepts the connection and sends random bytes. */
        GARBAGE,
        /** Accepts the connection and never answers. */
        SILENT
    }

    private final ServerSocket serverSocket;
    private final Mode mode;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "test-tls-server");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final FixedChainKeyManager keyManager; // null unless TLS

    private TestTlsServer(ServerSocket serverSocket, Mode mode, FixedChainKeyManager keyManager) {
        this.serverSocket = serverSocket;
        this.mode = mode;
        this.keyManager = keyManager;
        executor.execute(this::acceptLoop);
    }

    /** Starts a TLS server that presents {@code chain} (leaf first unless the test wants otherwise). */
    public static TestTlsServer tls(PrivateKey leafKey, X509Certificate... chain) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            FixedChainKeyManager keyManager = new FixedChainKeyManager(leafKey, chain);
            context.init(new KeyManager[] {keyManager}, null, null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return new TestTlsServer(socket, Mode.TLS, keyManager);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start TLS test server", e);
        }
    }

    public static TestTlsServer tls(TestPki.Held leaf, X509Certificate... chain) {
        return tls(leaf.keyPair().getPrivate(), chain);
    }

    public static TestTlsServer of(Mode mode) {
        if (mode == Mode.TLS) {
            throw new IllegalArgumentException("use tls(key, chain) for a TLS server");
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new TestTlsServer(socket, mode, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start test server", e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** "127.0.0.1:port", the form the analyzer and its CLI take. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /** How many TCP connections the server accepted; a cache hit must not add one. */
    public int connections() {
        return connections.get();
    }

    /** The SNI host names the client sent in the latest TLS handshake; empty if it sent none. */
    public List<String> lastServerNames() {
        if (keyManager == null) {
            throw new IllegalStateException("only a TLS server sees SNI");
        }
        return keyManager.lastServerNames;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true); // as production TLS servers do; keeps handshakes free of 40 ms ACK delays
                connections.incrementAndGet();
                open.add(socket);
                executor.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try {
            switch (mode) {
                case TLS -> {
                    SSLSocket ssl = (SSLSocket) socket;
                    ssl.setSoTimeout(10_000);
                    ssl.startHandshake();
                    ssl.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    ssl.close();
                }
                case PLAIN_HTTP -> {
                    InputStream in = socket.getInputStream();
                    in.read(new byte[1024]);
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nBad Request"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.close();
                }
                case GARBAGE -> {
                    byte[] noise = new byte[512];
                    new java.util.Random(42).nextBytes(noise);
                    socket.getOutputStream().write(noise);
                    socket.getOutputStream().flush();
                    Thread.sleep(200);
                    socket.close();
                }
                case SILENT -> {
                    // Hold the connection open until the server closes: the client must give up on its own.
                    socket.getInputStream().readAllBytes();
                }
            }
        } catch (Exception e) {
            // The client hung up or failed the handshake on purpose: expected in these tests.
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        executor.shutdownNow();
    }

    /** Returns the configured chain for every request, whatever the client asks (SNI, key type). */
    private static final class FixedChainKeyManager implements X509KeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;
        private volatile List<String> lastServerNames = List.of();

        FixedChainKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain.clone();
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"server"};
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
            // Recorded here, before the server answers, so a test can read it as soon as its client returns.
            if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session) {
                lastServerNames = session.getRequestedServerNames().stream()
                        .map(name -> name instanceof SNIHostName host ? host.getAsciiName() : name.toString())
                        .toList();
            }
            return keyType.equals(key.getAlgorithm()) || keyType.startsWith(key.getAlgorithm()) ? "server" : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }

}
