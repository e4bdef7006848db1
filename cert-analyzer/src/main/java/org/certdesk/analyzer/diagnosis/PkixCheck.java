package org.certdesk.analyzer.diagnosis;

import java.security.Provider;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.certdesk.analyzer.chain.FoundPath;
import org.certdesk.analyzer.chain.Link;
import org.certdesk.analyzer.x509.CertificateFacts;

/**
 * Validates the built path with Bouncy Castle's RFC 5280 validator, for the rules the path builder
 * does not look at: basic constraints, path length, key usage, name constraints. Dates are reported
 * by the diagnoser itself, so date failures are not repeated here; revocation is off, as on Android.
 */
final class PkixCheck {
    /** A private instance: registering Bouncy Castle globally would change the host application's JCA. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private PkixCheck() {}

    static Optional<String> failure(FoundPath path, Instant now) {
        List<Link> links = path.links();
        Link top = links.get(links.size() - 1);
        if (!top.anchor() || links.size() < 2) {
            return Optional.empty();
        }
        List<X509Certificate> chain = links.subList(0, links.size() - 1).stream().map(Link::certificate).toList();
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(top.certificate(), null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX", BOUNCY_CASTLE).validate(certPath, parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            if (isAboutDates(e)) {
                return Optional.empty();
            }
            int index = e.getIndex();
            String where = index >= 0 && index < chain.size()
                    ? " at «" + CertificateFacts.displayName(chain.get(index)) + "»" : "";
            return Optional.of(e.getMessage() + where);
        } catch (Exception e) {
            return Optional.of("the path could not be validated: " + e.getMessage());
        }
    }

    private static boolean isAboutDates(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
                return true;
            }
        }
        return false;
    }
}
