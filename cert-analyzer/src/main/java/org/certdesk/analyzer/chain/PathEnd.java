package org.certdesk.analyzer.chain;

/** How the best path from the leaf upward ends, best first. */
public enum PathEnd {
    /** At an anchor of the store asked. */
    TRUSTED,
    /** At an anchor that other Android releases have and this one lacks. */
    ANCHOR_ON_OTHER_RELEASES,
    /** At a self-signed root that no store holds: a private or TLS-inspection root. */
    UNTRUSTED_ROOT,
    /** At a certificate whose issuer could be neither found nor fetched. */
    MISSING_ISSUER
}
