package org.certdesk.analyzer.x509;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a leaf certificate names a host, as Android's hostname verifier does: DNS names from the
 * subject alternative names only (a CN-only certificate fails), a wildcard covering exactly one
 * left-most label, IP literals against IP address entries.
 */
public final class HostnameMatcher {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private HostnameMatcher() {}

    public static boolean matches(X509Certificate leaf, String host) {
        String wanted = normalize(host);
        boolean ipLiteral = isIpLiteral(wanted);
        for (List<?> entry : alternativeNames(leaf)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (ipLiteral && type == IP_ADDRESS && sameAddress(wanted, value)) {
                return true;
            }
            if (!ipLiteral && type == DNS_NAME && dnsMatches(normalize(value), wanted)) {
                return true;
            }
        }
        return false;
    }

    /** The DNS names and IP addresses the leaf is valid for, for reports. */
    public static List<String> names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : alternativeNames(leaf)) {
            int type = (Integer) entry.get(0);
            if (type == DNS_NAME || type == IP_ADDRESS) {
                names.add(String.valueOf(entry.get(1)));
            }
        }
        return names;
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        String suffix = pattern.substring(1); // ".example.com"
        int firstDot = host.indexOf('.');
        // One label only, and never a wildcard over a bare public suffix like "*.com".
        return firstDot > 0 && host.substring(firstDot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false; // both are literals, so no lookup happens; a malformed one simply does not match
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static String normalize(String name) {
        String value = name.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return IDN.toASCII(value, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static Collection<List<?>> alternativeNames(X509Certificate leaf) {
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of(); // unreadable SAN: it names no host
        }
    }
}
