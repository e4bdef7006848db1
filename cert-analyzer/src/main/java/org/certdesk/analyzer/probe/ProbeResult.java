package org.certdesk.analyzer.probe;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TlsProbe} saw.
 *
 * @param status the outcome
 * @param host the host as given (name or IP literal)
 * @param port the TCP port
 * @param address the IP address connected to, or null if no connection was made
 * @param chain the certificates exactly as the server sent them, in its order; non-empty for
 *     {@link Status#CAPTURED}, empty otherwise
 * @param protocol the negotiated protocol (e.g. TLSv1.3) when captured, else null
 * @param cipherSuite the negotiated cipher suite when captured, else null
 * @param cause null when captured, else what went wrong, worded for a helpdesk report
 * @param elapsedMillis time from the start of the probe (DNS included) to the result
 */
public record ProbeResult(Status status, String host, int port, String address, List<X509Certificate> chain,
        String protocol, String cipherSuite, String cause, long elapsedMillis) {

    public enum Status {
        /** The handshake delivered the server's chain. */
        CAPTURED,
        /** DNS failed, the connection was refused or timed out, or no TLS answer came before the deadline. */
        UNREACHABLE,
        /** Connected, but the peer answered with something other than TLS, or the handshake failed or was cut. */
        NOT_TLS,
        /** The address policy refused every address of the host; nothing was sent. */
        REFUSED
    }

    public ProbeResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(host, "host");
        chain = List.copyOf(chain);
        if (status == Status.CAPTURED && (chain.isEmpty() || cause != null)) {
            throw new IllegalArgumentException("a CAPTURED result has a chain and no cause, got " + chain.size()
                    + " certificate(s) and cause " + cause);
        }
        if (status != Status.CAPTURED && (!chain.isEmpty() || cause == null)) {
            throw new IllegalArgumentException("a " + status + " result has a cause and no chain");
        }
    }

    static ProbeResult captured(String host, int port, String address, List<X509Certificate> chain, String protocol,
            String cipherSuite, long elapsedMillis) {
        return new ProbeResult(Status.CAPTURED, host, port, address, chain, protocol, cipherSuite, null, elapsedMillis);
    }

    static ProbeResult failed(Status status, String host, int port, String address, String cause, long elapsedMillis) {
        return new ProbeResult(status, host, port, address, List.of(), null, null, cause, elapsedMillis);
    }
}
