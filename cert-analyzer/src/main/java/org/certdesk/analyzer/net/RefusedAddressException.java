package org.certdesk.analyzer.net;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Thrown when an {@link AddressPolicy} refuses every address a host resolves to. The message is
 * written for a helpdesk person and names the host, the address, the reason and how to lift the refusal.
 */
public final class RefusedAddressException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final transient InetAddress address;
    private final String reason;

    /**
     * @param host the host as the caller gave it (name or IP literal)
     * @param address the refused address it resolved to
     * @param reason why, e.g. "loopback address"
     */
    public RefusedAddressException(String host, InetAddress address, String reason) {
        super(message(Objects.requireNonNull(host, "host"), Objects.requireNonNull(address, "address"),
                Objects.requireNonNull(reason, "reason")));
        this.host = host;
        this.address = address;
        this.reason = reason;
    }

    /** The host as the caller gave it. */
    public String host() {
        return host;
    }

    /** The refused address; null only after deserialization. */
    public InetAddress address() {
        return address;
    }

    /** Why the address is refused, e.g. "loopback address". */
    public String reason() {
        return reason;
    }

    private static String message(String host, InetAddress address, String reason) {
        // An IP literal is shown once, as the caller wrote it; a name is followed by what it resolved to.
        String target = AddressPolicy.isIpLiteral(host) ? host : host + " (" + address.getHostAddress() + ")";
        return "refused to connect to " + target + ": " + reason
                + "; use --allow-private for internal servers";
    }
}
