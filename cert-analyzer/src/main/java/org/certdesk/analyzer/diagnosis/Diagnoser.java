package org.certdesk.analyzer.diagnosis;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.certdesk.analyzer.AndroidTrustStores;
import org.certdesk.analyzer.AndroidVersion;
import org.certdesk.analyzer.ApiLevelVerdict;
import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.CertificateInfo;
import org.certdesk.analyzer.HostReport;
import org.certdesk.analyzer.IssuerFetcher;
import org.certdesk.analyzer.MissingCertificate;
import org.certdesk.analyzer.Problem;
import org.certdesk.analyzer.ProblemCode;
import org.certdesk.analyzer.Severity;
import org.certdesk.analyzer.TrustStore;
import org.certdesk.analyzer.chain.FoundPath;
import org.certdesk.analyzer.chain.Link;
import org.certdesk.analyzer.chain.PathBuilder;
import org.certdesk.analyzer.chain.PathEnd;
import org.certdesk.analyzer.chain.SignatureCheck;
import org.certdesk.analyzer.x509.HostnameMatcher;

/**
 * Turns a captured chain into a report: builds the path for the requested Android level (and, more
 * cheaply, for every level), then collects every problem on it, each with its advice. Thread-safe:
 * the per-analysis state lives in the {@link PathBuilder} made for each call.
 */
public final class Diagnoser {
    private static final int ANDROID_10 = 29;

    private final AndroidTrustStores android;
    private final NavigableMap<Integer, TrustStore> deviceStores = new TreeMap<>();
    private final TrustStore desktop;
    private final Clock clock;
    private final SignatureCheck signatures = new SignatureCheck(10_000);

    /**
     * @param configuredRoots roots the company's devices trust besides Android's (a private root pushed
     *     to managed phones); they join every level's store and the desktop store
     * @param desktop the store that stands for desktop browsers (the JDK's), or null to skip that check
     */
    public Diagnoser(AndroidTrustStores android, Collection<X509Certificate> configuredRoots, TrustStore desktop,
            Clock clock) {
        this.android = android;
        this.clock = clock;
        for (int api : android.apiLevels()) {
            deviceStores.put(api, withRoots(android.forApiLevel(api), configuredRoots));
        }
        this.desktop = desktop == null ? null : withRoots(desktop, configuredRoots);
    }

    public AndroidTrustStores android() {
        return android;
    }

    /**
     * Diagnoses {@code presented} (the chain as the server sent it, leaf first) for {@code apiLevel}.
     *
     * @param host the name the phone connects to, checked against the leaf; null skips that check
     * @param fetcher fetches missing issuers; null for an offline diagnosis of what was presented
     * @throws IllegalArgumentException if no store is known for {@code apiLevel}
     */
    public HostReport diagnose(String host, int port, List<X509Certificate> presented, int apiLevel,
            IssuerFetcher fetcher, String address, String protocol) {
        TrustStore store = deviceStore(apiLevel);
        PathBuilder builder = new PathBuilder(presented, fetcher, signatures);
        FoundPath path = builder.build(store, android.anyLevel());
        Findings findings = new Findings(host, AndroidVersion.release(apiLevel));
        trustProblems(path, apiLevel, findings);
        validityProblems(path, findings);
        if (host != null && !HostnameMatcher.matches(presented.get(0), host)) {
            List<String> names = HostnameMatcher.names(presented.get(0));
            findings.add(ProblemCode.HOSTNAME_MISMATCH, "HOSTNAME_MISMATCH", CertificateFacts.displayName(presented.get(0)),
                    names.isEmpty() ? "it has no DNS names" : "it names " + String.join(", ", names));
        }
        signatureProblems(path, apiLevel, findings);
        for (String broken : ChainRules.violations(path)) {
            findings.add(ProblemCode.INVALID_CHAIN, "INVALID_CHAIN", null, broken);
        }
        for (NameConstraintsRule.Violation violation : NameConstraintsRule.violations(path.links())) {
            findings.add(ProblemCode.INVALID_CHAIN, "INVALID_CHAIN_NAME_CONSTRAINTS", violation.constrainedBy(),
                    violation.detail());
        }
        orderProblems(presented, path, findings);
        rootSent(presented, path, findings);

        List<ApiLevelVerdict> levels = new ArrayList<>();
        for (int api : deviceStores.keySet()) {
            FoundPath levelPath = api == apiLevel ? path : builder.build(deviceStores.get(api), android.anyLevel());
            levels.add(new ApiLevelVerdict(api, AndroidVersion.release(api), levelVerdict(levelPath, api, findings)));
        }
        Boolean desktopTrusted = desktop == null ? null : builder.build(desktop, null).trusted();
        return new HostReport(host, port, apiLevel, findings.verdict(), findings.problems,
                presented.stream().map(CertificateInfo::of).toList(),
                path.links().stream().map(link -> CertificateInfo.of(link.certificate())).toList(),
                missing(path), desktopTrusted, levels, trustedFrom(levels), null, address, protocol,
                path.fetchFailures(), clock.instant());
    }

