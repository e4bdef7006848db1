package org.certdesk.analyzer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;

import org.certdesk.analyzer.x509.HostnameMatcher;

/** Reads what a report says about a certificate: its display name, fingerprints, AIA and key facts. */
public final class CertificateFacts {
    private CertificateFacts() {}

    /**
     * The name a person searches for: the subject's CN, else its O, else its OU, else the whole DN; for
     * a leaf with an empty subject (allowed when its SANs are critical), its first DNS name.
     */
    public static String displayName(X509Certificate certificate) {
        String name = displayName(certificate.getSubjectX500Principal());
        if (name.isEmpty()) {
            List<String> dnsNames = HostnameMatcher.names(certificate);
            return dnsNames.isEmpty() ? name : dnsNames.get(0);
        }
        return name;
    }

    /** The display name of the certificate's issuer, for an issuer nobody could supply. */
    public static String displayIssuerName(X509Certificate certificate) {
        return displayName(certificate.getIssuerX500Principal());
    }

    static String displayName(javax.security.auth.x500.X500Principal principal) {
        X500Name name = x500(principal.getEncoded());
        for (var attribute : List.of(BCStyle.CN, BCStyle.O, BCStyle.OU)) {
            RDN[] rdns = name.getRDNs(attribute);
            if (rdns.length > 0) {
                return readable(rdns[0].getFirst().getValue());
            }
        }
        return principal.getName();
    }

    /**
     * An attribute value as people read it: "Superfish, Inc.", not the RFC 4514 form "Superfish\\, Inc."
     * (that escaping is for a whole DN, which {@link #subject} keeps). A value that is no string (a rare
     * binary attribute) keeps its #hex form.
     */
    private static String readable(ASN1Encodable value) {
        if (value instanceof ASN1String string) {
            return string.getString().strip();
        }
        return IETFUtils.valueToString(value);
    }

    /** The DN in RFC 2253 form, as {@code openssl -nameopt RFC2253} and the Android index print it. */
    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    public static String issuer(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName();
    }

    /** Lowercase hex SHA-256 of the DER encoding, no colons. */
    public static String sha256(X509Certificate certificate) {
        return HexFormat.of().formatHex(digest("SHA-256", der(certificate)));
    }

    public static String sha1(X509Certificate certificate) {
        return HexFormat.of().formatHex(digest("SHA-1", der(certificate)));
    }

    /** Base64 SHA-256 of the SubjectPublicKeyInfo: the key's identity, kept when a CA re-issues its root. */
    public static String spkiSha256(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(digest("SHA-256", certificate.getPublicKey().getEncoded()));
    }

    public static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    public static boolean isCa(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0;
    }

    /** The http(s) caIssuers URLs of the AIA extension, in the order the certificate lists them. */
    public static List<String> caIssuersUrls(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        try {
            var holder = new X509CertificateHolder(certificate.getEncoded());
            Extension extension = holder.getExtension(Extension.authorityInfoAccess);
            if (extension == null) {
                return urls;
            }
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(extension.getParsedValue());
            for (AccessDescription description : aia.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    ASN1Encodable value = location.getName();
                    String url = ASN1IA5String.getInstance(value).getString();
                    String lower = url.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("http://") || lower.startsWith("https://")) {
                        urls.add(url);
                    }
                }
            }
        } catch (Exception e) {
            // A malformed AIA extension is treated as absent: the report then says the issuer could not be fetched.
        }
        return urls;
    }

    /** The signature algorithm as Java names it, e.g. SHA256withRSA. */
    public static String signatureAlgorithm(X509Certificate certificate) {
        return certificate.getSigAlgName();
    }

    /** SHA-1 and MD5 signatures, which Android rejects below the trust anchor. */
    public static boolean hasWeakSignature(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        return algorithm.startsWith("SHA1") || algorithm.startsWith("MD5") || algorithm.startsWith("MD2");
    }

    public static boolean isMd5Signed(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        return algorithm.startsWith("MD5") || algorithm.startsWith("MD2");
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + subject(certificate), e);
        }
    }

    private static X500Name x500(byte[] encoded) {
        return X500Name.getInstance(encoded);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
