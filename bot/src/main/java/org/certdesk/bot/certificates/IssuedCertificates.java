package org.certdesk.bot.certificates;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.shared.ConversationKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The certificates a diagnosis produced and verified (or a look-up found among Android's anchors):
 * the only ones the download endpoint serves, so the bot can never be made to hand out arbitrary
 * bytes. The first conversation that issued one is kept, for the helpdesk.
 */
@Repository
public class IssuedCertificates {
    private final JdbcClient jdbc;

    IssuedCertificates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code certificate} under {@code name} unless it is already recorded. */
    public void issue(X509Certificate certificate, String name, ConversationKey conversation, Instant now) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
        jdbc.sql("INSERT INTO issued_certificates (sha256, der, name, name_key, subject, first_issued_at, channel,"
                        + " conversation_id) VALUES (:sha256, :der, :name, :nameKey, :subject, :now, :channel,"
                        + " :conversationId) ON CONFLICT DO NOTHING")
                .param("sha256", CertificateFacts.sha256(certificate))
                .param("der", der)
                .param("name", truncate(name, 512))
                .param("nameKey", truncate(CertificateNames.key(name), 512))
                .param("subject", truncate(CertificateFacts.subject(certificate), 2000))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("channel", conversation == null ? null : conversation.channel())
                .param("conversationId", conversation == null ? null : conversation.conversationId())
                .update();
    }

    /** @param sha256 lowercase hex */
    public Optional<IssuedCertificate> find(String sha256) {
        return jdbc.sql("SELECT sha256, der, name FROM issued_certificates WHERE sha256 = :sha256")
                .param("sha256", sha256)
                .query((rs, n) -> new IssuedCertificate(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .optional();
    }

    /** Issued certificates whose folded name is {@code nameKey} (see {@link CertificateNames#key}), newest first. */
    public List<IssuedCertificate> findByNameKey(String nameKey) {
        return jdbc.sql("SELECT sha256, der, name FROM issued_certificates WHERE name_key = :nameKey"
                        + " ORDER BY first_issued_at DESC")
                .param("nameKey", nameKey)
                .query((rs, n) -> new IssuedCertificate(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .list();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
