package org.certdesk.analyzer;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What one caIssuers URL gave: certificates in the order the body held them, or a failure worded for
 * a helpdesk report.
 *
 * @param url the URL asked for (before any redirect)
 * @param certificates non-empty when {@link #ok()}, empty otherwise
 * @param failure null on success, else why nothing was obtained, e.g. "HTTP 404 from http://..."
 * @param fromCache whether this answer came from the cache, with no network I/O
 */
public record FetchResult(String url, List<X509Certificate> certificates, String failure, boolean fromCache) {

    public FetchResult {
        Objects.requireNonNull(url, "url");
        certificates = List.copyOf(certificates);
        if (failure == null && certificates.isEmpty()) {
            throw new IllegalArgumentException("a successful fetch of " + url + " needs at least one certificate");
        }
        if (failure != null && !certificates.isEmpty()) {
            throw new IllegalArgumentException("a failed fetch of " + url + " carries no certificate");
        }
    }

    /** A fresh success: {@code certificates} must not be empty. */
    public static FetchResult success(String url, List<X509Certificate> certificates) {
        return new FetchResult(url, certificates, null, false);
    }

    /** A fresh failure with its reason. */
    public static FetchResult failed(String url, String failure) {
        return new FetchResult(url, List.of(), Objects.requireNonNull(failure, "failure"), false);
    }

    public boolean ok() {
        return failure == null;
    }
}
