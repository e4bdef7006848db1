package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upgrade to V21 (what a turn changes in a table of its own) keeps each conversation where it was:
 * its dialog state, the slow action it waits for, its address, and its outbox numbering, which goes
 * on after the last number given.
 */
class ConversationStatesMigrationTests {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final ConversationKey ALEX = new ConversationKey("msteams", "a:alex");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anUpgradeKeepsEachConversationWhereItWas(TestDatabases database) {
        DataSource dataSource = database.empty();
        database.migrations(dataSource).target("20").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JsonMapper json = JsonMapper.builder().build();
        ConversationState waiting = new ConversationState("android-missing-certificate", 1, "analyze", "fr",
                ConversationState.Status.ACTIVE, 0, false, null, null, 1, Map.of("android_version", "14"));
        ActionRequest analysis = new ActionRequest("r-1", "cert.analyze", Map.of("host", "login.example.org"));
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, state_json, script_id, script_version, status,"
                        + " locale, pending_action_json, action_attempts, service_url, user_name, outbox_sequence, version,"
                        + " created_at, updated_at) VALUES ('msteams', 'a:alex', :state, 'android-missing-certificate', 1,"
                        + " 'ACTIVE', 'fr', :pending, 1, 'https://smba.example.org/emea/', 'Alex', 7, 3, :at, :at)")
                .param("state", waiting.toJson()).param("pending", ActionRequestJson.write(json, analysis))
                .param("at", AT).update();

        database.migrations(dataSource).load().migrate();

        ConversationStore store = new ConversationStore(jdbc, json);
        Conversation alex = store.find(ALEX).orElseThrow();
        assertThat(alex.state()).isEqualTo(waiting);
        assertThat(alex.version()).isEqualTo(3);
        assertThat(alex.pendingAction()).isEqualTo(analysis);
        assertThat(alex.actionAttempts()).isEqualTo(1);
        assertThat(alex.address().serviceUrl()).isEqualTo("https://smba.example.org/emea/");
        assertThat(alex.address().userName()).isEqualTo("Alex");
        assertThat(store.reserve(ALEX, 2).last()).as("the next replies are numbered after the last one given")
                .isEqualTo(9);
        assertThat(new TurnProgress(jdbc).of(ALEX)).isEqualTo(new TurnProgress.Progress(false, true, "fr"));

        // The saved turn that follows moves the state on, and writes the version the upgrade kept.
        store.save(alex.withState(waiting).withPendingAction(null, null, 0), Instant.parse("2026-12-01T09:01:00Z"));
        Conversation saved = store.find(ALEX).orElseThrow();
        assertThat(saved.version()).isEqualTo(4);
        assertThat(saved.pendingAction()).isNull();
    }
}
