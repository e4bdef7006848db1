package org.certdesk.analyzer;

import java.time.Instant;
import java.util.List;

/**
 * The diagnosis of one host for one Android release.
 *
 * @param apiLevel the Android API level diagnosed
 * @param verdict the most severe error in {@code problems}, or OK
 * @param presented the chain exactly as the server sent it (empty when it could not be reached)
 * @param path the path the analyzer built, leaf first, ending at the anchor or where it broke
 * @param missing every certificate the phone needs and lacks, leaf side first; two or more is the
 *     "second certificate" case the bot hands to a person
 * @param desktopTrusted whether a desktop browser would trust the host (JDK CA store, fetching
 *     intermediates as browsers do); null when no chain was captured
 * @param androidLevels per Android release, its verdict on the chain as served
 * @param trustedFrom the oldest Android release from which every newer one trusts the chain as served,
 *     e.g. "7.1"; null when the newest does not
 * @param cause why the host could not be analysed (for UNREACHABLE, REFUSED_ADDRESS, NOT_TLS); otherwise null
 * @param address the IP address connected to, or null (offline chains, unreachable hosts)
 * @param protocol the negotiated TLS version, or null
 * @param aiaFailures AIA fetches that failed, as "URL: cause"
 */
public record HostReport(String host, int port, int apiLevel, ProblemCode verdict, List<Problem> problems,
        List<CertificateInfo> presented, List<CertificateInfo> path, List<MissingCertificate> missing,
        Boolean desktopTrusted, List<ApiLevelVerdict> androidLevels, String trustedFrom, String cause,
        String address, String protocol, List<String> aiaFailures, Instant checkedAt) {

    public HostReport {
        problems = List.copyOf(problems);
        presented = List.copyOf(presented);
        path = List.copyOf(path);
        missing = List.copyOf(missing);
        androidLevels = List.copyOf(androidLevels);
        aiaFailures = List.copyOf(aiaFailures);
    }

    public Target target() {
        return new Target(host, port);
    }

    /** Whether the phone can sign in to this host as things stand. */
    public boolean ok() {
        return verdict == ProblemCode.OK;
    }
}
