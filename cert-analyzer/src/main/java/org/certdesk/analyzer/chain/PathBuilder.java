package org.certdesk.analyzer.chain;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.FetchResult;
import org.certdesk.analyzer.IssuerFetcher;
import org.certdesk.analyzer.TrustStore;

/**
 * Builds the best path from a server's leaf to a trust anchor, the way an Android app would, and
 * beyond it, the way the analyzer must to name what is missing.
 *
 * <p>Like Conscrypt, it links a certificate to any candidate whose subject is the certificate's issuer
 * and whose key verifies its signature: anchors of the store first, then what the server sent, in any
 * order. Unlike Android, when that does not reach an anchor it follows the caIssuers URLs (as desktop
 * browsers do) and looks for the root among other Android releases' anchors, so the report can say
 * which certificates the phone lacks. Candidates are searched depth-first and the best path wins:
 * trusted first, then the one needing the fewest certificates the phone lacks, then the shortest (or,
 * when no path is complete, the longest: the missing certificate is the issuer of the last one found).
 *
 * <p>One builder serves one analysis (it remembers the fetches made for it); not thread-safe.
 */
public final class PathBuilder {
    /** Like Chromium's verifier on Android (kMaxAIAFetches = 5): bounds what one hostile chain can make us fetch. */
    public static final int MAX_FETCHES = 5;
    /** Longer than any public chain (leaf, two intermediates, a cross-sign, the root). */
    static final int MAX_DEPTH = 8;
    /** Bounds the search when cross-signs and re-issues multiply the candidates at every level. */
    static final int MAX_VISITS = 500;

    private final List<X509Certificate> presented;
    private final IssuerFetcher fetcher;
    private final SignatureCheck signatures;
    private final Map<String, FetchResult> fetched = new LinkedHashMap<>();
    private int visits;

    /**
     * @param presented the chain as the server sent it, leaf first
     * @param fetcher where to fetch caIssuers; null to build from what was presented only
     * @param signatures verifies (and remembers) who signed what
     */
    public PathBuilder(List<X509Certificate> presented, IssuerFetcher fetcher, SignatureCheck signatures) {
        if (presented.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least the leaf certificate");
        }
        this.presented = List.copyOf(presented);
        this.fetcher = fetcher;
        this.signatures = signatures;
    }

    /**
     * The best path from the leaf.
     *
     * @param store the anchors the device trusts (an Android level, plus configured roots)
     * @param elsewhere anchors of other releases, to name a root this device lacks; may be null
     */
    public FoundPath build(TrustStore store, TrustStore elsewhere) {
        visits = 0;
        List<Link> start = new ArrayList<>();
        start.add(new Link(presented.get(0), Link.Origin.PRESENTED, null, false));
        Candidate best = extend(start, store, elsewhere);
        List<String> failures = new ArrayList<>();
        fetched.values().stream().filter(result -> !result.ok())
                .forEach(result -> failures.add(result.failure().contains(result.url()) ? result.failure()
                        : result.url() + ": " + result.failure()));
        return new FoundPath(best.links, best.end, best.missingIssuer, failures);
    }

    /** How many certificates the last {@link #build} looked above (bounded by {@link #MAX_VISITS}). */
    int visits() {
        return visits;
    }

    /** Every URL fetched so far in this analysis, with its outcome. */
    public Map<String, FetchResult> fetches() {
        return Map.copyOf(fetched);
    }

    private Candidate extend(List<Link> path, TrustStore store, TrustStore elsewhere) {
        Link top = path.get(path.size() - 1);
        X509Certificate certificate = top.certificate();
        if (store.contains(certificate)) {
            // The server sent a certificate the device holds as an anchor: the path ends here.
            return Candidate.of(replaceTop(path, new Link(certificate, top.origin() == Link.Origin.PRESENTED
                    ? Link.Origin.STORE : top.origin(), top.url(), true)), PathEnd.TRUSTED, null);
        }
        X500Principal issuer = certificate.getIssuerX500Principal();
        for (X509Certificate anchor : store.withSubject(issuer)) {
            if (signatures.signedBy(certificate, anchor)) {
                return Candidate.of(append(path, new Link(anchor, Link.Origin.STORE, null, true)), PathEnd.TRUSTED, null);
            }
        }
        boolean selfSigned = CertificateFacts.isSelfIssued(certificate) && signatures.signedBy(certificate, certificate);
        if (selfSigned || path.size() >= MAX_DEPTH || ++visits > MAX_VISITS) {
            return ending(path, store, elsewhere, selfSigned);
        }
        Candidate best = null;
        for (X509Certificate candidate : presented) {
            if (visits > MAX_VISITS) {
                break; // the search gave up: what was found so far stands
            }
            if (!onPath(path, candidate) && signatures.signedBy(certificate, candidate)) {
                best = better(best, extend(append(path, new Link(candidate, Link.Origin.PRESENTED, null, false)), store, elsewhere));
            }
        }
        if (best == null || best.end != PathEnd.TRUSTED) {
            for (String url : CertificateFacts.caIssuersUrls(certificate)) {
                for (X509Certificate candidate : visits > MAX_VISITS ? List.<X509Certificate>of() : fetch(url)) {
                    if (visits > MAX_VISITS) {
                        break;
                    }
                    if (!onPath(path, candidate) && signatures.signedBy(certificate, candidate)) {
                        best = better(best, extend(append(path, new Link(candidate, Link.Origin.FETCHED, url, false)), store, elsewhere));
                    }
                }
            }
        }
        Candidate ending = ending(path, store, elsewhere, false);
        if (best != null && ending.end == PathEnd.MISSING_ISSUER) {
            // This certificate's issuer was found (sent or fetched): it is not the one missing. Stopping
            // here would drop it from the path and name it as missing instead of what lies beyond it.
            return best;
        }
        // On a tie the ending wins: a root from Android's own store beats the same root fetched from a URL.
        return better(ending, best);
    }