    /** A report for a host whose chain could not be captured. */
    public HostReport notAnalysed(String host, int port, int apiLevel, ProblemCode code, String cause) {
        if (!code.stopsAnalysis()) {
            throw new IllegalArgumentException(code + " is not a reason to skip the analysis");
        }
        Findings findings = new Findings(host, AndroidVersion.release(apiLevel));
        findings.add(code, code.name(), null, cause);
        return new HostReport(host, port, apiLevel, code, findings.problems, List.of(), List.of(), List.of(), null,
                List.of(), null, cause, null, null, List.of(), clock.instant());
    }

    private TrustStore deviceStore(int apiLevel) {
        TrustStore store = deviceStores.get(apiLevel);
        if (store == null) {
            android.forApiLevel(apiLevel); // throws with the list of known levels
        }
        return store;
    }

    private void trustProblems(FoundPath path, int apiLevel, Findings findings) {
        List<Link> fetched = path.links().stream().filter(link -> link.origin() == Link.Origin.FETCHED && !link.anchor())
                .toList();
        for (Link link : fetched) {
            findings.add(ProblemCode.INCOMPLETE_CHAIN, "INCOMPLETE_CHAIN", name(link),
                    "served without it; fetched from " + link.url());
        }
        Link top = path.links().get(path.links().size() - 1);
        switch (path.end()) {
            case TRUSTED -> { }
            case ANCHOR_ON_OTHER_RELEASES -> findings.add(ProblemCode.ROOT_MISSING_ON_THIS_ANDROID,
                    "ROOT_MISSING_ON_THIS_ANDROID", name(top), "trusted on " + releases(android.levelsContaining(top.certificate())));
            case UNTRUSTED_ROOT -> findings.add(ProblemCode.UNTRUSTED_ROOT, "UNTRUSTED_ROOT", name(top),
                    "self-signed root " + CertificateFacts.subject(top.certificate()) + ", in no Android store");
            case MISSING_ISSUER -> findings.add(ProblemCode.INCOMPLETE_CHAIN, "INCOMPLETE_CHAIN_UNKNOWN_ISSUER",
                    issuerName(path), whyNotObtained(path, top.certificate()));
        }
    }

    /**
     * Why the issuer of the path's last certificate is unknown: its own caIssuers URLs and how they
     * failed (other fetches of the analysis, e.g. the leaf's URL when the server sent that intermediate
     * anyway, are in the report's aiaFailures, not here).
     */
    private static String whyNotObtained(FoundPath path, X509Certificate top) {
        List<String> urls = CertificateFacts.caIssuersUrls(top);
        String issuer = "issuer " + CertificateFacts.issuer(top) + " of «" + CertificateFacts.displayName(top) + "»";
        if (urls.isEmpty()) {
            return issuer + ": sent by no one, and «" + CertificateFacts.displayName(top) + "» has no caIssuers URL";
        }
        List<String> failures = path.fetchFailures().stream()
                .filter(failure -> urls.stream().anyMatch(failure::contains))
                .toList();
        return issuer + ": sent by no one; " + (failures.isEmpty()
                ? "not found at " + String.join(", ", urls) + " (or the analysis was offline)"
                : String.join("; ", failures));
    }

    private void validityProblems(FoundPath path, Findings findings) {
        Instant now = clock.instant();
        for (Link link : path.links()) {
            X509Certificate certificate = link.certificate();
            switch (dates(link, now)) {
                case EXPIRED -> findings.add(ProblemCode.EXPIRED, "EXPIRED", name(link),
                        "expired on " + certificate.getNotAfter().toInstant());
                case NOT_YET_VALID -> findings.add(ProblemCode.NOT_YET_VALID, "NOT_YET_VALID", name(link),
                        "valid from " + certificate.getNotBefore().toInstant());
                default -> { }
            }
        }
    }

