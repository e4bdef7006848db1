package org.certdesk.bot.actions;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.certdesk.bot.shared.ConversationKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every certificate the analyzer found missing in a conversation. The dialog keeps only the first in
 * its variables (that is what it hands the employee); a case shows the helpdesk all of them.
 */
@Repository
public class MissingCertificates {
    /** @param sha256 lowercase hex, or null when the analyzer could not obtain the certificate */
    public record Found(String name, String sha256) {
    }

    private final JdbcClient jdbc;

    MissingCertificates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a finding; the same certificate found again (another host, a new analysis) is kept once. */
    public void found(ConversationKey key, String name, String sha256, Instant now) {
        String findingKey = sha256 != null ? sha256 : "name:" + name;
        jdbc.sql("INSERT INTO missing_certificates (channel, conversation_id, finding_key, name, sha256, found_at)"
                        + " VALUES (:channel, :conversationId, :key, :name, :sha256, :now) ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("key", findingKey.length() <= 600 ? findingKey : findingKey.substring(0, 600))
                .param("name", name.length() <= 512 ? name : name.substring(0, 512))
                .param("sha256", sha256)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    public List<Found> of(ConversationKey key) {
        return jdbc.sql("SELECT name, sha256 FROM missing_certificates WHERE channel = :channel"
                        + " AND conversation_id = :conversationId ORDER BY found_at, finding_key")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .query((rs, n) -> new Found(rs.getString(1), rs.getString(2)))
                .list();
    }
}
