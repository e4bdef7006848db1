package org.certdesk.bot.actions;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.certdesk.analyzer.CertAnalyzer;
import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.certificates.CertificateLinks;
import org.certdesk.bot.certificates.CertificateNames;
import org.certdesk.bot.certificates.IssuedCertificate;
import org.certdesk.bot.certificates.IssuedCertificates;
import org.springframework.stereotype.Component;

/**
 * {@code cert.lookup-by-name}: the user read a certificate's name on a PC (the article's phase 1)
 * and typed it. Looks it up, ignoring case, accents and punctuation, first among the certificates
 * diagnoses issued (what this company's servers need), then among the CA certificates of every
 * Android release. A found anchor is recorded as issued, so its link works. Fast: a database query
 * and an in-memory index, run inside the turn.
 */
@Component
class LookupByNameAction implements BotAction {
    private final IssuedCertificates issued;
    private final CertificateLinks links;
    private final CertAnalyzer analyzer;
    private final Clock clock;
    private volatile Map<String, X509Certificate> anchorsByName;

    LookupByNameAction(IssuedCertificates issued, CertificateLinks links, CertAnalyzer analyzer, Clock clock) {
        this.issued = issued;
        this.links = links;
        this.analyzer = analyzer;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cert.lookup-by-name";
    }

    @Override
    public boolean slow() {
        return false;
    }

    @Override
    public Outcome run(ActionCall call) {
        String typed = call.request().arguments().getOrDefault("name", "");
        String key = CertificateNames.key(typed);
        if (key.isEmpty()) {
            return Outcome.of("not_found");
        }
        List<IssuedCertificate> known = issued.findByNameKey(key);
        if (!known.isEmpty()) {
            IssuedCertificate certificate = known.get(0);
            return found(certificate.name(), certificate.sha256(), call);
        }
        Optional<X509Certificate> anchor = Optional.ofNullable(anchors().get(key));
        if (anchor.isEmpty()) {
            return Outcome.of("not_found");
        }
        String name = CertificateFacts.displayName(anchor.get());
        issued.issue(anchor.get(), name, call.conversation(), clock.instant());
        return found(name, CertificateFacts.sha256(anchor.get()), call);
    }

    @Override
    public Outcome failed(ActionCall call, Exception cause) {
        return Outcome.of("not_found");
    }

    private Outcome found(String name, String sha256, ActionCall call) {
        return new Outcome("found", Map.of(
                "missing_name", name,
                "missing_sha256", sha256,
                "missing_download_url", links.downloadUrl(sha256, call.conversationRef()),
                "missing_file_name", CertificateNames.fileName(name)));
    }

    /** Android's anchors by folded name; of re-issued roots sharing a name, the one valid longest. */
    private Map<String, X509Certificate> anchors() {
        Map<String, X509Certificate> index = anchorsByName;
        if (index == null) {
            Map<String, X509Certificate> built = new HashMap<>();
            for (X509Certificate anchor : analyzer.androidStores().anyLevel().anchors()) {
                built.merge(CertificateNames.key(CertificateFacts.displayName(anchor)), anchor,
                        (a, b) -> Comparator.comparing(X509Certificate::getNotAfter).compare(a, b) >= 0 ? a : b);
            }
            index = Map.copyOf(built);
            anchorsByName = index;
        }
        return index;
    }
}
