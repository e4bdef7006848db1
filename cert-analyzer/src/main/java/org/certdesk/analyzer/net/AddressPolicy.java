package org.certdesk.analyzer.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides which addresses the analyzer may connect to, after DNS resolution. By default it refuses
 * loopback, private, link-local, multicast and similar addresses, so that a host name given by a user
 * cannot make the analyzer probe the internal network it runs in; {@link #allowingPrivate()} lifts
 * that for tests and internal servers ({@code --allow-private}).
 *
 * <p>Callers connect to an address returned by {@link #resolve} rather than resolving the name again,
 * so a DNS answer that changes between check and connect (DNS rebinding) cannot bypass the policy.
 * Instances are immutable and thread-safe.
 */
public final class AddressPolicy {
    private static final System.Logger LOG = System.getLogger(AddressPolicy.class.getName());
    private static final Resolver SYSTEM_RESOLVER = InetAddress::getAllByName;
    private static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, SYSTEM_RESOLVER);
    private static final AddressPolicy ALLOWING_PRIVATE = new AddressPolicy(true, SYSTEM_RESOLVER);

    private final boolean allowPrivate;
    private final Resolver resolver;

    /** The system resolver behind a one-method seam, so tests can stage answers. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    AddressPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The default: refuses loopback, private, link-local, multicast and the other non-public ranges. */
    public static AddressPolicy publicOnly() {
        return PUBLIC_ONLY;
    }

    /** Allows every address, for tests and internal servers. */
    public static AddressPolicy allowingPrivate() {
        return ALLOWING_PRIVATE;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Whether a connection to {@code address} is allowed. */
    public boolean isAllowed(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return allowPrivate || refusalReason(address) == null;
    }

    /**
     * Resolves {@code host} (a name, an IPv4 literal, or an IPv6 literal with or without brackets) and
     * returns the allowed addresses in resolver order.
     *
     * @return a non-empty, unmodifiable list
     * @throws UnknownHostException if the name does not resolve
     * @throws RefusedAddressException if every address is refused; it names the first one
     * @throws IllegalArgumentException if {@code host} is null or blank
     */
    public List<InetAddress> resolve(String host) throws IOException {
        if (host == null || host.isBlank()) {
            // InetAddress would answer loopback for an empty name: reject it before it gets there.
            throw new IllegalArgumentException("host must be a name or IP address, got '" + host + "'");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(name);
        } catch (UnknownHostException e) {
            UnknownHostException unknown = new UnknownHostException("cannot resolve host " + host + " (DNS lookup failed)");
            unknown.initCause(e);
            throw unknown;
        }
        List<InetAddress> allowed = new ArrayList<>(resolved.length);
        RefusedAddressException firstRefusal = null;
        for (InetAddress address : resolved) {
            String reason = allowPrivate ? null : refusalReason(address);
            if (reason == null) {
                allowed.add(address);
            } else if (firstRefusal == null) {
                firstRefusal = new RefusedAddressException(host, address, reason);
            }
        }
        if (allowed.isEmpty()) {
            if (firstRefusal == null) {
                throw new UnknownHostException("cannot resolve host " + host + " (no address)");
            }
            LOG.log(Level.DEBUG, "{0}", firstRefusal.getMessage());
            throw firstRefusal;
        }
        return List.copyOf(allowed);
    }

    /** Null if the address is public, else why it is refused, worded for the refusal message. */
    static String refusalReason(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Reason(b, 0);
        }
        if (address instanceof Inet6Address) {
            return ipv6Reason(b);
        }
        return "unknown address type";
    }

    private static String ipv4Reason(byte[] b, int offset) {
        int a0 = b[offset] & 0xff;
        int a1 = b[offset + 1] & 0xff;
        if (a0 == 0) {
            return "unspecified (0.0.0.0/8) address";
        }
        if (a0 == 127) {
            return "loopback address";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private (RFC 1918) address";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local address";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "carrier-grade NAT (100.64.0.0/10) address";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast address";
        }
        if (a0 >= 240) {
            // Not in the brief's list, but never a public server: reserved space and the broadcast address.
            return "reserved (240.0.0.0/4) address";
        }
        return null;
    }

    private static String ipv6Reason(byte[] b) {
        if (isZero(b, 0, 10)) {
            boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = b[10] == 0 && b[11] == 0;
            if (compatible && isZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                // ::1 and :: are IPv6 addresses in their own right, not IPv4-compatible forms.
                return b[15] == 1 ? "loopback address" : "unspecified (::) address";
            }
            if (mapped || compatible) {
                // The JDK turns most ::ffff:a.b.c.d into Inet4Address, but Inet6Address.getByAddress keeps the
                // 16-byte form, and the kernel would still connect it to the embedded IPv4 address.
                String reason = ipv4Reason(b, 12);
                return reason == null ? null : reason + " (IPv4 embedded in IPv6)";
            }
            return null;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return "multicast address";
        }
        if ((first & 0xfe) == 0xfc) {
            return "unique-local (fc00::/7) address";
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return "link-local address";
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return "site-local (fec0::/10) address";
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code host} is written as an IP address rather than a name: it has a colon (IPv6), or only
     * digits and dots (IPv4, including the short forms the JDK accepts). Such hosts get no SNI and are not
     * shown twice in messages.
     */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || (!host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')));
    }
}
