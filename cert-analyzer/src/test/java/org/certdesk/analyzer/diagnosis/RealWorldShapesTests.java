package org.certdesk.analyzer.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.certdesk.analyzer.AndroidTrustStores;
import org.certdesk.analyzer.ApiLevelVerdict;
import org.certdesk.analyzer.FetchResult;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.IssuerFetcher;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Severity;
import org.certdesk.analyzer.testing.TestPki.Held;
import org.certdesk.analyzer.testing.TestPki;
import org.junit.jupiter.api.Test;

/**
 * The shapes of real chains (shared/data/realworld-chains), rebuilt with the test PKI: Let's Encrypt's
 * and Starfield's cross-signs, the expired DST cross-sign, GlobalSign's re-issued roots, a Microsoft
 * intermediate whose root cannot be fetched, Virginia Tech's name-constrained CA, Superfish's comma.
 * API 24 stands for an old phone that has only the old root, API 30 for a newer one with both.
 */
class RealWorldShapesTests {
    private static final String HOST = "sts.contoso.com";
    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(900));
    private static final Instant LAST_MONTH = Instant.now().minus(Duration.ofDays(30));

    private final Held oldRoot = TestPki.certificate("Old Root").ca(3).build();
    private final Held newRoot = TestPki.certificate("New Root").ca(2).build();
    private final Held issuing = TestPki.certificate("Issuing CA").ca(0).signedBy(newRoot).build();
    private final Held leaf = TestPki.certificate(HOST).dnsNames(HOST).signedBy(issuing).build();
    private final Diagnoser diagnoser = new Diagnoser(AndroidTrustStores.of(Map.of(
            24, List.of(oldRoot.certificate()),
            30, List.of(oldRoot.certificate(), newRoot.certificate()))), List.of(), null, Clock.systemUTC());

    @Test
    void crossSignedRootGivesOldPhonesTheirOwnPath() {
        // Like ISRG Root X1 signed by DST Root CA X3, or Amazon Root CA 1 signed by Starfield.
        Held crossSigned = TestPki.certificate("New Root").keyPair(newRoot.keyPair()).ca(2).signedBy(oldRoot).build();

        HostReport withCrossSign = diagnose(30, leaf, issuing, crossSigned);
        HostReport oldPhone = diagnose(24, leaf, issuing, crossSigned);
        HostReport oldPhoneWithoutIt = diagnose(24, leaf, issuing);

        assertThat(withCrossSign.verdict()).isEqualTo(ProblemCode.OK);
        assertThat(withCrossSign.path()).extracting(info -> info.name()).containsExactly(HOST, "Issuing CA", "New Root");
        assertThat(withCrossSign.problems()).isEmpty();
        assertThat(oldPhone.verdict()).isEqualTo(ProblemCode.OK);
        assertThat(oldPhone.path()).extracting(info -> info.name()).containsExactly(HOST, "Issuing CA", "New Root", "Old Root");
        assertThat(oldPhone.androidLevels()).extracting(ApiLevelVerdict::verdict).containsOnly(ProblemCode.OK);
        assertThat(oldPhoneWithoutIt.verdict()).isEqualTo(ProblemCode.ROOT_MISSING_ON_THIS_ANDROID);
        assertThat(oldPhoneWithoutIt.missing()).singleElement().satisfies(missing -> {
            assertThat(missing.name()).isEqualTo("New Root");
            assertThat(missing.source()).isEqualTo("android-store");
        });
    }

    @Test
    void expiredCrossSignBreaksOnlyThePhonesThatNeedIt() {
        // Like the DST Root CA X3 cross-sign of ISRG Root X1 after September 2024.
        Held expiredCrossSign = TestPki.certificate("New Root").keyPair(newRoot.keyPair()).ca(2).signedBy(oldRoot)
                .validity(LONG_AGO, LAST_MONTH).build();

        HostReport newPhone = diagnose(30, leaf, issuing, expiredCrossSign);
        HostReport oldPhone = diagnose(24, leaf, issuing, expiredCrossSign);

        assertThat(newPhone.verdict()).isEqualTo(ProblemCode.OK);
        assertThat(newPhone.problems()).isEmpty();
        assertThat(oldPhone.verdict()).isEqualTo(ProblemCode.EXPIRED);
        assertThat(oldPhone.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.EXPIRED);
            assertThat(problem.certificate()).isEqualTo("New Root");
        });
        assertThat(oldPhone.androidLevels()).extracting(ApiLevelVerdict::apiLevel, ApiLevelVerdict::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(24, ProblemCode.EXPIRED),
                        org.assertj.core.groups.Tuple.tuple(30, ProblemCode.OK));
    }

    @Test
    void reissuedRootWithTheSameKeyStillAnchorsAndSendingItIsANote() {
        // The store holds a re-issued New Root (same name and key, new dates); the server sends the
        // expired first issue. Android anchors on its own copy: nothing expired, nothing missing.
        Held firstIssue = TestPki.certificate("New Root").keyPair(newRoot.keyPair()).ca(2)
                .validity(LONG_AGO, LAST_MONTH).build();

        HostReport report = diagnose(30, leaf, issuing, firstIssue);

        assertThat(report.verdict()).isEqualTo(ProblemCode.OK);
        assertThat(report.missing()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.EXTRA_CERTIFICATES);
            assertThat(problem.severity()).isEqualTo(Severity.INFO);
            assertThat(problem.certificate()).isEqualTo("New Root");
            assertThat(problem.summary().fr()).contains("« New Root »");
            assertThat(problem.summary().en()).contains("«New Root»");
        });
    }

    @Test
    void intermediateWhoseIssuerCannotBeFetchedIsKeptAndItsIssuerNamed() {
        // Like microsoft.com without its DigiCert cross-sign, or a company CA: the server sends its
        // (expired) issuing CA, whose root is in no store and whose caIssuers URL does not answer.
        Held companyRoot = TestPki.certificate("Contoso Root CA").organization("Contoso, Ltd.").ca(1).build();
        Held companyIssuing = TestPki.certificate("Contoso Issuing CA").organization("Contoso, Ltd.").ca(0)
                .signedBy(companyRoot).caIssuers("http://pki.contoso.test/root.crt").validity(LONG_AGO, LAST_MONTH).build();
        Held companyLeaf = TestPki.certificate(HOST).dnsNames(HOST).signedBy(companyIssuing)
                .caIssuers("http://pki.contoso.test/issuing.crt").build();
        IssuerFetcher unreachable = url -> FetchResult.failed(url, "cannot resolve host pki.contoso.test");

        HostReport report = diagnoser.diagnose(HOST, 443, List.of(companyLeaf.certificate(), companyIssuing.certificate()),
                30, unreachable, null, null);

        assertThat(report.path()).extracting(info -> info.name()).containsExactly(HOST, "Contoso Issuing CA");
        assertThat(report.missing()).singleElement().satisfies(missing -> {
            assertThat(missing.name()).isEqualTo("Contoso Root CA");
            assertThat(missing.subject()).isEqualTo(companyRoot.certificate().getSubjectX500Principal().getName());
            assertThat(missing.obtained()).isFalse();
            assertThat(missing.source()).isEqualTo("none");
            assertThat(missing.certificate()).isNull();
        });
        assertThat(report.problems()).extracting(Problem::code)
                .containsExactlyInAnyOrder(ProblemCode.INCOMPLETE_CHAIN, ProblemCode.EXPIRED);
        assertThat(report.problems()).filteredOn(problem -> problem.code() == ProblemCode.EXPIRED)
                .singleElement().extracting(Problem::certificate).isEqualTo("Contoso Issuing CA");
        assertThat(report.problems()).filteredOn(problem -> problem.code() == ProblemCode.INCOMPLETE_CHAIN)
                .singleElement().satisfies(problem -> {
                    assertThat(problem.certificate()).isEqualTo("Contoso Root CA");
                    assertThat(problem.detail()).contains("http://pki.contoso.test/root.crt: cannot resolve host")
                            .doesNotContain("issuing.crt");
                });
        assertThat(report.verdict()).isEqualTo(ProblemCode.EXPIRED);
    }

    @Test
    void intermediateWithoutAiaIsKeptAndItsIssuerNamed() {
        Held companyRoot = TestPki.certificate("Contoso Root CA").ca(1).build();
        Held companyIssuing = TestPki.certificate("Contoso Issuing CA").ca(0).signedBy(companyRoot).build();
        Held companyLeaf = TestPki.certificate(HOST).dnsNames(HOST).signedBy(companyIssuing).build();

        HostReport report = diagnose(30, companyLeaf, companyIssuing);

        assertThat(report.verdict()).isEqualTo(ProblemCode.INCOMPLETE_CHAIN);
        assertThat(report.path()).extracting(info -> info.name()).containsExactly(HOST, "Contoso Issuing CA");
        assertThat(report.missing()).extracting(MissingCertificate::name).containsExactly("Contoso Root CA");
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.certificate()).isEqualTo("Contoso Root CA");
            assertThat(problem.detail()).contains("«Contoso Issuing CA» has no caIssuers URL");
            assertThat(problem.summary().en()).contains("«Contoso Root CA»");
        });
    }

    @Test
    void leafOutsideTheNameConstraintsOfItsCaIsRefused() {
        // Like Virginia Tech's CA under GlobalSign, constrained to vt.edu.
        Held constrained = TestPki.certificate("Contoso Server CA").ca(0).signedBy(newRoot)
                .permittedDns("contoso.com").excludedDns("lab.contoso.com").build();
        Held inside = TestPki.certificate(HOST).dnsNames(HOST).signedBy(constrained).build();
        Held outside = TestPki.certificate("sts.fabrikam.com").dnsNames("sts.fabrikam.com").signedBy(constrained).build();
        Held excluded = TestPki.certificate("test.lab.contoso.com").dnsNames("test.lab.contoso.com").signedBy(constrained).build();

        HostReport ok = diagnose(30, inside, constrained);
        HostReport refused = diagnoser.diagnose("sts.fabrikam.com", 443, List.of(outside.certificate(), constrained.certificate()),
                30, null, null, null);
        HostReport excludedReport = diagnoser.diagnose("test.lab.contoso.com", 443,
                List.of(excluded.certificate(), constrained.certificate()), 30, null, null, null);

        assertThat(ok.verdict()).isEqualTo(ProblemCode.OK);
        assertThat(refused.verdict()).isEqualTo(ProblemCode.INVALID_CHAIN);
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.certificate()).isEqualTo("Contoso Server CA");
            assertThat(problem.detail()).isEqualTo("«sts.fabrikam.com» has the name DNS:sts.fabrikam.com, outside the "
                    + "permitted names (DNS:contoso.com) in the name constraints of «Contoso Server CA»");
            assertThat(problem.summary().en()).contains("«Contoso Server CA»");
            assertThat(problem.advice().admin().fr()).contains("DNS:contoso.com");
        });
        assertThat(refused.androidLevels()).extracting(ApiLevelVerdict::verdict).containsOnly(ProblemCode.INVALID_CHAIN);
        assertThat(excludedReport.verdict()).isEqualTo(ProblemCode.INVALID_CHAIN);
        assertThat(excludedReport.problems()).singleElement().extracting(Problem::detail).asString()
                .contains("within the excluded names (DNS:lab.contoso.com)");
    }

    @Test
    void namesAreShownAsPeopleReadThemAndDnsKeepTheirEscaping() {
        // Like the Superfish interception root: "Superfish, Inc." has no CN.
        Held inspection = TestPki.organizationOnly("Superfish, Inc.").ca(1).build();
        Held intercepted = TestPki.certificate(HOST).organization("Contoso, Inc.").dnsNames(HOST).signedBy(inspection).build();

        HostReport report = diagnose(30, intercepted, inspection);

        assertThat(report.verdict()).isEqualTo(ProblemCode.UNTRUSTED_ROOT);
        assertThat(report.path()).extracting(info -> info.name()).containsExactly(HOST, "Superfish, Inc.");
        assertThat(report.missing()).singleElement().satisfies(missing -> {
            assertThat(missing.name()).isEqualTo("Superfish, Inc.");
            assertThat(missing.subject()).isEqualTo("O=Superfish\\, Inc.");
        });
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.certificate()).isEqualTo("Superfish, Inc.");
            assertThat(problem.summary().en()).contains("«Superfish, Inc.»").doesNotContain("\\");
            assertThat(problem.summary().fr()).contains("« Superfish, Inc. »").doesNotContain("\\");
            assertThat(problem.detail()).contains("O=Superfish\\, Inc.");
        });
        assertThat(report.presented().get(0).subject()).contains("O=Contoso\\, Inc.");
    }

    private HostReport diagnose(int apiLevel, Held... served) {
        return diagnoser.diagnose(HOST, 443, java.util.Arrays.stream(served).map(Held::certificate).toList(), apiLevel,
                null, null, null);
    }
}
