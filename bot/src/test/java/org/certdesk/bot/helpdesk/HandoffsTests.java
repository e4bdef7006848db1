package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.StoredConversations;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.Handoff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

class HandoffsTests {
    private static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTurnReplayedOpensNoSecondCase(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        JsonMapper json = JsonMapper.builder().build();
        Handoffs handoffs = new Handoffs(jdbc, json, new CaseStore(jdbc, json, new Transcript(jdbc)));
        ConversationKey key = new ConversationKey("test", UUID.randomUUID().toString());
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at) VALUES (:c, :id, :now)")
                .param("c", key.channel()).param("id", key.conversationId()).param("now", NOW.atOffset(ZoneOffset.UTC))
                .update();
        StoredConversations.stateRow(jdbc, key);
        ConversationState state = new ConversationState("android-missing-certificate", 1, "escalate_several_missing",
                "fr", ConversationState.Status.ESCALATED, 0, false, null, null, 1, Map.of());
        Handoff handoff = new Handoff("several_missing", Map.of("missing_count", "2", "verdict", "INCOMPLETE_CHAIN"));

        handoffs.open(key, "action:1", handoff, state, NOW);
        handoffs.open(key, "action:1", handoff, state, NOW);
        handoffs.open(key, "activity:9", new Handoff("user_asked", Map.of()), state, NOW);

        assertThat(handoffs.count(key)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT variables_json FROM handoffs WHERE conversation_id = :id AND turn_ref = 'action:1'")
                .param("id", key.conversationId()).query(String.class).single())
                .isEqualTo("{\"missing_count\":\"2\",\"verdict\":\"INCOMPLETE_CHAIN\"}");
    }
}
