package org.certdesk.bot.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.certdesk.analyzer.Advice;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.LocalizedText;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Report;
import org.certdesk.analyzer.Severity;
import org.certdesk.bot.testing.LoopbackPki;
import org.junit.jupiter.api.Test;

/** From the analyzer's report to the outcome the script branches on. */
class ReportOutcomesTests {
    private static final X509Certificate ONE = LoopbackPki.get().issuing1();
    private static final X509Certificate TWO = LoopbackPki.get().issuing2();

    private static HostReport host(String name, ProblemCode verdict, MissingCertificate... missing) {
        List<Problem> problems = verdict == ProblemCode.OK ? List.of() : List.of(new Problem(verdict, Severity.ERROR,
                null, "detail", new LocalizedText(name + " : problème " + verdict, name + ": problem " + verdict),
                new Advice(new LocalizedText("a", "a"), new LocalizedText("b", "b"))));
        return new HostReport(name, 443, 36, verdict, problems, List.of(), List.of(), List.of(missing), true,
                List.of(), null, null, null, null, List.of(), Instant.EPOCH);
    }

    private static MissingCertificate missing(String name, String sha256, X509Certificate certificate) {
        return new MissingCertificate(name, "CN=" + name, "CN=Root", sha256, null, null, null, null,
                certificate != null, certificate != null ? "aia" : "none", "intermediate", Set.of(36), certificate);
    }

    private static Outcome outcome(HostReport... hosts) {
        return ReportOutcomes.of(Report.of(36, List.of(hosts)), "en", m -> "https://x/" + m.sha256() + ".crt");
    }

    @Test
    void oneObtainedMissingCertificateIsOneMissing() {
        Outcome outcome = outcome(host("a", ProblemCode.OK),
                host("b", ProblemCode.INCOMPLETE_CHAIN, missing("Contoso Issuing CA 1", "aa", ONE)));

        assertThat(outcome.name()).isEqualTo("one_missing");
        assertThat(outcome.variables()).containsEntry("missing_name", "Contoso Issuing CA 1")
                .containsEntry("missing_sha256", "aa")
                .containsEntry("missing_download_url", "https://x/aa.crt")
                .containsEntry("missing_file_name", "Contoso-Issuing-CA-1.crt")
                .containsEntry("verdict", "INCOMPLETE_CHAIN")
                .containsEntry("report_summary", "b: problem INCOMPLETE_CHAIN");
    }

    @Test
    void theSameCertificateMissingOnTwoHostsCountsOnce() {
        assertThat(outcome(host("a", ProblemCode.INCOMPLETE_CHAIN, missing("CA 1", "aa", ONE)),
                host("b", ProblemCode.INCOMPLETE_CHAIN, missing("CA 1", "aa", ONE))).name()).isEqualTo("one_missing");
    }

    @Test
    void twoMissingAreSeveralDescribingTheFirstObtained() {
        Outcome outcome = outcome(host("a", ProblemCode.INCOMPLETE_CHAIN,
                missing("Unknown CA", null, null), missing("CA 2", "bb", TWO)));

        assertThat(outcome.name()).isEqualTo("several_missing");
        assertThat(outcome.variables()).containsEntry("missing_count", "2").containsEntry("missing_name", "CA 2");
    }

    @Test
    void aServerSideVerdictWinsOverMissingCertificates() {
        Outcome outcome = outcome(host("a", ProblemCode.INCOMPLETE_CHAIN, missing("CA 1", "aa", ONE)),
                host("b", ProblemCode.UNTRUSTED_ROOT));

        assertThat(outcome).isEqualTo(new Outcome("server_problem", Map.of("verdict", "UNTRUSTED_ROOT",
                "report_summary", "a: problem INCOMPLETE_CHAIN b: problem UNTRUSTED_ROOT")));
    }

    @Test
    void unreachableHostsAreLeftOutAndNothingLeftIsInconclusive() {
        assertThat(outcome(host("a", ProblemCode.UNREACHABLE), host("b", ProblemCode.NOT_TLS)))
                .isEqualTo(new Outcome("inconclusive", Map.of("reason", "unreachable")));
        assertThat(outcome(host("a", ProblemCode.UNREACHABLE),
                host("b", ProblemCode.INCOMPLETE_CHAIN, missing("CA 1", "aa", ONE))).name()).isEqualTo("one_missing");
    }

    @Test
    void aFineChainOrNothingObtainableIsInconclusive() {
        assertThat(outcome(host("a", ProblemCode.OK))).isEqualTo(new Outcome("inconclusive", Map.of("reason", "chain_ok")));
        assertThat(outcome(host("a", ProblemCode.INCOMPLETE_CHAIN, missing("CA 1", null, null))))
                .isEqualTo(new Outcome("inconclusive", Map.of("reason", "not_obtainable")));
    }

    @Test
    void theSummaryIsInTheConversationsLanguage() {
        Outcome outcome = ReportOutcomes.of(Report.of(36, List.of(host("a", ProblemCode.EXPIRED))), "fr", m -> "");

        assertThat(outcome.variables()).containsEntry("report_summary", "a : problème EXPIRED");
    }
}
