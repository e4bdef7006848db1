package org.certdesk.analyzer.diagnosis;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.analyzer.chain.FoundPath;
import org.certdesk.analyzer.chain.Link;

/**
 * The structural rules Android's validator applies to a path once it is linked (RFC 5280 as Conscrypt
 * enforces it): every certificate between the leaf and the anchor is a CA, within its path length and,
 * if it has a key usage, allowed to sign certificates; a leaf with an extended key usage allows server
 * authentication. Signatures are not checked again here: the path builder verified each link. Anchors
 * are exempt, as on Android. Name constraints are checked by {@link NameConstraintsRule}.
 */
final class ChainRules {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int KEY_CERT_SIGN = 5;

    private ChainRules() {}

    /** Each broken rule, worded for the helpdesk; empty when the path keeps them all. */
    static List<String> violations(FoundPath path) {
        List<String> broken = new ArrayList<>();
        List<Link> links = path.links();
        for (int i = 1; i < links.size(); i++) {
            Link link = links.get(i);
            if (link.anchor()) {
                break;
            }
            X509Certificate ca = link.certificate();
            String name = "«" + CertificateFacts.displayName(ca) + "»";
            int pathLength = ca.getBasicConstraints();
            if (pathLength < 0) {
                broken.add(name + " signs other certificates but is not a CA certificate (basicConstraints CA:FALSE or absent)");
                continue;
            }
            int intermediatesBelow = i - 1;
            if (intermediatesBelow > pathLength) {
                broken.add(name + " allows " + pathLength + " intermediate(s) below it (pathLenConstraint) but has "
                        + intermediatesBelow);
            }
            boolean[] keyUsage = ca.getKeyUsage();
            if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
                broken.add(name + " has a key usage without keyCertSign");
            }
        }
        leafPurpose(links.get(0).certificate(), broken);
        return broken;
    }

    private static void leafPurpose(X509Certificate leaf, List<String> broken) {
        try {
            List<String> purposes = leaf.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(SERVER_AUTH) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
                broken.add("«" + CertificateFacts.displayName(leaf) + "» is not for TLS servers: its extended key usage lacks serverAuth");
            }
        } catch (CertificateParsingException e) {
            broken.add("«" + CertificateFacts.displayName(leaf) + "» has an unreadable extended key usage");
        }
    }
}
