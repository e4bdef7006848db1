package org.certdesk.analyzer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;


/**
 * What a report says about one certificate.
 *
 * @param name the subject's CN, else O: what a person searches for
 * @param sha256 lowercase hex of the DER encoding, no colons
 */
public record CertificateInfo(String name, String subject, String issuer, String sha256, String sha1,
        Instant notBefore, Instant notAfter, String signatureAlgorithm, boolean ca, List<String> caIssuers) {

    public static CertificateInfo of(X509Certificate certificate) {
        return new CertificateInfo(CertificateFacts.displayName(certificate), CertificateFacts.subject(certificate),
                CertificateFacts.issuer(certificate), CertificateFacts.sha256(certificate),
                CertificateFacts.sha1(certificate), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), CertificateFacts.signatureAlgorithm(certificate),
                CertificateFacts.isCa(certificate), CertificateFacts.caIssuersUrls(certificate));
    }
}
