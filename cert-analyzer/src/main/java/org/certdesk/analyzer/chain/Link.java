package org.certdesk.analyzer.chain;

import java.security.cert.X509Certificate;

/**
 * One certificate on a candidate path, with where the path builder found it.
 *
 * @param url the caIssuers URL it was fetched from, for {@link Origin#FETCHED}; otherwise null
 * @param anchor whether the path ends here at a trust anchor (of the store asked, or, for
 *     {@link Origin#OTHER_RELEASE}, of some other Android release)
 */
public record Link(X509Certificate certificate, Origin origin, String url, boolean anchor) {
    public enum Origin {
        /** Sent by the server. */
        PRESENTED,
        /** Not sent: fetched through the AIA caIssuers URL of the certificate below it. */
        FETCHED,
        /** An anchor of the store asked (Android's for the API level, or a configured company root). */
        STORE,
        /** An anchor of other Android releases only: the root this phone lacks. */
        OTHER_RELEASE
    }

    /** Whether the phone lacks this certificate: the server did not send it and the store does not hold it. */
    public boolean missingOnDevice() {
        return origin == Origin.FETCHED || origin == Origin.OTHER_RELEASE
                || (anchor && origin == Origin.PRESENTED);
    }
}
