package org.certdesk.analyzer;

/**
 * What the analyzer found, most severe first: a report's verdict is its problem that comes first in
 * this order, or {@link #OK}. Warnings and notes never become the verdict (Android tolerates them).
 *
 * <p>The order puts first what stops the analysis, then what only the server's owner can fix
 * (nothing installed on the phone helps), then what a certificate on the phone works around.
 */
public enum ProblemCode {
    /** The host could not be reached: DNS, refused connection, or no answer in time. */
    UNREACHABLE(Severity.ERROR),
    /** The analyzer refused to connect: the host resolves to a loopback, private or link-local address. */
    REFUSED_ADDRESS(Severity.ERROR),
    /** The port answered, but not with TLS. */
    NOT_TLS(Severity.ERROR),
    /** A certificate below the anchor has expired. */
    EXPIRED(Severity.ERROR),
    /** A certificate below the anchor is not valid yet (or the clock is wrong). */
    NOT_YET_VALID(Severity.ERROR),
    /** The leaf does not name the host in its subject alternative names. */
    HOSTNAME_MISMATCH(Severity.ERROR),
    /** SHA-1 or MD5 signature below the anchor: rejected from Android 10 (MD5 always). */
    WEAK_SIGNATURE(Severity.ERROR),
    /** The path reaches an anchor but breaks a rule Android enforces: a non-CA issuer, path length, key usage, leaf purpose. */
    INVALID_CHAIN(Severity.ERROR),
    /** The path ends at a root no Android release trusts: a private or TLS-inspection root. */
    UNTRUSTED_ROOT(Severity.ERROR),
    /** The path ends at a root that newer (or older) Android releases trust, but not this one. */
    ROOT_MISSING_ON_THIS_ANDROID(Severity.ERROR),
    /** The server omits intermediate certificates; Android does not fetch them. */
    INCOMPLETE_CHAIN(Severity.ERROR),
    /** The server sends its certificates out of order; Android copes, some clients do not. */
    WRONG_ORDER(Severity.WARNING),
    /**
     * The server sends certificates the path does not need: ones not on it (a warning), or the root it
     * ends at (an {@link Severity#INFO} note, SSL Labs' "contains anchor": phones use their own copy).
     */
    EXTRA_CERTIFICATES(Severity.WARNING),
    /** Nothing stops this Android release from trusting the host. */
    OK(Severity.WARNING);

    private final Severity severity;

    ProblemCode(Severity severity) {
        this.severity = severity;
    }

    /** The usual severity; a problem may be milder (e.g. SHA-1 before Android 10 is a warning). */
    public Severity severity() {
        return severity;
    }

    /** Whether the analysis could not look at a certificate chain at all. */
    public boolean stopsAnalysis() {
        return this == UNREACHABLE || this == REFUSED_ADDRESS || this == NOT_TLS;
    }

    /** Whether the more severe of two codes is this one. */
    public boolean moreSevereThan(ProblemCode other) {
        return ordinal() < other.ordinal();
    }
}