    /** Where the path ends when nothing above {@code path}'s top leads on. */
    private Candidate ending(List<Link> path, TrustStore store, TrustStore elsewhere, boolean selfSigned) {
        X509Certificate top = path.get(path.size() - 1).certificate();
        if (elsewhere != null) {
            if (elsewhere.contains(top)) {
                Link last = path.get(path.size() - 1);
                return Candidate.of(replaceTop(path, new Link(top, last.origin() == Link.Origin.FETCHED
                        ? Link.Origin.FETCHED : Link.Origin.OTHER_RELEASE, last.url(), true)),
                        PathEnd.ANCHOR_ON_OTHER_RELEASES, null);
            }
            for (X509Certificate anchor : elsewhere.withSubject(top.getIssuerX500Principal())) {
                if (signatures.signedBy(top, anchor)) {
                    return Candidate.of(append(path, new Link(anchor, Link.Origin.OTHER_RELEASE, null, true)),
                            PathEnd.ANCHOR_ON_OTHER_RELEASES, null);
                }
            }
        }
        if (selfSigned) {
            Link last = path.get(path.size() - 1);
            return Candidate.of(replaceTop(path, new Link(top, last.origin(), last.url(), true)), PathEnd.UNTRUSTED_ROOT, null);
        }
        return Candidate.of(path, PathEnd.MISSING_ISSUER, top.getIssuerX500Principal());
    }

    private List<X509Certificate> fetch(String url) {
        FetchResult result = fetched.get(url);
        if (result == null) {
            if (fetcher == null) {
                return List.of();
            }
            if (fetched.size() >= MAX_FETCHES) {
                fetched.put(url, FetchResult.failed(url, "not fetched: the limit of " + MAX_FETCHES
                        + " AIA fetches per analysis was reached"));
                return List.of();
            }
            result = fetcher.fetch(url);
            fetched.put(url, result);
        }
        return result.ok() ? result.certificates() : List.of();
    }

    private static boolean onPath(List<Link> path, X509Certificate certificate) {
        for (Link link : path) {
            if (link.certificate().equals(certificate)) {
                return true;
            }
        }
        return false;
    }

    private static List<Link> append(List<Link> path, Link link) {
        List<Link> longer = new ArrayList<>(path);
        longer.add(link);
        return longer;
    }

    private static List<Link> replaceTop(List<Link> path, Link link) {
        List<Link> replaced = new ArrayList<>(path);
        replaced.set(replaced.size() - 1, link);
        return replaced;
    }

    private static Candidate better(Candidate a, Candidate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Candidate.ORDER.compare(a, b) <= 0 ? a : b;
    }

    private record Candidate(List<Link> links, PathEnd end, X500Principal missingIssuer, int missing) {
        /**
         * Trusted first, then fewest certificates the phone lacks. Then a complete path is better short,
         * while an incomplete one is better long: it keeps more of what the server sent, and what it
         * names as missing lies beyond all of it.
         */
        static final Comparator<Candidate> ORDER = Comparator.comparing(Candidate::end)
                .thenComparingInt(Candidate::missing)
                .thenComparingInt(candidate -> candidate.end == PathEnd.MISSING_ISSUER
                        ? -candidate.links.size() : candidate.links.size());

        static Candidate of(List<Link> links, PathEnd end, X500Principal missingIssuer) {
            int missing = (int) links.stream().filter(Link::missingOnDevice).count()
                    + (end == PathEnd.MISSING_ISSUER ? 1 : 0);
            return new Candidate(links, end, missingIssuer, missing);
        }
    }
}
