package org.certdesk.bot.channel.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.certdesk.bot.testing.LoopbackPki;

/**
 * A TCP relay in front of {@link LoopbackPki}'s TLS server that waits {@link #delay} before it
 * connects through: the analyzer's handshake then takes that long, as with a slow sign-in server, and
 * still sees the scenario's chain. One per JVM; the delay is zero unless a test sets it.
 */
final class SlowTlsRelay {
    private static SlowTlsRelay instance;

    private final ServerSocket server;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "slow-tls-relay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration delay = Duration.ZERO;

    static synchronized SlowTlsRelay get() {
        if (instance == null) {
            instance = new SlowTlsRelay();
        }
        return instance;
    }

    private SlowTlsRelay() {
        String upstream = LoopbackPki.get().host();
        upstreamPort = Integer.parseInt(upstream.substring(upstream.lastIndexOf(':') + 1));
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    threads.execute(() -> relay(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** {@code localhost:port}, for {@code certdesk.analyzer.hosts} (the test leaf names localhost). */
    String host() {
        return "localhost:" + server.getLocalPort();
    }

    /** How long each new connection waits before it reaches the TLS server. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    private void relay(Socket client) {
        try (client; Socket upstream = connect()) {
            threads.execute(() -> pump(upstream, client));
            pump(client, upstream);
        } catch (IOException | InterruptedException e) {
            // the analyzer hangs up once it has the chain
        }
    }

    private Socket connect() throws IOException, InterruptedException {
        Thread.sleep(delay.toMillis());
        return new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other pump ends too
        }
    }
}
