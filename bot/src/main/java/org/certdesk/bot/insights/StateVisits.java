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
        // NOT EXISTS first: most turns reach a state the conversation saw before, and on H2 an insert
        // that ON CONFLICT turns down has still written the row and taken it back, so the table's pages
        // are written to the file again for nothing (measured: 60 against 25-38 µs, and 30 MB of file
        // growth against none, for 40,000 such inserts). ON CONFLICT stays for a concurrent first visit.
        scriptByState.forEach((stateId, scriptId) -> jdbc.sql("INSERT INTO state_visits (channel, conversation_id,"
                        + " script_id, state_id, first_at) SELECT :channel, :conversationId, :scriptId, :stateId, :now"
                        + " WHERE NOT EXISTS (SELECT 1 FROM state_visits WHERE channel = :channel"
                        + " AND conversation_id = :conversationId AND state_id = :stateId) ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("scriptId", scriptId).param("stateId", stateId.length() <= 128 ? stateId : stateId.substring(0, 128))
                .param("now", now.atOffset(ZoneOffset.UTC)).update());
    }
}
