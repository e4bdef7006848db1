package org.certdesk.analyzer;

import java.util.Locale;

/** A TLS endpoint to check: a host name (or IP literal) and a port. */
public record Target(String host, int port) {
    public static final int HTTPS_PORT = 443;

    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        host = host.trim().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }

    /**
     * Parses "host", "host:port", "[v6]" or "[v6]:port"; the port defaults to 443.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static Target parse(String text) {
        String value = text == null ? "" : text.trim();
        try {
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                String host = value.substring(1, close);
                String rest = value.substring(close + 1);
                return new Target(host, rest.isEmpty() ? HTTPS_PORT : Integer.parseInt(rest.substring(1)));
            }
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.indexOf(':') == colon) {
                return new Target(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
            }
            if (value.contains("/") || value.contains(" ")) {
                throw new IllegalArgumentException();
            }
            return new Target(value, HTTPS_PORT);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a HOST[:PORT]: '" + text + "'");
        }
    }

    @Override
    public String toString() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return port == HTTPS_PORT ? shown : shown + ":" + port;
    }
}
