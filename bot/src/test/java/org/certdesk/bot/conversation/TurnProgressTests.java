package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.StoredConversations;
import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What "the turn is done" reads, on both databases, from rows as the core writes them. */
class TurnProgressTests {
    private static final OffsetDateTime NOW = Instant.parse("2026-11-02T08:00:00Z").atOffset(ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void doneOnlyWhenNothingIsQueuedPendingOrRunning(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        TurnProgress progress = new TurnProgress(jdbc);
        ConversationKey key = new ConversationKey("webhook", UUID.randomUUID() + "|user");

        assertThat(progress.of(key)).as("unknown conversation").isEqualTo(new TurnProgress.Progress(false, false, null));

        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at) VALUES ('webhook', :id, :now)")
                .param("id", key.conversationId()).param("now", NOW).update();
        StoredConversations.stateRow(jdbc, key);
        long number = jdbc.sql("SELECT id FROM conversations WHERE conversation_id = :id")
                .param("id", key.conversationId()).query(Long.class).single();
        assertThat(progress.of(key)).as("stored, nothing waiting").isEqualTo(new TurnProgress.Progress(false, false, null));
        jdbc.sql("INSERT INTO inbox (conversation_ref, activity_id, payload, received_at)"
                        + " VALUES (:number, 'a-1', '{}', :now)")
                .param("number", number).param("now", NOW).update();
        assertThat(progress.of(key).working()).as("an activity waits for its turn").isTrue();
        jdbc.sql("UPDATE inbox SET failed = TRUE WHERE conversation_ref = :number").param("number", number).update();
        assertThat(progress.of(key).done()).as("set aside after its last attempt").isTrue();

        jdbc.sql("UPDATE conversations SET pending_action_json = '{\"name\":\"cert.analyze\"}' WHERE conversation_id = :id")
                .param("id", key.conversationId()).update();
        jdbc.sql("UPDATE conversation_states SET locale = 'fr' WHERE conversation_ref = :number")
                .param("number", number).update();
        assertThat(progress.of(key)).isEqualTo(new TurnProgress.Progress(false, true, "fr"));

        jdbc.sql("UPDATE conversations SET pending_action_json = NULL WHERE conversation_id = :id")
                .param("id", key.conversationId()).update();
        jdbc.sql("INSERT INTO outbox (channel, conversation_ref, sequence, payload, status, next_attempt_at,"
                        + " created_at) VALUES ('webhook', :number, 1, '{}', 'PENDING', :now, :now)")
                .param("number", number).param("now", NOW).update();
        assertThat(progress.of(key)).isEqualTo(new TurnProgress.Progress(true, false, "fr"));

        jdbc.sql("UPDATE outbox SET status = 'SENT' WHERE conversation_ref = :number").param("number", number).update();
        assertThat(progress.of(key).done()).isTrue();
    }
}
