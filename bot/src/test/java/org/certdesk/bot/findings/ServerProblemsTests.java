package org.certdesk.bot.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.certdesk.analyzer.CertificateInfo;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Severity;
import org.junit.jupiter.api.Test;

/** Which problems of a diagnosis are server findings, and which certificate each one is about. */
class ServerProblemsTests {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WARNING = Duration.ofDays(30);

    @Test
    void anOmittedIntermediateIsAFindingAboutThatCertificate() {
        CertificateInfo leaf = certificate("sts.contoso.com", "11", NOW.plus(Duration.ofDays(200)));
        CertificateInfo intermediate = certificate("Contoso Issuing CA 1", "22", NOW.plus(Duration.ofDays(900)));
        HostReport report = report(ProblemCode.INCOMPLETE_CHAIN, List.of(leaf), List.of(leaf, intermediate),
                new Problem(ProblemCode.INCOMPLETE_CHAIN, Severity.ERROR, "Contoso Issuing CA 1", "served without it",
                        null, null),
                new Problem(ProblemCode.WRONG_ORDER, Severity.WARNING, null, "out of order", null, null));

        assertThat(ServerProblems.of(report, NOW, WARNING)).containsExactly(new FoundProblem("sts.contoso.com", 443,
                "INCOMPLETE_CHAIN", "Contoso Issuing CA 1", "22".repeat(32), "served without it"));
    }

    @Test
    void aCertificateExpiringWithinTheWarningIsAFindingButNotOneAlreadyExpiredOrLater() {
        CertificateInfo soon = certificate("sts.contoso.com", "11", NOW.plus(Duration.ofDays(10)));
        CertificateInfo later = certificate("Contoso Issuing CA 1", "22", NOW.plus(Duration.ofDays(40)));
        CertificateInfo expired = certificate("Old CA", "33", NOW.minus(Duration.ofDays(1)));
        HostReport report = report(ProblemCode.OK, List.of(soon, later, expired), List.of(soon, later));

        assertThat(ServerProblems.of(report, NOW, WARNING)).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ServerProblems.EXPIRES_SOON);
            assertThat(problem.certificateSha256()).isEqualTo("11".repeat(32));
            assertThat(problem.detail()).isEqualTo("expires on 2026-12-11T10:00:00Z");
        });
    }

    @Test
    void aWeakSignatureAndroidOnlyWarnsAboutIsNoFinding() {
        HostReport report = report(ProblemCode.OK, List.of(), List.of(),
                new Problem(ProblemCode.WEAK_SIGNATURE, Severity.WARNING, "Contoso Issuing CA 1", "SHA-1", null, null));
        assertThat(ServerProblems.of(report, NOW, WARNING)).isEmpty();
    }

    @Test
    void anUnreachableHostWasNotLookedAt() {
        HostReport report = report(ProblemCode.UNREACHABLE, List.of(), List.of(),
                new Problem(ProblemCode.UNREACHABLE, Severity.ERROR, null, "connection refused", null, null));
        assertThat(ServerProblems.looked(report)).isFalse();
        assertThat(ServerProblems.of(report, NOW, WARNING)).isEmpty();
    }

    @Test
    void theKeyNamesHostProblemAndCertificate() {
        FoundProblem byFingerprint = new FoundProblem("STS.contoso.com", 443, "EXPIRED", "A", "ab", null);
        FoundProblem byName = new FoundProblem("sts.contoso.com", 443, "INCOMPLETE_CHAIN", "Contoso CA", null, null);
        assertThat(byFingerprint.key()).isEqualTo("sts.contoso.com:443|EXPIRED|ab");
        assertThat(byName.key()).isEqualTo("sts.contoso.com:443|INCOMPLETE_CHAIN|name:Contoso CA");
    }

    private static CertificateInfo certificate(String name, String hex, Instant notAfter) {
        return new CertificateInfo(name, "CN=" + name, "CN=issuer", hex.repeat(32), hex.repeat(20),
                NOW.minus(Duration.ofDays(365)), notAfter, "SHA256withRSA", false, List.of());
    }

    private static HostReport report(ProblemCode verdict, List<CertificateInfo> presented, List<CertificateInfo> path,
            Problem... problems) {
        return new HostReport("sts.contoso.com", 443, 30, verdict, List.of(problems), presented, path, List.of(),
                null, List.of(), null, null, null, null, List.of(), NOW);
    }
}
