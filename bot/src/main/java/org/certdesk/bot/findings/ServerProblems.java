package org.certdesk.bot.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.certdesk.analyzer.CertificateInfo;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Severity;

/**
 * The problems of one diagnosis that break, or will break, employees' sign-in and that the server's
 * owner can fix once for everyone: an omitted intermediate, a root some Android releases lack, a
 * private or inspection root, a certificate out of its dates or expiring soon, a name mismatch, a
 * weak signature, a chain Android rejects. Not the host being unreachable (the check could not look),
 * nor warnings Android tolerates.
 */
final class ServerProblems {
    /** The bot's own code for a certificate the server sends that expires within the warning period. */
    static final String EXPIRES_SOON = "EXPIRES_SOON";
    static final Set<ProblemCode> SERVER_CODES = EnumSet.of(ProblemCode.EXPIRED, ProblemCode.NOT_YET_VALID,
            ProblemCode.HOSTNAME_MISMATCH, ProblemCode.WEAK_SIGNATURE, ProblemCode.INVALID_CHAIN,
            ProblemCode.UNTRUSTED_ROOT, ProblemCode.ROOT_MISSING_ON_THIS_ANDROID, ProblemCode.INCOMPLETE_CHAIN);

    private ServerProblems() {}

    /** Whether the check saw a chain at all: only then can it tell that a problem is gone. */
    static boolean looked(HostReport report) {
        return !report.verdict().stopsAnalysis();
    }

    /** The report's problems, each once, in the report's order. */
    static List<FoundProblem> of(HostReport report, Instant now, Duration expiryWarning) {
        if (!looked(report)) {
            return List.of();
        }
        Map<String, FoundProblem> found = new LinkedHashMap<>();
        for (Problem problem : report.problems()) {
            if (problem.severity() != Severity.ERROR || !SERVER_CODES.contains(problem.code())) {
                continue;
            }
            FoundProblem one = new FoundProblem(report.host(), report.port(), problem.code().name(),
                    problem.certificate(), sha256(report, problem.certificate()), problem.detail());
            found.putIfAbsent(one.key(), one);
        }
        for (CertificateInfo certificate : report.presented()) {
            Instant notAfter = certificate.notAfter();
            if (notAfter != null && notAfter.isAfter(now) && notAfter.isBefore(now.plus(expiryWarning))) {
                FoundProblem one = new FoundProblem(report.host(), report.port(), EXPIRES_SOON, certificate.name(),
                        certificate.sha256(), "expires on " + notAfter);
                found.putIfAbsent(one.key(), one);
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The fingerprint of the certificate a problem names, from the path, the missing ones or what was sent. */
    private static String sha256(HostReport report, String name) {
        if (name == null) {
            return null;
        }
        Stream<String> fromPath = report.path().stream().filter(c -> name.equals(c.name())).map(CertificateInfo::sha256);
        Stream<String> fromMissing = report.missing().stream().filter(m -> name.equals(m.name()))
                .map(MissingCertificate::sha256);
        Stream<String> fromPresented = report.presented().stream().filter(c -> name.equals(c.name()))
                .map(CertificateInfo::sha256);
        return Stream.of(fromPath, fromMissing, fromPresented).flatMap(s -> s)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
