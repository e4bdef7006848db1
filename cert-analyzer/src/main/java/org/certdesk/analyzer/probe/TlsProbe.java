package org.certdesk.analyzer.probe;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.certdesk.analyzer.net.AddressPolicy;
import org.certdesk.analyzer.net.RefusedAddressException;
import org.certdesk.analyzer.net.SocketDeadline;
import org.certdesk.analyzer.probe.ProbeResult.Status;

/**
 * Connects to a TLS server and captures its certificate chain exactly as presented, trusting nothing and
 * checking nothing during capture. Offers TLS 1.3 and 1.2, with SNI for host names.
 *
 * <p>The host is resolved once, through the {@link AddressPolicy}, and the probe connects to the allowed
 * address itself, so DNS rebinding cannot slip past the policy. The handshake timeout is a hard deadline
 * for the whole handshake, not a read timeout that a server dripping bytes could stretch.
 *
 * <p>Thread-safe; each probe uses its own TLS context, so no session is ever resumed and every result
 * reflects a full handshake.
 */
public final class TlsProbe {
    private static final System.Logger LOG = System.getLogger(TlsProbe.class.getName());

    private final AddressPolicy policy;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;

    /**
     * @param policy which addresses may be probed
     * @param connectTimeout per-address TCP connect timeout (callers use 5 s)
     * @param handshakeTimeout deadline for the TLS handshake once connected (callers use 10 s)
     * @throws IllegalArgumentException if a timeout is not positive
     */
    public TlsProbe(AddressPolicy policy, Duration connectTimeout, Duration handshakeTimeout) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.handshakeTimeout = positive(handshakeTimeout, "handshakeTimeout");
    }

    /**
     * Probes {@code host:port}.
     *
     * @param host a name, an IPv4 literal, or an IPv6 literal with or without brackets
     * @return the captured chain or the reason there is none; never null, never thrown for network trouble
     * @throws IllegalArgumentException if the host is blank or the port outside 1..65535
     */
    public ProbeResult probe(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be a name or IP address, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        long start = System.nanoTime();
        ProbeResult result = new Attempt(host, port, start).run();
        LOG.log(Level.DEBUG, () -> "probe " + result.host() + ":" + result.port() + " -> " + result.status()
                + (result.cause() == null ? "" : " (" + result.cause() + ")") + " in " + result.elapsedMillis() + " ms");
        return result;
    }

    /** One probe's state, so the steps below read top to bottom. */
    private final class Attempt {
        private final String host;
        private final String name; // the host without IPv6 brackets
        private final int port;
        private final long start;
        private final boolean literal;

        Attempt(String host, int port, long start) {
            this.host = host;
            this.name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            this.port = port;
            this.start = start;
            this.literal = name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        }

        ProbeResult run() {
            List<InetAddress> addresses;
            try {
                addresses = policy.resolve(host);
            } catch (RefusedAddressException e) {
                return failed(Status.REFUSED, null, e.getMessage());
            } catch (UnknownHostException e) {
                return failed(Status.UNREACHABLE, null, e.getMessage());
            } catch (IOException e) {
                return failed(Status.UNREACHABLE, null, "cannot resolve host " + host + ": " + e.getMessage());
            }
            IOException last = null;
            InetAddress lastAddress = null;
            for (InetAddress address : addresses) { // each address gets the full connect timeout, as in browsers
                SniffingSocket socket = new SniffingSocket();
                try {
                    // Handshake messages are small and must go out at once: Nagle plus delayed ACKs cost 40 ms a round trip.
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(address, port), millis(connectTimeout));
                } catch (IOException e) {
                    closeQuietly(socket);
                    last = e;
                    lastAddress = address;
                    continue;
                }
                return handshake(socket, address.getHostAddress());
            }
            return failed(Status.UNREACHABLE, null, connectFailure(last, lastAddress.getHostAddress()));
        }

        private ProbeResult handshake(SniffingSocket socket, String address) {
            CapturingTrustManager capture = new CapturingTrustManager();
            SocketDeadline deadline = SocketDeadline.arm(socket, handshakeTimeout.toNanos());
            try {
                socket.setSoTimeout(millis(handshakeTimeout)); // a backstop; the deadline is the real limit
                SSLSocket ssl = (SSLSocket) context(capture).getSocketFactory().createSocket(socket, name, port, true);
                ssl.setSSLParameters(parameters(ssl));
                ssl.startHandshake();
                if (capture.chain() == null) { // only anonymous suites, which the JDK disables, skip the certificate
                    throw new SSLHandshakeException("the server sent no certificate");
                }
                return captured(capture, address);
            } catch (IOException e) {
                if (capture.chain() != null) {
                    // The chain arrived and the handshake failed later: a server that demands a client
                    // certificate (TLS 1.2), a bad CertificateVerify, a stall. The chain is what was asked for.
                    LOG.log(Level.DEBUG, "handshake with {0} failed after the chain arrived: {1}", target(address), e);
                    return captured(capture, address);
                }
                if (deadline.fired() || e instanceof SocketTimeoutException) {
                    String what = socket.received().length == 0 ? "no TLS answer from " + target(address)
                            : "TLS handshake with " + target(address) + " did not finish";
                    return failed(Status.UNREACHABLE, address, what + " within " + describe(handshakeTimeout));
                }
                return failed(Status.NOT_TLS, address, handshakeFailure(socket, address, e));
            } finally {
                // Closing the plain socket, not the TLS one: no close_notify exchange that could wait on the peer.
                deadline.close();
                closeQuietly(socket);
            }
        }

        /** Protocol and suite as noted when the chain arrived: final by then, and still there if the handshake fails. */
        private ProbeResult captured(CapturingTrustManager capture, String address) {
            return ProbeResult.captured(host, port, address, List.of(capture.chain()), capture.protocol(),
                    capture.cipherSuite(), elapsed());
        }

        private SSLParameters parameters(SSLSocket ssl) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            parameters.setServerNames(List.of());
            if (!literal) {
                try {
                    String sni = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
                    parameters.setServerNames(List.of(new SNIHostName(sni)));
                } catch (IllegalArgumentException e) {
                    // A name SNI cannot carry (an underscore, say): probe without, as a browser would.
                    LOG.log(Level.DEBUG, "no SNI for {0}: {1}", name, e.getMessage());
                }
            }
            return parameters;
        }

        private String connectFailure(IOException e, String address) {
            if (e instanceof SocketTimeoutException) {
                return "no answer from " + target(address) + " within " + describe(connectTimeout) + " (connect timeout)";
            }
            if (e instanceof ConnectException) {
                return "connection refused by " + target(address) + ": nothing listens on port " + port;
            }
            return "cannot connect to " + target(address) + ": " + e.getMessage();
        }

        private String handshakeFailure(SniffingSocket socket, String address, IOException e) {
            if (socket.received().length == 0) {
                return target(address) + " closed the connection during the TLS handshake without answering";
            }
            if (!socket.receivedTls()) {
                String answer = socket.describeReceived();
                return answer.startsWith("\"HTTP/")
                        ? target(address) + " answered in plain HTTP (" + answer + "), not TLS"
                        : target(address) + " answered with " + answer + ", which is not TLS";
            }
            return "TLS handshake with " + target(address) + " failed: " + e.getMessage();
        }

        /** "host:port", with the address too when the host is a name: the helpdesk sees what DNS said. */
        private String target(String address) {
            String hostPort = (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + port;
            return literal ? hostPort : hostPort + " (" + address + ")";
        }

        private ProbeResult failed(Status status, String address, String cause) {
            return ProbeResult.failed(status, host, port, address, cause, elapsed());
        }

        private long elapsed() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    /** A fresh context per probe: no session cache, so the server must send its chain every time. */
    private static SSLContext context(CapturingTrustManager capture) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {capture}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is unavailable in this JDK", e);
        }
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
        return duration;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }
}
