package org.certdesk.analyzer.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.certdesk.analyzer.FetchResult;
import org.certdesk.analyzer.TrustStore;
import org.certdesk.analyzer.testing.TestPki.Held;
import org.certdesk.analyzer.testing.TestPki;
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

    @Test
    void incompletePathKeepsWhatTheServerSentAndNamesTheIssuerBeyondIt() {
        // A company CA: the server sends its issuing CA, whose root no store holds and nobody can fetch.
        Held companyRoot = TestPki.certificate("Contoso Root CA").ca(1).build();
        Held companyIssuing = TestPki.certificate("Contoso Issuing CA").ca(0).signedBy(companyRoot)
                .caIssuers("http://pki.contoso.test/root.crt").build();
        Held companyLeaf = TestPki.certificate("sts.contoso.com").dnsNames("sts.contoso.com").signedBy(companyIssuing)
                .caIssuers("http://pki.contoso.test/issuing.crt").build();
        PathBuilder builder = new PathBuilder(List.of(companyLeaf.certificate(), companyIssuing.certificate()),
                url -> FetchResult.failed(url, "cannot resolve host pki.contoso.test"), signatures);

        FoundPath path = builder.build(store(oldRoot), store(oldRoot, newRoot));

        assertThat(path.end()).isEqualTo(PathEnd.MISSING_ISSUER);
        assertThat(path.links()).extracting(Link::certificate)
                .containsExactly(companyLeaf.certificate(), companyIssuing.certificate());
        assertThat(path.links()).extracting(Link::origin).containsOnly(Link.Origin.PRESENTED);
        assertThat(path.missingIssuer()).isEqualTo(companyRoot.certificate().getSubjectX500Principal());
        assertThat(path.missingOnDevice()).isEmpty();
    }

    @Test
    void depthIsLimited() {
        // Twelve CAs, each signed by the next, none anchored: the path stops at the depth limit.
        List<X509Certificate> served = new java.util.ArrayList<>();
        Held parent = TestPki.certificate("CA 12").ca(20).signedBy(oldRoot).build();
        List<Held> cas = new java.util.ArrayList<>(List.of(parent));
        for (int i = 11; i >= 1; i--) {
            parent = TestPki.certificate("CA " + i).ca(20).signedBy(parent).build();
            cas.add(0, parent);
        }
        served.add(TestPki.certificate("deep.test").dnsNames("deep.test").signedBy(parent).build().certificate());
        cas.forEach(ca -> served.add(ca.certificate()));
        PathBuilder builder = new PathBuilder(served, null, signatures);

        FoundPath path = builder.build(store(newRoot), null);

        assertThat(path.end()).isEqualTo(PathEnd.MISSING_ISSUER);
        assertThat(path.links()).hasSize(PathBuilder.MAX_DEPTH);
        assertThat(path.links()).extracting(Link::certificate).containsExactlyElementsOf(served.subList(0, PathBuilder.MAX_DEPTH));
    }

    @Test
    void visitsAreLimitedWhenCrossSignsMultiplyThePaths() {
        // Each level has three certificates with the same name and key (re-issues, cross-signs), so each
        // certificate has three candidate issuers: 3^7 paths, none anchored. The search must give up.
        List<X509Certificate> served = new java.util.ArrayList<>();
        java.security.KeyPair above = null;
        List<Held> level = List.of();
        for (int depth = 7; depth >= 1; depth--) {
            java.security.KeyPair keys = TestPki.certificate("keys").build().keyPair();
            List<Held> current = new java.util.ArrayList<>();
            for (int copy = 0; copy < 3; copy++) {
                TestPki.Builder ca = TestPki.certificate("CA " + depth).keyPair(keys).ca(20);
                current.add((level.isEmpty() ? ca.signedBy(oldRoot) : ca.signedBy(level.get(copy))).build());
            }
            current.forEach(held -> served.add(held.certificate()));
            level = current;
            above = keys;
        }
        X509Certificate leafOfMaze = TestPki.certificate("maze.test").dnsNames("maze.test").signedBy(level.get(0)).build().certificate();
        served.add(0, leafOfMaze);
        PathBuilder builder = new PathBuilder(served, null, signatures);

        FoundPath path = builder.build(store(newRoot), null);

        assertThat(above).isNotNull();
        assertThat(path.end()).isEqualTo(PathEnd.MISSING_ISSUER);
        assertThat(builder.visits()).isEqualTo(PathBuilder.MAX_VISITS + 1);
    }

    @Test
    void loopOfCrossSignsEndsAndStillFindsTheAnchor() {
        // Two roots cross-signed by each other, both sent: A by B and B by A. Without an anchor the search
        // must not go round; with B's own root in the store it must end there.
        Held rootA = TestPki.certificate("Root A").ca(5).build();
        Held rootB = TestPki.certificate("Root B").ca(5).build();
        Held aByB = TestPki.certificate("Root A").keyPair(rootA.keyPair()).ca(5).signedBy(rootB).build();
        Held bByA = TestPki.certificate("Root B").keyPair(rootB.keyPair()).ca(5).signedBy(rootA).build();
        Held issuingA = TestPki.certificate("Issuing A").ca(0).signedBy(rootA).build();
        Held leafA = TestPki.certificate("loop.test").dnsNames("loop.test").signedBy(issuingA).build();
        List<X509Certificate> served = List.of(leafA.certificate(), issuingA.certificate(), aByB.certificate(), bByA.certificate());
        PathBuilder builder = new PathBuilder(served, null, signatures);

        FoundPath nowhere = builder.build(store(oldRoot), null);
        FoundPath viaB = builder.build(store(rootB), null);

        assertThat(nowhere.end()).isEqualTo(PathEnd.MISSING_ISSUER);
        assertThat(nowhere.links()).extracting(Link::certificate).doesNotHaveDuplicates();
        assertThat(nowhere.links()).extracting(Link::certificate)
                .containsExactly(leafA.certificate(), issuingA.certificate(), aByB.certificate(), bByA.certificate());
        assertThat(viaB.end()).isEqualTo(PathEnd.TRUSTED);
        assertThat(viaB.links()).extracting(Link::certificate)
                .containsExactly(leafA.certificate(), issuingA.certificate(), aByB.certificate(), rootB.certificate());
    }

    @Test
    void crossSignedRootGivesTwoPathsAndTheShorterWinsWhereBothAreTrusted() {
        List<X509Certificate> served = List.of(leaf.certificate(), issuing.certificate(), crossSigned.certificate());
        PathBuilder builder = new PathBuilder(served, null, signatures);

        FoundPath both = builder.build(store(newRoot, oldRoot), null);
        FoundPath onlyNew = builder.build(store(newRoot), null);

        assertThat(both.links()).extracting(Link::certificate)
                .containsExactly(leaf.certificate(), issuing.certificate(), newRoot.certificate());
        assertThat(onlyNew.links()).extracting(Link::certificate)
                .containsExactly(leaf.certificate(), issuing.certificate(), newRoot.certificate());
    }

    private static TrustStore store(Held... anchors) {
        return new TrustStore("test", java.util.Arrays.stream(anchors).map(Held::certificate).toList());
    }
}
