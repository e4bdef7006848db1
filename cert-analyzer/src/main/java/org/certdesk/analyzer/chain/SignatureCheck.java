package org.certdesk.analyzer.chain;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Whether one certificate really signed another, verified with Bouncy Castle. Results are remembered
 * for the life of the object (one analysis), because the path builder asks the same pairs again for
 * every Android release.
 */
final class SignatureCheck {
    private final Map<Pair, Boolean> results = new ConcurrentHashMap<>();

    boolean signedBy(X509Certificate child, X509Certificate issuer) {
        if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        return results.computeIfAbsent(new Pair(child, issuer), SignatureCheck::verify);
    }

    private static boolean verify(Pair pair) {
        try {
            return new JcaX509CertificateHolder(pair.child())
                    .isSignatureValid(new JcaContentVerifierProviderBuilder().build(pair.issuer().getPublicKey()));
        } catch (Exception e) {
            return false; // unknown algorithm or malformed signature: it did not verifiably sign it
        }
    }

    /** Identity-keyed: certificates are compared as the objects the analysis holds. */
    private record Pair(X509Certificate child, X509Certificate issuer) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.child == child && p.issuer == issuer;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(child) * 31 + System.identityHashCode(issuer);
        }
    }
}
