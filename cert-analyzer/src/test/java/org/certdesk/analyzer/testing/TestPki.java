package org.certdesk.analyzer.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds throw-away CAs and leaves at test time, shaped like OkHttp's HeldCertificate.Builder: no keys
 * or certificates are checked in. EC P-256 keys keep generation fast; {@link Builder#rsa()} gives RSA
 * where a test needs SHA-1 with RSA, the classic weak signature.
 */
public final class TestPki {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private TestPki() {}

    public static Builder certificate(String commonName) {
        return new Builder(commonName);
    }

    /** A certificate whose subject has no CN, only {@code organization} (like the Superfish root). */
    public static Builder organizationOnly(String organization) {
        return new Builder(null).organization(organization);
    }

    /** A root, one intermediate and a leaf for {@code host}, each with AIA pointing nowhere. */
    public static Chain simpleChain(String host) {
        Held root = certificate("Test Root CA").ca(2).build();
        Held intermediate = certificate("Test Issuing CA 1").ca(0).signedBy(root).build();
        Held leaf = certificate(host).dnsNames(host).signedBy(intermediate).build();
        return new Chain(leaf, intermediate, root);
    }

    public record Chain(Held leaf, Held intermediate, Held root) {}

    /** A certificate with its key pair. */
    public record Held(X509Certificate certificate, KeyPair keyPair) {
        public String subject() {
            return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString();
        }
    }

    public static final class Builder {
        private final String commonName;
        private String organization = "Certdesk Test";
        private final List<String> dnsNames = new ArrayList<>();
        private int maxPathLength = -1;
        private boolean ca;
        private Held issuer;
        private KeyPair keyPair;
        private boolean rsa;
        private String signatureAlgorithm;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private String caIssuersUrl;
        private final List<String> permittedDns = new ArrayList<>();
        private final List<String> excludedDns = new ArrayList<>();
        private KeyPurposeId[] purposes = {KeyPurposeId.id_kp_serverAuth};

        private Builder(String commonName) {
            this.commonName = commonName;
        }

        public Builder ca(int maxPathLength) {
            this.ca = true;
            this.maxPathLength = maxPathLength;
            return this;
        }

        public Builder dnsNames(String... names) {
            dnsNames.addAll(List.of(names));
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        public Builder signedBy(Held issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Re-uses a key pair, to cross-sign or re-issue a CA with the same key. */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        public Builder rsa() {
            this.rsa = true;
            return this;
        }

        public Builder signatureAlgorithm(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        public Builder validity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /** The leaf's extended key usage; serverAuth by default. */
        public Builder purposes(KeyPurposeId... purposes) {
            this.purposes = purposes.clone();
            return this;
        }

        /** A name constraint: the DNS subtrees this CA may certify (e.g. "contoso.com" covers its subdomains). */
        public Builder permittedDns(String... subtrees) {
            permittedDns.addAll(List.of(subtrees));
            return this;
        }

        public Builder excludedDns(String... subtrees) {
            excludedDns.addAll(List.of(subtrees));
            return this;
        }

        public Builder caIssuers(String url) {
            this.caIssuersUrl = url;
            return this;
        }

        public Held build() {
            try {
                KeyPair keys = keyPair != null ? keyPair : newKeyPair(rsa);
                // Built attribute by attribute, so a name with a comma ("Contoso, Inc.") stays one value.
                X500NameBuilder subjectNames = new X500NameBuilder();
                if (commonName != null) {
                    subjectNames.addRDN(BCStyle.CN, commonName);
                }
                X500Name subject = subjectNames.addRDN(BCStyle.O, organization).build();
                X500Name issuerName = issuer == null ? subject
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                KeyPair signingKeys = issuer == null ? keys : issuer.keyPair();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subject, keys.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(signingKeys.getPublic()));
                if (ca) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(maxPathLength));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                } else {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(purposes));
                }
                if (!dnsNames.isEmpty()) {
                    GeneralName[] names = dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                            .toArray(GeneralName[]::new);
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
                if (!permittedDns.isEmpty() || !excludedDns.isEmpty()) {
                    builder.addExtension(Extension.nameConstraints, true, new NameConstraints(
                            permittedDns.isEmpty() ? null : subtrees(permittedDns), excludedDns.isEmpty() ? null : subtrees(excludedDns)));
                }
                if (caIssuersUrl != null) {
                    builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            new AccessDescription(AccessDescription.id_ad_caIssuers,
                                    new GeneralName(GeneralName.uniformResourceIdentifier, caIssuersUrl))));
                }
                String algorithm = signatureAlgorithm != null ? signatureAlgorithm
                        : signingKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKeys.getPrivate())));
                return new Held(certificate, keys);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build test certificate " + commonName, e);
            }
        }

        private static GeneralSubtree[] subtrees(List<String> dnsNames) {
            return dnsNames.stream().map(name -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, name)))
                    .toArray(GeneralSubtree[]::new);
        }

        private static KeyPair newKeyPair(boolean rsa) throws Exception {
            if (rsa) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, new SecureRandom());
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        }
    }
}