    /** EXPIRED, NOT_YET_VALID or OK; always OK for an anchor, whose dates Android does not check. */
    private static ProblemCode dates(Link link, Instant now) {
        X509Certificate certificate = link.certificate();
        if (link.anchor()) {
            return ProblemCode.OK;
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return ProblemCode.EXPIRED;
        }
        return now.isBefore(certificate.getNotBefore().toInstant()) ? ProblemCode.NOT_YET_VALID : ProblemCode.OK;
    }

    private void signatureProblems(FoundPath path, int apiLevel, Findings findings) {
        for (Link link : path.links()) {
            X509Certificate certificate = link.certificate();
            if (link.anchor() || !CertificateFacts.hasWeakSignature(certificate)) {
                continue;
            }
            boolean refused = apiLevel >= ANDROID_10 || CertificateFacts.isMd5Signed(certificate);
            findings.add(ProblemCode.WEAK_SIGNATURE, refused ? Severity.ERROR : Severity.WARNING,
                    refused ? "WEAK_SIGNATURE" : "WEAK_SIGNATURE_OLD_ANDROID", name(link),
                    CertificateFacts.signatureAlgorithm(certificate));
        }
    }

    private void orderProblems(List<X509Certificate> presented, FoundPath path, Findings findings) {
        List<String> extras = new ArrayList<>();
        int lastIndex = 0;
        boolean ordered = true;
        for (Link link : path.links()) {
            int index = presented.indexOf(link.certificate());
            if (index > 0) {
                ordered &= index > lastIndex;
                lastIndex = index;
            }
        }
        for (int i = 1; i < presented.size(); i++) {
            X509Certificate certificate = presented.get(i);
            boolean onPath = path.links().stream().anyMatch(link -> link.certificate().equals(certificate)
                    || (link.anchor() && sameKeyAndSubject(link.certificate(), certificate)));
            if (!onPath || presented.subList(0, i).contains(certificate)) {
                extras.add(CertificateFacts.displayName(certificate));
            }
        }
        if (!ordered) {
            findings.add(ProblemCode.WRONG_ORDER, "WRONG_ORDER", null, "sent: " + String.join(" > ",
                    presented.stream().map(CertificateFacts::displayName).toList()));
        }
        if (!extras.isEmpty()) {
            findings.add(ProblemCode.EXTRA_CERTIFICATES, "EXTRA_CERTIFICATES", null, "not on the path: " + String.join(", ", extras));
        }
    }

    /**
     * A server that sends the root its path ends at: harmless, as SSL Labs' "contains anchor" says,
     * but worth a remark (wasted bytes on every handshake). Only for a trusted path: next to a root the
     * phone lacks or distrusts, "harmless" would mislead.
     */
    private void rootSent(List<X509Certificate> presented, FoundPath path, Findings findings) {
        if (path.end() != PathEnd.TRUSTED) {
            return;
        }
        Link anchor = path.links().get(path.links().size() - 1);
        for (int i = 1; i < presented.size(); i++) {
            X509Certificate certificate = presented.get(i);
            boolean selfSigned = CertificateFacts.isSelfIssued(certificate) && signatures.signedBy(certificate, certificate);
            if (selfSigned && (certificate.equals(anchor.certificate()) || sameKeyAndSubject(anchor.certificate(), certificate))) {
                // A note under EXTRA_CERTIFICATES, not a code of its own: it is never a verdict.
                findings.add(ProblemCode.EXTRA_CERTIFICATES, Severity.INFO, "ROOT_SENT", CertificateFacts.displayName(certificate),
                        "root sent at position " + (i + 1) + " of " + presented.size() + ": " + CertificateFacts.subject(certificate));
                return;
            }
        }
    }

    /** The verdict of one level on the chain as served: trust, dates, name and the level's signature rules. */
    private ProblemCode levelVerdict(FoundPath path, int apiLevel, Findings requested) {
        ProblemCode verdict = switch (path.end()) {
            case TRUSTED -> path.trustedAsServed() ? ProblemCode.OK : ProblemCode.INCOMPLETE_CHAIN;
            case ANCHOR_ON_OTHER_RELEASES -> ProblemCode.ROOT_MISSING_ON_THIS_ANDROID;
            case UNTRUSTED_ROOT -> ProblemCode.UNTRUSTED_ROOT;
            case MISSING_ISSUER -> ProblemCode.INCOMPLETE_CHAIN;
        };
        for (Problem problem : requested.problems) {
            if (problem.code() == ProblemCode.HOSTNAME_MISMATCH && problem.code().moreSevereThan(verdict)) {
                verdict = problem.code(); // the leaf is the same on every level
            }
        }
        // Dates depend on the level's path: an expired cross-sign breaks only the levels that need it.
        Instant now = clock.instant();
        for (Link link : path.links()) {
            ProblemCode dates = dates(link, now);
            if (dates.moreSevereThan(verdict)) {
                verdict = dates;
            }
        }
        if ((!ChainRules.violations(path).isEmpty() || !NameConstraintsRule.violations(path.links()).isEmpty())
                && ProblemCode.INVALID_CHAIN.moreSevereThan(verdict)) {
            verdict = ProblemCode.INVALID_CHAIN;
        }
        for (Link link : path.links()) {
            X509Certificate certificate = link.certificate();
            boolean refused = !link.anchor() && CertificateFacts.hasWeakSignature(certificate)
                    && (apiLevel >= ANDROID_10 || CertificateFacts.isMd5Signed(certificate));
            if (refused && ProblemCode.WEAK_SIGNATURE.moreSevereThan(verdict)) {
                verdict = ProblemCode.WEAK_SIGNATURE;
            }
        }
        return verdict;
    }

