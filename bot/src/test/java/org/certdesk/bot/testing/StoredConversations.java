package org.certdesk.bot.testing;

import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.certdesk.bot.shared.ConversationKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A conversation's row for store tests that write what its turns write (transcript, state visits,
 * outbox), which is kept under the conversation's number.
 */
public final class StoredConversations {
    private StoredConversations() {
    }

    /** The conversation's number, its row (no state) stored first unless it exists. */
    public static long number(DataSource dataSource, ConversationKey key) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at, updated_at)"
                        + " VALUES (:channel, :conversationId, :now, :now) ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        return jdbc.sql("SELECT id FROM conversations WHERE channel = :channel AND conversation_id = :conversationId")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .query(Long.class).single();
    }
}
