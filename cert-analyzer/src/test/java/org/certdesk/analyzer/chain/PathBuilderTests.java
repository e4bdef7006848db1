package org.certdesk.analyzer.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.certdesk.analyzer.aia.FetchResult;
import org.certdesk.analyzer.testing.TestPki;
import org.certdesk.analyzer.testing.TestPki.Held;
import org.certdesk.analyzer.truststore.TrustStore;
import org.junit.jupiter.api.Test;

class PathBuilderTests {
    private final SignatureCheck signatures = new SignatureCheck(100);
    private final Held oldRoot = TestPki.certificate("Old Root").ca(3).build();
    private final Held newRoot = TestPki.certificate("New Root").ca(2).build();
    /** New Root's key and name, signed by Old Root: how a young CA reaches phones that lack its root. */
    private final Held crossSigned = TestPki.certificate("New Root").keyPair(newRoot.keyPair()).ca(2).signedBy(oldRoot).build();
    private final Held issuing = TestPki.certificate("Issuing CA").ca(0).signedBy(newRoot).build();
    private final Held leaf = TestPki.certificate("sts.contoso.com").dnsNames("sts.contoso.com").signedBy(issuing).build();

    @Test
    void oldPhonesReachTheOldRootThroughTheCrossSignedCertificate() {
        List<X509Certificate> served = List.of(leaf.certificate(), issuing.certificate(), crossSigned.certificate());
        PathBuilder builder = new PathBuilder(served, null, signatures);

        FoundPath oldPhone = builder.build(store(oldRoot), null);
        FoundPath newPhone = builder.build(store(oldRoot, newRoot), null);

        assertThat(oldPhone.end()).isEqualTo(PathEnd.TRUSTED);
        assertThat(oldPhone.links()).extracting(link -> link.certificate())
                .containsExactly(leaf.certificate(), issuing.certificate(), crossSigned.certificate(), oldRoot.certificate());
        assertThat(newPhone.end()).isEqualTo(PathEnd.TRUSTED);
        assertThat(newPhone.links()).hasSize(3).last().satisfies(link -> {
            assertThat(link.certificate()).isEqualTo(newRoot.certificate());
            assertThat(link.anchor()).isTrue();
        });
        assertThat(newPhone.trustedAsServed()).isTrue();
    }

    @Test
    void rootOfOtherReleasesIsNamedWhenThisOneLacksIt() {
        PathBuilder builder = new PathBuilder(List.of(leaf.certificate(), issuing.certificate()), null, signatures);

        FoundPath path = builder.build(store(oldRoot), store(oldRoot, newRoot));

        assertThat(path.end()).isEqualTo(PathEnd.ANCHOR_ON_OTHER_RELEASES);
        assertThat(path.missingOnDevice()).singleElement().satisfies(link -> {
            assertThat(link.certificate()).isEqualTo(newRoot.certificate());
            assertThat(link.origin()).isEqualTo(Link.Origin.OTHER_RELEASE);
        });
    }

    @Test
    void failedFetchIsReportedAndNotRepeatedForOtherReleases() {
        int[] fetches = {0};
        Held orphan = TestPki.certificate("loop.test").dnsNames("loop.test").signedBy(issuing)
                .caIssuers("http://loop.test/ca").build();
        PathBuilder builder = new PathBuilder(List.of(orphan.certificate()), url -> {
            fetches[0]++;
            return FetchResult.failed(url, "HTTP 404 from " + url);
        }, signatures);

        FoundPath path = builder.build(store(oldRoot), null);
        builder.build(store(newRoot), null);

        assertThat(path.end()).isEqualTo(PathEnd.MISSING_ISSUER);
        assertThat(fetches[0]).isEqualTo(1);
        assertThat(path.fetchFailures()).singleElement().asString().contains("HTTP 404");
    }

    @Test
    void aiaFetchesAreLimitedPerAnalysis() {
        // A hostile or broken chain: each certificate points to a URL serving one more level of CA.
        Map<String, Held> published = new java.util.HashMap<>();
        Held parent = TestPki.certificate("CA 0").ca(10).build();
        for (int i = 1; i <= 8; i++) {
            Held child = TestPki.certificate("CA " + i).ca(10).signedBy(parent).caIssuers("http://ca.test/" + (i - 1)).build();
            published.put("http://ca.test/" + (i - 1), parent);
            parent = child;
        }
        Held deepLeaf = TestPki.certificate("deep.test").dnsNames("deep.test").signedBy(parent)
                .caIssuers("http://ca.test/8").build();
        published.put("http://ca.test/8", parent);
        int[] fetches = {0};
        PathBuilder builder = new PathBuilder(List.of(deepLeaf.certificate()), url -> {
            fetches[0]++;
            return FetchResult.success(url, List.of(published.get(url).certificate()));
        }, signatures);

        FoundPath path = builder.build(store(oldRoot), null);

        assertThat(fetches[0]).isEqualTo(PathBuilder.MAX_FETCHES);
        assertThat(path.end()).isEqualTo(PathEnd.MISSING_ISSUER);
        assertThat(path.fetchFailures()).anySatisfy(failure -> assertThat(failure).contains("limit of 5"));
    }

    private static TrustStore store(Held... anchors) {
        return new TrustStore("test", java.util.Arrays.stream(anchors).map(Held::certificate).toList());
    }
}
