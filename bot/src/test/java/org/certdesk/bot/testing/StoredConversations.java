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

    /** The conversation's number, its rows (no state) stored first unless they exist. */
    public static long number(DataSource dataSource, ConversationKey key) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at)"
                        + " VALUES (:channel, :conversationId, :now) ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        stateRow(jdbc, key);
        return jdbc.sql("SELECT id FROM conversations WHERE channel = :channel AND conversation_id = :conversationId")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .query(Long.class).single();
    }

    /**
     * The state row (no state yet) of the conversation a test stored in {@code conversations} itself,
     * unless it exists: every conversation has one, which its turns lock and its outbox numbers from.
     */
    public static void stateRow(JdbcClient jdbc, ConversationKey key) {
        jdbc.sql("INSERT INTO conversation_states (conversation_ref, updated_at) SELECT id, created_at FROM conversations"
                        + " WHERE channel = :channel AND conversation_id = :conversationId ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId()).update();
    }
}
