package org.certdesk.analyzer.chain;

import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Whether one certificate really signed another, verified with Bouncy Castle.
 *
 * <p>Verifying is the costly part of a diagnosis (about half a millisecond for ECDSA P-256), and the
 * answer depends only on the two certificates' bytes, so answers are kept in a bounded cache shared by
 * every analysis of one analyzer: the same sign-in hosts are diagnosed again and again. Thread-safe.
 */
public final class SignatureCheck {
    /** A private instance: registering Bouncy Castle globally would change the host application's JCA. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final Cache<Pair, Boolean> results;

    public SignatureCheck(long maximumSize) {
        this.results = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public boolean signedBy(X509Certificate child, X509Certificate issuer) {
        if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        return results.get(new Pair(child, issuer.getPublicKey()), SignatureCheck::verify);
    }

    private static boolean verify(Pair pair) {
        try {
            return new JcaX509CertificateHolder(pair.child())
                    .isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BOUNCY_CASTLE).build(pair.issuerKey()));
        } catch (Exception e) {
            return false; // unknown algorithm or malformed signature: it did not verifiably sign it
        }
    }

    /** Equal by content: X509Certificate and PublicKey compare their encodings. */
    private record Pair(X509Certificate child, PublicKey issuerKey) {}
}