    private List<MissingCertificate> missing(FoundPath path) {
        List<MissingCertificate> missing = new ArrayList<>();
        for (Link link : path.missingOnDevice()) {
            X509Certificate certificate = link.certificate();
            String source = switch (link.origin()) {
                case FETCHED -> "aia";
                case OTHER_RELEASE -> "android-store";
                default -> "server";
            };
            missing.add(new MissingCertificate(CertificateFacts.displayName(certificate), CertificateFacts.subject(certificate),
                    CertificateFacts.issuer(certificate), CertificateFacts.sha256(certificate), CertificateFacts.sha1(certificate),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), link.url(), true, source,
                    link.anchor() ? "root" : "intermediate", android.levelsLacking(certificate), certificate));
        }
        if (path.end() == PathEnd.MISSING_ISSUER) {
            missing.add(new MissingCertificate(issuerName(path), path.missingIssuer().getName(), null, null, null, null, null,
                    null, false, "none", "unknown", android.apiLevels(), null)); // a root or an intermediate: only its name is known
        }
        return missing;
    }

    private static String issuerName(FoundPath path) {
        X509Certificate top = path.links().get(path.links().size() - 1).certificate();
        return CertificateFacts.displayIssuerName(top);
    }

    private static String trustedFrom(List<ApiLevelVerdict> levels) {
        String from = null;
        for (int i = levels.size() - 1; i >= 0 && levels.get(i).verdict() == ProblemCode.OK; i--) {
            from = levels.get(i).release();
        }
        return from;
    }

    private static String releases(Collection<Integer> apiLevels) {
        return apiLevels.isEmpty() ? "no Android release"
                : "Android " + String.join(", ", apiLevels.stream().map(AndroidVersion::release).toList());
    }

    private static String name(Link link) {
        return CertificateFacts.displayName(link.certificate());
    }

    private static boolean sameKeyAndSubject(X509Certificate a, X509Certificate b) {
        return a.getSubjectX500Principal().equals(b.getSubjectX500Principal()) && a.getPublicKey().equals(b.getPublicKey());
    }

    private static TrustStore withRoots(TrustStore store, Collection<X509Certificate> roots) {
        if (roots.isEmpty()) {
            return store;
        }
        List<X509Certificate> anchors = new ArrayList<>(store.anchors());
        anchors.addAll(roots);
        return new TrustStore(store.name() + " + configured roots", anchors);
    }

    /** The problems of one report, worded as they are added. */
    private static final class Findings {
        private final Map<String, String> base = new HashMap<>();
        private final List<Problem> problems = new ArrayList<>();

        Findings(String host, String android) {
            base.put("host", host == null ? "this server" : host);
            base.put("android", android);
        }

        void add(ProblemCode code, String key, String certificate, String detail) {
            add(code, code.severity(), key, certificate, detail);
        }

        void add(ProblemCode code, Severity severity, String key, String certificate, String detail) {
            Map<String, String> values = new HashMap<>(base);
            values.put("name", certificate == null ? "" : certificate);
            values.put("detail", detail == null ? "" : detail);
            problems.add(new Problem(code, severity, certificate, detail, AdviceCatalog.summary(key, values),
                    AdviceCatalog.advice(key, values)));
        }

        ProblemCode verdict() {
            ProblemCode verdict = ProblemCode.OK;
            for (Problem problem : problems) {
                if (problem.severity() == Severity.ERROR && problem.code().moreSevereThan(verdict)) {
                    verdict = problem.code();
                }
            }
            return verdict;
        }
    }
}
