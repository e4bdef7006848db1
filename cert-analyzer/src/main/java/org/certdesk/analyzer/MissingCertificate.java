package org.certdesk.analyzer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;

/**
 * A certificate the phone needs and lacks.
 *
 * @param name CN, else O; when the certificate could not be obtained, the name its child gives as issuer
 * @param sha256 lowercase hex, no colons; null when the bytes were not obtained
 * @param url where it was fetched (the caIssuers URL), or null
 * @param source {@code aia} (fetched), {@code server} (sent by the server), {@code android-store} (taken from
 *     another Android release's store), or {@code none} (not obtained)
 * @param role {@code intermediate}, {@code root}, or {@code unknown} when only its name is known (not obtained)
 * @param lackingApiLevels the Android API levels whose store lacks it
 * @param certificate the certificate itself, verified to have signed the one below it; null if not obtained
 */
public record MissingCertificate(String name, String subject, String issuer, String sha256, String sha1,
        Instant notBefore, Instant notAfter, String url, boolean obtained, String source, String role,
        Set<Integer> lackingApiLevels, X509Certificate certificate) {

    public MissingCertificate {
        lackingApiLevels = Set.copyOf(lackingApiLevels);
    }
}
