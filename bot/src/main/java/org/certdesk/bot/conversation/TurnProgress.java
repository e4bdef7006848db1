package org.certdesk.bot.conversation;

import org.certdesk.bot.shared.ConversationKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a conversation's replies are all out: no activity of it left in the inbox, no reply of it
 * pending in the outbox, no slow action (the analyzer) running for it. The core writes these rows
 * in the transactions that matter (the inbox row goes in the commit that appends the turn's replies
 * and records a slow action; the action's result clears it in the commit that appends its replies),
 * so once all three are empty, every reply is in the webhook's mailbox.
 *
 * <p>For a channel that must answer within its own request (the Teams outgoing webhook). One statement,
 * so the three counts are one snapshot; it only reads, from any instance, rows the turn loop's stores
 * write.
 */
@Component
public class TurnProgress {
    private final JdbcClient jdbc;

    TurnProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param working activities or replies still on their way
     * @param checking a slow action (the certificate check) is running
     * @param locale the conversation's language, or null before its first turn
     */
    public record Progress(boolean working, boolean checking, String locale) {
        public boolean done() {
            return !working && !checking;
        }
    }

    public Progress of(ConversationKey key) {
        return jdbc.sql("SELECT"
                        + " (SELECT COUNT(*) FROM inbox i JOIN conversations c ON c.id = i.conversation_ref"
                        + "   WHERE c.channel = :channel AND c.conversation_id = :conversationId AND i.failed = FALSE)"
                        + " + (SELECT COUNT(*) FROM outbox o JOIN conversations c ON c.id = o.conversation_ref"
                        + "   WHERE c.channel = :channel AND c.conversation_id = :conversationId"
                        + "   AND o.status = 'PENDING') AS working,"
                        + " (SELECT COUNT(*) FROM conversations c WHERE c.channel = :channel"
                        + "   AND c.conversation_id = :conversationId AND c.pending_action_json IS NOT NULL) AS checking,"
                        + " (SELECT s.locale FROM conversations c"
                        + "   JOIN conversation_states s ON s.conversation_ref = c.id"
                        + "   WHERE c.channel = :channel AND c.conversation_id = :conversationId) AS locale")
                .param("channel", key.channel())
                .param("conversationId", key.conversationId())
                .query((rs, n) -> new Progress(rs.getLong("working") > 0, rs.getLong("checking") > 0,
                        rs.getString("locale")))
                .single();
    }
}
