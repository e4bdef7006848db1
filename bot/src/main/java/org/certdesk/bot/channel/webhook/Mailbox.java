package org.certdesk.bot.channel.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Replies of webhook conversations waiting for the next answer to a mention ({@code webhook_mailbox}).
 * In the database rather than in memory: the outbox may deliver on one instance and Teams call
 * another, and a result that arrives after the answer must survive a restart until the user asks.
 */
@Repository
class Mailbox {
    private final JdbcClient jdbc;

    Mailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the reply of outbox entry {@code outboxId}; a second put of the same entry changes nothing. */
    void put(String conversationId, long outboxId, long sequence, String text, Instant now) {
        jdbc.sql("INSERT INTO webhook_mailbox (conversation_id, outbox_id, sequence, text, created_at)"
                        + " VALUES (:conversationId, :outboxId, :sequence, :text, :now) ON CONFLICT DO NOTHING")
                .param("conversationId", conversationId)
                .param("outboxId", outboxId)
                .param("sequence", sequence)
                .param("text", text)
                .param("now", utc(now))
                .update();
    }

    /**
     * Takes the waiting replies of the conversation, in the order they were said. Each is taken by
     * one caller only, also when two mentions of the conversation are answered at once.
     */
    List<String> drain(String conversationId, Instant now) {
        record Waiting(long id, String text) {}
        List<Waiting> waiting = jdbc.sql("SELECT id, text FROM webhook_mailbox WHERE conversation_id = :conversationId"
                        + " AND drained_at IS NULL ORDER BY sequence")
                .param("conversationId", conversationId)
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2)))
                .list();
        List<String> taken = new ArrayList<>(waiting.size());
        for (Waiting reply : waiting) {
            int updated = jdbc.sql("UPDATE webhook_mailbox SET drained_at = :now WHERE id = :id AND drained_at IS NULL")
                    .param("now", utc(now)).param("id", reply.id()).update();
            if (updated == 1) {
                taken.add(reply.text());
            }
        }
        return taken;
    }

    boolean hasWaiting(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_mailbox WHERE conversation_id = :conversationId"
                        + " AND drained_at IS NULL")
                .param("conversationId", conversationId).query(Long.class).single() > 0;
    }

    /** Forgets replies put before {@code before}, given or not. */
    int sweep(Instant before) {
        return jdbc.sql("DELETE FROM webhook_mailbox WHERE created_at < :before").param("before", utc(before)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
