package org.certdesk.analyzer;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import org.certdesk.analyzer.CertificateFacts;

/**
 * A set of trust anchors, looked up the way Android's TrustManagerImpl does: by the issuer name a
 * certificate names, then by signature. An anchor is identified by subject and key, not by its
 * fingerprint, because CAs re-issue roots with the same key. Immutable and thread-safe.
 */
public final class TrustStore {
    private final String name;
    private final List<X509Certificate> anchors;
    private final Map<X500Principal, List<X509Certificate>> bySubject;
    private final Set<String> identities;

    public TrustStore(String name, Collection<X509Certificate> anchors) {
        this.name = name;
        this.anchors = List.copyOf(anchors);
        Map<X500Principal, List<X509Certificate>> index = new HashMap<>();
        for (X509Certificate anchor : this.anchors) {
            index.computeIfAbsent(anchor.getSubjectX500Principal(), k -> new ArrayList<>()).add(anchor);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.bySubject = Map.copyOf(index);
        this.identities = this.anchors.stream().map(TrustStore::identity).collect(Collectors.toUnmodifiableSet());
    }

    /** A short name for reports, e.g. "Android 7.1 (API 25)". */
    public String name() {
        return name;
    }

    public List<X509Certificate> anchors() {
        return anchors;
    }

    public int size() {
        return anchors.size();
    }

    /** Anchors whose subject is {@code subject}: the candidates to have signed a certificate with that issuer. */
    public List<X509Certificate> withSubject(X500Principal subject) {
        return bySubject.getOrDefault(subject, List.of());
    }

    /** Whether {@code certificate} (or a re-issue with the same subject and key) is an anchor here. */
    public boolean contains(X509Certificate certificate) {
        return identities.contains(identity(certificate));
    }

    static String identity(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.CANONICAL) + "|"
                + CertificateFacts.spkiSha256(certificate);
    }

    @Override
    public String toString() {
        return name + " (" + anchors.size() + " anchors)";
    }
}
