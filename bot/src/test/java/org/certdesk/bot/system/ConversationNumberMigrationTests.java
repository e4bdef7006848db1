package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An upgrade to V19 (the turn's tables keyed by the conversation's number) keeps every row of a store
 * an earlier release wrote, under the right conversation, on each database.
 */
class ConversationNumberMigrationTests {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anUpgradeKeepsEveryRowUnderItsConversationsNumber(TestDatabases database) {
        DataSource dataSource = database.empty();
        database.migrations(dataSource).target("18").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // Alex has had turns; Sam's first activity was accepted, and the process stopped before its turn:
        // that release created the conversation's row in the turn, so Sam has none.
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at, updated_at)"
                + " VALUES ('msteams', 'a:alex', :at, :at)").param("at", AT).update();
        for (String[] row : List.of(new String[] {"a:alex", "a1"}, new String[] {"a:sam", "s1"})) {
            jdbc.sql("INSERT INTO processed_activities (channel, conversation_id, activity_id, received_at)"
                    + " VALUES ('msteams', :id, :activity, :at)").param("id", row[0]).param("activity", row[1])
                    .param("at", AT).update();
        }
        jdbc.sql("INSERT INTO inbox (channel, conversation_id, activity_id, payload, received_at)"
                + " VALUES ('msteams', 'a:sam', 's1', '{}', :at)").param("at", AT).update();
        for (int sequence = 1; sequence <= 3; sequence++) {
            jdbc.sql("INSERT INTO outbox (channel, conversation_id, sequence, payload, status, next_attempt_at,"
                    + " created_at) VALUES ('msteams', 'a:alex', :sequence, '{}', 'PENDING', :at, :at)")
                    .param("sequence", sequence).param("at", AT).update();
        }
        long lastOutboxId = jdbc.sql("SELECT MAX(id) FROM outbox").query(Long.class).single();
        jdbc.sql("DELETE FROM outbox WHERE id = :id").param("id", lastOutboxId).update(); // delivered
        jdbc.sql("INSERT INTO transcript_lines (channel, conversation_id, author, text, created_at)"
                + " VALUES ('msteams', 'a:alex', 'employee', 'android 14', :at)").param("at", AT).update();
        jdbc.sql("INSERT INTO state_visits (channel, conversation_id, script_id, state_id, first_at)"
                + " VALUES ('msteams', 'a:alex', 'android-missing-certificate', 'ask_version', :at)")
                .param("at", AT).update();

        database.migrations(dataSource).load().migrate();

        long alex = number(jdbc, "a:alex");
        long sam = number(jdbc, "a:sam");
        assertThat(jdbc.sql("SELECT conversation_ref, activity_id FROM processed_activities ORDER BY activity_id")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).list())
                .containsExactly(alex + " a1", sam + " s1");
        assertThat(jdbc.sql("SELECT conversation_ref, activity_id FROM inbox")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).list()).containsExactly(sam + " s1");
        assertThat(jdbc.sql("SELECT channel, conversation_ref, sequence FROM outbox ORDER BY sequence")
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " #" + rs.getLong(3)).list())
                .containsExactly("msteams " + alex + " #1", "msteams " + alex + " #2");
        assertThat(jdbc.sql("SELECT conversation_ref, text FROM transcript_lines")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).list()).containsExactly(alex + " android 14");
        assertThat(jdbc.sql("SELECT conversation_ref, state_id FROM state_visits")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2)).list()).containsExactly(alex + " ask_version");

        // An id once given is never given again: the web chat and the webhook remember outbox ids.
        jdbc.sql("INSERT INTO outbox (channel, conversation_ref, sequence, payload, status, next_attempt_at,"
                + " created_at) VALUES ('msteams', :alex, 4, '{}', 'PENDING', :at, :at)").param("alex", alex).param("at", AT).update();
        assertThat(jdbc.sql("SELECT MAX(id) FROM outbox").query(Long.class).single()).isGreaterThan(lastOutboxId);
    }

    private static long number(JdbcClient jdbc, String conversationId) {
        return jdbc.sql("SELECT id FROM conversations WHERE channel = 'msteams' AND conversation_id = :id")
                .param("id", conversationId).query(Long.class).single();
    }
}
