package org.certdesk.analyzer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.certdesk.analyzer.AndroidTrustStores;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.testing.TestPki.Held;
import org.certdesk.analyzer.testing.TestPki;
import org.junit.jupiter.api.Test;

class DiagnoserTests {
    private final Held root = TestPki.certificate("Root").ca(3).build();
    private final AndroidTrustStores stores = AndroidTrustStores.of(Map.of(29, List.of(root.certificate()),
            30, List.of(root.certificate())));
    private final Diagnoser diagnoser = new Diagnoser(stores, List.of(), null, Clock.systemUTC());

    @Test
    void intermediateThatIsNoCaBreaksTheChain() {
        Held notCa = TestPki.certificate("Web Server Certificate").signedBy(root).build();
        Held leaf = TestPki.certificate("sts.contoso.com").dnsNames("sts.contoso.com").signedBy(notCa).build();

        HostReport report = diagnoser.diagnose("sts.contoso.com", 443, List.of(leaf.certificate(), notCa.certificate()),
                30, null, null, null);

        assertThat(report.verdict()).isEqualTo(ProblemCode.INVALID_CHAIN);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.detail()).containsIgnoringCase("CA");
            assertThat(problem.summary().fr()).contains("sts.contoso.com");
        });
    }

    @Test
    void pathLengthAndLeafPurposeAreEnforced() {
        Held noSubCas = TestPki.certificate("Policy CA").ca(0).signedBy(root).build();
        Held issuing = TestPki.certificate("Issuing CA").ca(0).signedBy(noSubCas).build();
        Held clientOnly = TestPki.certificate("sts.contoso.com").dnsNames("sts.contoso.com")
                .purposes(KeyPurposeId.id_kp_clientAuth).signedBy(issuing).build();

        HostReport report = diagnoser.diagnose("sts.contoso.com", 443,
                List.of(clientOnly.certificate(), issuing.certificate(), noSubCas.certificate()), 30, null, null, null);

        assertThat(report.verdict()).isEqualTo(ProblemCode.INVALID_CHAIN);
        assertThat(report.problems()).extracting(problem -> problem.detail()).containsExactlyInAnyOrder(
                "«Policy CA» allows 0 intermediate(s) below it (pathLenConstraint) but has 1",
                "«sts.contoso.com» is not for TLS servers: its extended key usage lacks serverAuth");
    }

    @Test
    void selfSignedLeafIsAnUntrustedRoot() {
        Held selfSigned = TestPki.certificate("sts.contoso.com").dnsNames("sts.contoso.com").build();

        HostReport report = diagnoser.diagnose("sts.contoso.com", 443, List.of(selfSigned.certificate()), 30, null, null, null);

        assertThat(report.verdict()).isEqualTo(ProblemCode.UNTRUSTED_ROOT);
        assertThat(report.missing()).singleElement().satisfies(missing -> assertThat(missing.role()).isEqualTo("root"));
    }

    @Test
    void unanalysedHostKeepsItsCause() {
        HostReport report = diagnoser.notAnalysed("sts.contoso.com", 443, 30, ProblemCode.UNREACHABLE,
                "connection refused by 203.0.113.7:443");

        assertThat(report.verdict()).isEqualTo(ProblemCode.UNREACHABLE);
        assertThat(report.cause()).isEqualTo("connection refused by 203.0.113.7:443");
        assertThat(report.problems().get(0).advice().admin().fr()).contains("connection refused by 203.0.113.7:443");
        assertThat(report.desktopTrusted()).isNull();
    }
}
