package org.certdesk.bot.insights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.conversation.StateLog;
import org.certdesk.dialogs.engine.ConversationState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The script states each conversation reached (first time only), written in the turn's
 * transaction: the dashboard's funnel, where employees drop off.
 */
@Repository
class StateVisits implements StateLog {
    private final JdbcClient jdbc;

    StateVisits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reached(ConversationKey key, List<ConversationState> states, Instant now) {
        Map<String, String> scriptByState = new LinkedHashMap<>();
        states.forEach(state -> scriptByState.putIfAbsent(state.stateId(), state.scriptId()));
        scriptByState.forEach((stateId, scriptId) -> jdbc.sql("INSERT INTO state_visits (channel, conversation_id,"
                        + " script_id, state_id, first_at) VALUES (:channel, :conversationId, :scriptId, :stateId, :now)"
                        + " ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("scriptId", scriptId).param("stateId", stateId.length() <= 128 ? stateId : stateId.substring(0, 128))
                .param("now", now.atOffset(ZoneOffset.UTC)).update());
    }
}
