package org.certdesk.analyzer.diagnosis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.cert.X509CertificateHolder;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.chain.Link;

/**
 * RFC 5280 name constraints as Android enforces them: a CA certificate below the anchor that carries
 * the extension limits the names (subject DN and subject alternative names) of every certificate
 * under it on the path. A company or university CA constrained to its own domains cannot vouch for
 * another name, and Android refuses the chain. The anchor's own constraints are not applied, as on
 * Android (its trust anchors carry none). Self-issued intermediates are exempt, the leaf never.
 */
final class NameConstraintsRule {
    private NameConstraintsRule() {}

    /** One name outside a CA's constraints. */
    record Violation(String constrainedBy, String certificate, String detail) {}

    static List<Violation> violations(List<Link> links) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 1; i < links.size() && !links.get(i).anchor(); i++) {
            X509Certificate ca = links.get(i).certificate();
            NameConstraints constraints;
            try {
                constraints = constraintsOf(ca);
            } catch (IllegalArgumentException e) {
                // A critical extension Android cannot parse fails validation too.
                violations.add(new Violation(CertificateFacts.displayName(ca), CertificateFacts.displayName(ca),
                        "«" + CertificateFacts.displayName(ca) + "» has unreadable name constraints"));
                continue;
            }
            if (constraints == null) {
                continue;
            }
            PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
            if (constraints.getPermittedSubtrees() != null) {
                validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
            }
            if (constraints.getExcludedSubtrees() != null) {
                for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
                    validator.addExcludedSubtree(excluded);
                }
            }
            for (int j = i - 1; j >= 0; j--) {
                X509Certificate below = links.get(j).certificate();
                if (j > 0 && CertificateFacts.isSelfIssued(below)) {
                    continue;
                }
                List<GeneralName> names;
                try {
                    names = namesOf(below);
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation(CertificateFacts.displayName(ca), CertificateFacts.displayName(below),
                            "«" + CertificateFacts.displayName(below) + "» has unreadable names, so «"
                                    + CertificateFacts.displayName(ca) + "»'s name constraints cannot be met"));
                    continue;
                }
                for (GeneralName name : names) {
                    String broken = check(validator, name, constraints);
                    if (broken != null) {
                        violations.add(new Violation(CertificateFacts.displayName(ca), CertificateFacts.displayName(below),
                                "«" + CertificateFacts.displayName(below) + "» has the name " + describe(name) + ", "
                                        + broken + " of «" + CertificateFacts.displayName(ca) + "»"));
                    }
                }
            }
        }
        return violations;
    }

    private static String check(PKIXNameConstraintValidator validator, GeneralName name, NameConstraints constraints) {
        try {
            validator.checkPermitted(name);
        } catch (NameConstraintValidatorException e) {
            return "outside the permitted names (" + describe(constraints.getPermittedSubtrees(), name.getTagNo())
                    + ") in the name constraints";
        }
        try {
            validator.checkExcluded(name);
        } catch (NameConstraintValidatorException e) {
            return "within the excluded names (" + describe(constraints.getExcludedSubtrees(), name.getTagNo())
                    + ") in the name constraints";
        }
        return null;
    }

    private static NameConstraints constraintsOf(X509Certificate certificate) {
        try {
            Extension extension = new X509CertificateHolder(certificate.getEncoded()).getExtension(Extension.nameConstraints);
            return extension == null ? null : NameConstraints.getInstance(extension.getParsedValue());
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable name constraints in " + CertificateFacts.subject(certificate), e);
        }
    }

    /** The subject DN (unless empty) and every subject alternative name. */
    private static List<GeneralName> namesOf(X509Certificate certificate) {
        List<GeneralName> names = new ArrayList<>();
        try {
            X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
            X500Name subject = holder.getSubject();
            if (subject.getRDNs().length > 0) {
                names.add(new GeneralName(subject));
            }
            GeneralNames alternatives = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
            if (alternatives != null) {
                names.addAll(Arrays.asList(alternatives.getNames()));
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable names in " + CertificateFacts.subject(certificate), e);
        }
        return names;
    }

    /** The subtrees of the same kind as the name checked: the ones it had to fit. */
    private static String describe(GeneralSubtree[] subtrees, int tag) {
        List<String> shown = new ArrayList<>();
        if (subtrees != null) {
            for (GeneralSubtree subtree : subtrees) {
                if (subtree.getBase().getTagNo() == tag) {
                    shown.add(describe(subtree.getBase()));
                }
            }
        }
        return shown.isEmpty() ? "none of this kind" : String.join(", ", shown);
    }

    /** As openssl prints them: DNS:, IP:, email:, URI:, DirName:. */
    static String describe(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + text(name);
            case GeneralName.rfc822Name -> "email:" + text(name);
            case GeneralName.uniformResourceIdentifier -> "URI:" + text(name);
            case GeneralName.directoryName -> "DirName:" + X500Name.getInstance(name.getName());
            case GeneralName.iPAddress -> "IP:" + address(ASN1OctetString.getInstance(name.getName()).getOctets());
            default -> name.toString();
        };
    }

    private static String text(GeneralName name) {
        return name.getName() instanceof ASN1String string ? string.getString() : name.getName().toString();
    }

    /** An address (SAN) or an address with its mask (constraint, twice as long). */
    private static String address(byte[] octets) {
        try {
            if (octets.length == 4 || octets.length == 16) {
                return InetAddress.getByAddress(octets).getHostAddress();
            }
            int half = octets.length / 2;
            int prefix = 0;
            for (int i = half; i < octets.length; i++) {
                prefix += Integer.bitCount(octets[i] & 0xff);
            }
            return InetAddress.getByAddress(Arrays.copyOf(octets, half)).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return "#" + java.util.HexFormat.of().formatHex(octets);
        }
    }
}
